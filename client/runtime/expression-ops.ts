/**
 * survey-core 3.1's value semantics, reproduced line for line from fesm/survey-core.mjs with its
 * default settings (comparator: trimStrings, not caseSensitive; parseNumber and normalizeText
 * identity; storeUtcDates false). Sources: Helpers (isValueEmpty, getNumberCore,
 * checkIfValuesEqual, sumAnyValues, correctAfter*), Const.getCorrectValue, createDate and
 * OperandMaker.binaryFunctions / unaryFunctions. The casts keep JavaScript's own coercions, which
 * survey-core relies on: `'01' > 0`, `true == 1`, `'a' + 1`.
 */
type Binary = (l: unknown, r: unknown) => unknown;
const loose = (value: unknown): number => value as number;

export function isEmpty(value: unknown): boolean {
  if (Array.isArray(value) && value.length === 0) return true;
  if (!!value && value instanceof Object && value.constructor === Object) {
    for (const key in value) if (!isEmpty((value as Record<string, unknown>)[key])) return false;
    return true;
  }
  return !value && value !== 0 && value !== false;
}

/** Helpers.getNumber: NaN unless survey-core reads the value as a number ('1,5' and ' 2 ' included). */
export function toNumber(value: unknown): number {
  let v = value;
  if (typeof value === 'string') {
    let s = value.trim();
    if (!s) return NaN;
    if (s.indexOf('0x') === 0) return s.length > 32 ? NaN : parseInt(s);
    if (s.length > 15 && /^[0-9]+$/.test(s)) return NaN;
    if (s.lastIndexOf('-') <= 0 && s.lastIndexOf('+') <= 0 && /[*^/%]/.test(s)) return NaN;
    const comma = s.indexOf(',');
    if (comma > -1 && s.indexOf(',', comma + 1) < 0) s = s.replace(',', '.');
    v = s;
  }
  const res = parseFloat(String(v));
  return isNaN(res) || !Number.isFinite(Number(v)) ? NaN : res;
}

export const isNumber = (value: unknown): boolean => !isNaN(toNumber(value));

/** Const.getCorrectValue: how constants and variable values are read ('TRUE' → true, '1' → 1, '01' stays). */
export function correctValue(value: unknown): unknown {
  if (!value || typeof value !== 'string') return value;
  const lower = value.toLowerCase();
  if (lower === 'true' || lower === 'false') return lower === 'true';
  const quote = (ch: string) => ch === "'" || ch === '"';
  if (value.length > 1 && quote(value[0]) && quote(value[value.length - 1])) return value.substring(1, value.length - 1);
  if (!isNumber(value)) return value;
  const leadingZero = value[0] === '0' && value.indexOf('0x') !== 0 && value.length > 1;
  return leadingZero && value[1] !== '.' && value[1] !== ',' ? value : toNumber(value);
}

/** createDate for a given value; an empty one means now, from the caller's clock. */
export function createDate(value: unknown, now: () => Date = () => new Date()): Date {
  if (!value) return now();
  let v = value;
  if (typeof v === 'string' && v.indexOf('T') <= 0 && /\d{4}-\d{2}-\d{2}/.test(v) && !isNaN(new Date(v).getTime())) v += 'T00:00:00';
  return new Date(loose(v));
}

function convertibleToNumber(v: unknown): boolean {
  if (v === undefined || v === null || Array.isArray(v)) return false;
  try {
    return !Number.isNaN(Number(v));
  } catch {
    return false; // an object whose toString is not a function
  }
}

