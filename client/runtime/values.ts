/**
 * Value semantics copied from survey-core's Helpers (3.1), because answers must compare, count
 * as empty and be found among choices exactly as survey-core does, or the runtime would show,
 * require and clear different things than the reference.
 */

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** undefined, null, '', [] and objects whose every value is empty; 0 and false are answers. */
export function isValueEmpty(value: unknown): boolean {
  if (Array.isArray(value) && value.length === 0) return true;
  if (isPlainObject(value) && Object.getPrototypeOf(value) === Object.prototype) {
    for (const key in value) if (!isValueEmpty(value[key])) return false;
    return true;
  }
  return !value && value !== 0 && value !== false;
}

/** survey-core's isEmpty of a paneldynamic: no panel holds a key. */
export function panelsEmpty(value: unknown): boolean {
  return !Array.isArray(value) || value.every((item) => !item || (typeof item === 'object' && Object.keys(item).length === 0));
}

/** A question's own emptiness test: a text of spaces is no answer (survey-core's allowSpaceAsAnswer off). */
export function isAnswerEmpty(value: unknown): boolean {
  if (typeof value === 'string') return value.trim() === '';
  return isValueEmpty(value);
}

function isConvertibleToNumber(value: unknown): boolean {
  if (value === undefined || value === null || Array.isArray(value)) return false;
  try {
    return !isNaN(value as number);
  } catch {
    return false;
  }
}

export interface CompareOptions {
  ignoreOrder?: boolean;
  caseSensitive?: boolean;
  trimStrings?: boolean;
  /** false: a number never equals a string (survey-core's doNotConvertNumbers) */
  convertNumbers?: boolean;
}

/** survey-core's Helpers.isTwoValueEquals: loose about case, spaces, numbers in strings and empties. */
export function valuesEqual(x: unknown, y: unknown, options: CompareOptions = {}): boolean {
  if (x === y) return true;
  if (Array.isArray(x) && x.length === 0 && y === undefined) return true;
  if (Array.isArray(y) && y.length === 0 && x === undefined) return true;
  if ((x === undefined || x === null) && y === '') return true;
  if ((y === undefined || y === null) && x === '') return true;
  if (typeof x === 'string' && typeof y === 'string') {
    let a = x;
    let b = y;
    if (options.trimStrings ?? true) {
      a = a.trim();
      b = b.trim();
    }
    if (!(options.caseSensitive ?? false)) {
      a = a.toLowerCase();
      b = b.toLowerCase();
    }
    return a === b;
  }
  if (x instanceof Date && y instanceof Date) return x.getTime() === y.getTime();
  const convertNumbers = options.convertNumbers ?? true;
  if (convertNumbers && isConvertibleToNumber(x) && isConvertibleToNumber(y)) {
    if (parseInt(x as string) === parseInt(y as string) && parseFloat(x as string) === parseFloat(y as string)) return true;
  }
  if (isValueEmpty(x) !== isValueEmpty(y)) return false;
  if ((x === true || x === false) && typeof y === 'string') return String(x) === y.toLocaleLowerCase();
  if ((y === true || y === false) && typeof x === 'string') return String(y) === x.toLocaleLowerCase();
  const xObject = x instanceof Object;
  const yObject = y instanceof Object;
  // survey-core compares primitives loosely here, numbers only when it converts them
  if (!xObject && !yObject && (convertNumbers || (typeof x !== 'number' && typeof y !== 'number'))) return x == y;
  if (!xObject || !yObject) return false;
  if (Array.isArray(x) && Array.isArray(y)) return arraysEqual(x, y, options);
  if (Array.isArray(x) !== Array.isArray(y)) return false;
  const a = x as Record<string, unknown>;
  const b = y as Record<string, unknown>;
  for (const key of Object.keys(a)) if (!Object.hasOwn(b, key) || !valuesEqual(a[key], b[key], options)) return false;
  for (const key of Object.keys(b)) if (!Object.hasOwn(a, key)) return false;
  return true;
}