/** Helpers.checkIfValuesEqual with survey-core's default comparator settings. */
export function valuesEqual(x: unknown, y: unknown, ignoreOrder: boolean): boolean {
  if (x === y) return true;
  if ((Array.isArray(x) && x.length === 0 && y === undefined) || (Array.isArray(y) && y.length === 0 && x === undefined)) return true;
  if (((x === undefined || x === null) && y === '') || ((y === undefined || y === null) && x === '')) return true;
  if (typeof x === 'string' && typeof y === 'string') return x.trim().toLowerCase() === y.trim().toLowerCase();
  if (x instanceof Date && y instanceof Date) return x.getTime() == y.getTime();
  if (convertibleToNumber(x) && convertibleToNumber(y) && parseInt(String(x)) === parseInt(String(y)) && parseFloat(String(x)) === parseFloat(String(y))) return true;
  if (isEmpty(x) !== isEmpty(y)) return false;
  if (typeof x === 'boolean' && typeof y === 'string') return x.toString() === y.toLocaleLowerCase();
  if (typeof y === 'boolean' && typeof x === 'string') return y.toString() === x.toLocaleLowerCase();
  if (!(x instanceof Object) && !(y instanceof Object)) return x == y;
  if (!(x instanceof Object) || !(y instanceof Object)) return false;
  const equals = (o: object) => (o as { equals?: (other: unknown) => boolean }).equals;
  if (equals(x) && equals(y)) return (x as { equals: (other: unknown) => boolean }).equals(y);
  if (Array.isArray(x) && Array.isArray(y)) {
    if (x.length !== y.length) return false;
    const [xs, ys] = ignoreOrder ? [[...x].sort(), [...y].sort()] : [x, y];
    return xs.every((item, i) => valuesEqual(item, ys[i], ignoreOrder));
  }
  const has = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);
  const xr = x as Record<string, unknown>, yr = y as Record<string, unknown>;
  for (const key in xr) if (has(xr, key) && (!has(yr, key) || !valuesEqual(xr[key], yr[key], ignoreOrder))) return false;
  for (const key in yr) if (has(yr, key) && !has(xr, key)) return false;
  return true;
}

/** OperandMaker.isTwoValueEquals: the string 'undefined' stands for undefined; array order is ignored. */
const operandEquals = (x: unknown, y: unknown) => valuesEqual(x === 'undefined' ? undefined : x, y === 'undefined' ? undefined : y, true);

function countDecimals(value: unknown): number {
  if (!isNumber(value) || Math.floor(loose(value)) === value) return 0;
  const parts = loose(value).toString().split('.');
  return (parts.length > 1 && parts[1].length) || 0;
}
/** Rounds away binary noise (0.1 + 0.2 = 0.3); throws, like survey-core, when the result is not a number. */
export function afterPlusMinus(a: unknown, b: unknown, res: unknown): unknown {
  const digits = Math.max(countDecimals(a), countDecimals(b));
  return digits > 0 ? parseFloat(loose(res).toFixed(digits)) : res;
}
function afterMultiple(a: unknown, b: unknown, res: number): number {
  const digits = countDecimals(a) + countDecimals(b);
  return digits > 0 ? parseFloat(res.toFixed(digits)) : res;
}

function sumAnyValues(a: unknown, b: unknown): unknown {
  if (isNumber(a) && isNumber(b)) return typeof a === 'string' || typeof b === 'string' ? loose(a) + loose(b) : afterPlusMinus(a, b, loose(a) + loose(b));
  if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  if (Array.isArray(a) || Array.isArray(b)) {
    const arr = (Array.isArray(a) ? a : b) as unknown[];
    const val = arr === a ? b : a;
    if (typeof val === 'string') return arr === a ? arr.join(', ') + val : val + arr.join(', ');
    if (typeof val === 'number') {
      let res: unknown = 0;
      for (const item of arr) if (typeof item === 'number') res = afterPlusMinus(res, item, loose(res) + item);
      return afterPlusMinus(res, val, loose(res) + val);
    }
  }
  return loose(a) + loose(b);
}

/** convertValForDateCompare: a string compared with a Date becomes a Date (and the Date may lose precision). */
function forDateCompare(val: unknown, second: unknown): unknown {
  if (second instanceof Date && typeof val === 'string') {
    const res = createDate(val);
    second.setMilliseconds(0);
    if (second.getHours() > 0 || second.getMinutes() > 0 || second.getSeconds() > 0) return res;
    res.setHours(0, 0, 0);
    return res;
  }
  if (typeof second === 'string' && val instanceof Date) {
    if (second.length < 17) val.setSeconds(0, 0);
    if (second.length < 14) val.setMinutes(0, 0);
    if (second.length < 11) val.setHours(0, 0);
  }
  return val;
}
function compare(l: unknown, r: unknown, greater: boolean): boolean {
  if (l == null || r == null) return false;
  const left = forDateCompare(l, r);
  const right = forDateCompare(r, left);
  return greater ? loose(left) > loose(right) : loose(left) < loose(right);
}
function equal(l: unknown, r: unknown): boolean {
  const left = forDateCompare(l, r);
  return operandEquals(left, forDateCompare(r, left));
}

/** `=` when an operand is a ranking question: arrays must be equal in order */
export function strictEqual(l: unknown, r: unknown): boolean {
  const left = forDateCompare(l, r);
  const right = forDateCompare(r, left);
  return valuesEqual(left === 'undefined' ? undefined : left, right === 'undefined' ? undefined : right, false);
}

function containsCore(left: unknown, right: unknown, isContains: boolean): boolean {
  if (Array.isArray(left) && !left.length) return !isContains;
  if (!left && left !== 0 && left !== false) return false;
  let l = left as ArrayLike<unknown> | string;
  if (!l.length) l = l.toString();
  if (typeof l === 'string' || l instanceof String) {
    if (!right) return false;
    return l.toString().toLowerCase().indexOf((right as object).toString().toLowerCase()) > -1 === isContains;
  }
  for (const r of Array.isArray(right) ? right : [right]) {
    let i = 0;
    while (i < l.length && !operandEquals(l[i], r)) i++;
    if (i === l.length) return !isContains;
  }
  return isContains;
}
const contains: Binary = (l, r) => containsCore(l, r, true);
function anyof(l: unknown, r: unknown): boolean {
  if (isEmpty(l) && isEmpty(r)) return true;
  if (isEmpty(l) || (!Array.isArray(l) && (l as { length?: number }).length === 0)) return false;
  if (isEmpty(r)) return true;
  if (!Array.isArray(l)) return containsCore(r, l, true);
  if (!Array.isArray(r)) return containsCore(l, r, true);
  return r.some((item) => containsCore(l, item, true));
}

/** The grammar builds these with isArithmeticOp: empty operands become 0, '' or [] to match the other side. */
export const ARITHMETIC_OPERATORS: readonly string[] = ['and', 'or', 'plus', 'minus', 'mul', 'div', 'mod', 'power'];
function arithmetic(op: Binary): Binary {
  const fill = (val: unknown, second: unknown) =>
    !isEmpty(val) ? val : typeof second === 'number' ? 0 : typeof val === 'string' ? val : typeof second === 'string' ? '' : Array.isArray(second) ? [] : 0;
  return (a, b) => {
    const l = fill(a, b);
    return op(l, fill(b, l));
  };
}

export const BINARY_OPERATORS: ReadonlyMap<string, Binary> = new Map<string, Binary>([
  ['equal', equal],
  ['notequal', (l, r) => !equal(l, r)],
  ['greater', (l, r) => compare(l, r, true)],
  ['less', (l, r) => compare(l, r, false)],
  ['greaterorequal', (l, r) => equal(l, r) || compare(l, r, true)],
  ['lessorequal', (l, r) => equal(l, r) || compare(l, r, false)],
  ['contains', contains],
  ['notcontains', (l, r) => (!l && !isEmpty(r)) || containsCore(l, r, false)],
  ['anyof', anyof],
  ['noneof', (l, r) => !anyof(l, r)],
  ['allof', (l, r) => (!l && !isEmpty(r) ? false : !Array.isArray(r) ? contains(l, r) : r.every((item) => contains(l, item)))],
  ['and', arithmetic((a, b) => loose(a) && b)],
  ['or', arithmetic((a, b) => loose(a) || b)],
  ['plus', arithmetic(sumAnyValues)],
  ['minus', arithmetic((a, b) => afterPlusMinus(a, b, loose(a) - loose(b)))],
  ['mul', arithmetic((a, b) => afterMultiple(a, b, loose(a) * loose(b)))],
  ['div', arithmetic((a, b) => (!b ? null : loose(a) / loose(b)))],
  ['mod', arithmetic((a, b) => (!b ? null : loose(a) % loose(b)))],
  ['power', arithmetic((a, b) => Math.pow(loose(a), loose(b)))],
]);

export const UNARY_OPERATORS: ReadonlyMap<string, (value: unknown) => boolean> = new Map([
  ['empty', isEmpty],
  ['notempty', (value: unknown) => !isEmpty(value)],
  ['negate', (value: unknown) => !value],
]);