function arraysEqual(x: unknown[], y: unknown[], options: CompareOptions): boolean {
  if (x.length !== y.length) return false;
  const a = options.ignoreOrder ? [...x].sort() : x;
  const b = options.ignoreOrder ? [...y].sort() : y;
  return a.every((item, i) => valuesEqual(item, b[i], options));
}

/**
 * Whether survey-core leaves a question's value as it is when given a new one (Base.isTwoValueEquals
 * in Question.isNewValueEqualsToValue): case- and space-sensitive, and 0 is not '  '.
 */
export function sameQuestionValue(value: unknown, next: unknown): boolean {
  return valuesEqual(value, next, { caseSensitive: true, trimStrings: false, convertNumbers: false });
}

/** How survey-core finds a choice by value: case- and space-sensitive, but 1 equals '1'. */
export function sameChoiceValue(choice: unknown, value: unknown): boolean {
  if (isValueEmpty(value)) return isValueEmpty(choice);
  return valuesEqual(choice, value, { caseSensitive: true, trimStrings: false });
}

export function findByValue<T extends { value: unknown }>(items: readonly T[], value: unknown): T | undefined {
  return items.find((item) => sameChoiceValue(item.value, value));
}

/**
 * A variable as survey-core's ValueGetter reads it: names are case-insensitive, `a.b` reads into
 * objects (trying the longest dotted key first, as question names may contain dots) and `a[0]`
 * into arrays. `found` is false when nothing by that name exists.
 */
export function readPath(root: Record<string, unknown>, name: string, rootKeys?: ReadonlyMap<string, string>): { found: boolean; value: unknown } {
  if (!name.includes('.') && !name.endsWith(']')) {
    const value = member(root, name, rootKeys);
    return { found: value !== undefined, value };
  }
  const parts = name.split('.').map(splitIndex);
  let current: unknown = root;
  let i = 0;
  while (i < parts.length) {
    let matched = false;
    let end = parts.length - 1;
    for (let k = i; k < parts.length; k++) {
      if (parts[k].index !== undefined) {
        end = k;
        break;
      }
    }
    for (let j = end; j >= i; j--) {
      const key = parts.slice(i, j + 1).map((p) => p.name).join('.');
      const next = member(current, key, current === root ? rootKeys : undefined);
      if (next === undefined) continue;
      current = next;
      i = j;
      matched = true;
      break;
    }
    if (!matched) return { found: false, value: undefined };
    const index = parts[i].index;
    if (index !== undefined) {
      if (!Array.isArray(current)) return { found: false, value: undefined };
      const at = index < 0 ? current.length + index : index;
      if (at < 0 || at >= current.length) return { found: false, value: undefined };
      current = current[at];
    }
    i += 1;
  }
  return { found: true, value: current };
}

function splitIndex(part: string): { name: string; index?: number } {
  if (!part.endsWith(']')) return { name: part };
  const open = part.lastIndexOf('[');
  if (open < 0) return { name: part };
  const index = Number(part.slice(open + 1, -1));
  return Number.isInteger(index) ? { name: part.slice(0, open), index } : { name: part };
}

/** The first key of each lower-cased name, so that a long list of answers is not scanned per lookup. */
export function keyIndex(record: Record<string, unknown>): Map<string, string> {
  const index = new Map<string, string>();
  for (const key of Object.keys(record)) {
    const lower = key.toLowerCase();
    if (!index.has(lower)) index.set(lower, key);
  }
  return index;
}

function member(object: unknown, name: string, keys?: ReadonlyMap<string, string>): unknown {
  if (!object || !name) return undefined;
  if (name === 'length' && (Array.isArray(object) || typeof object === 'string')) return object.length;
  if (typeof object !== 'object') return undefined;
  const record = object as Record<string, unknown>;
  const lower = name.toLowerCase();
  if (keys) {
    const key = keys.get(lower);
    return key === undefined ? undefined : record[key];
  }
  for (const key of Object.keys(record)) if (key.toLowerCase() === lower) return record[key];
  return undefined;
}
