/**
 * Texts as a respondent sees them: `{name}` piping with the display value of an answer (the
 * choice's text, not its value, as survey-core pipes it), and survey-core's `{0}` formats.
 */
import { BUILT_IN_PREFIX } from './compiled-types.js';
import type { BuiltInString, CompiledChoice, CompiledQuestion, TextsPayload } from './compiled-types.js';
import type { RuntimeState } from './runtime-state.js';
import { isQuestion, isSelect } from './runtime-tree.js';
import type { TreeNode } from './runtime-tree.js';
import { findByValue, isAnswerEmpty, isValueEmpty } from './values.js';

export type Lookup = (key: string | undefined) => string;

export function textLookup(texts: TextsPayload): Lookup {
  return (key) => (key === undefined ? '' : (texts.texts[key] ?? ''));
}

export function builtIn(lookup: Lookup, name: BuiltInString): string {
  return lookup(BUILT_IN_PREFIX + name);
}

/** survey-core's String.format: `{0}`, `{1}`… replaced by the arguments. */
export function format(template: string, ...args: unknown[]): string {
  return template.replace(/\{(\d+)\}/g, (match, index: string) => {
    const arg = args[Number(index)];
    return arg === undefined ? match : String(arg);
  });
}

/**
 * Replaces every `{name}` that `resolve` knows (survey-core's TextPreProcessor: the innermost
 * braces, names trimmed, none with ':'); unknown names stay as written.
 */
export function pipe(text: string, resolve: (name: string) => { found: boolean; text: string }): string {
  const items: Array<[number, number]> = [];
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '{') start = i;
    else if (text[i] === '}') {
      if (start > -1) {
        const name = text.slice(start + 1, i);
        if (name !== '' && !name.includes(':')) items.push([start, i]);
      }
      start = -1;
    }
  }
  let result = text;
  for (let k = items.length - 1; k >= 0; k--) {
    const [from, to] = items[k];
    const name = result.slice(from + 1, to).trim();
    if (name === '') continue;
    const value = resolve(name);
    if (value.found) result = result.slice(0, from) + value.text + result.slice(to + 1);
  }
  return result;
}

export interface DisplayContext {
  /** a text by key, itself piped: a choice text or label may pipe another answer */
  lookup: Lookup;
  /** the text of the question's "other" answer */
  comment: string;
  /** a choice question's visible choices: survey-core shows the value itself for a hidden one */
  shown?: readonly CompiledChoice[];
}

/** The text survey-core shows for a question's value when piping it into another text. */
export function displayValue(def: CompiledQuestion, value: unknown, context: DisplayContext): unknown {
  if (isAnswerEmpty(value)) return '';
  const { lookup } = context;
  if (isSelect(def)) {
    const one = (item: unknown): unknown => {
      if (def.hasOther && item === 'other') return context.comment !== '' ? context.comment : lookup(def.otherTextKey);
      if (def.hasNone && item === 'none') return lookup(def.noneTextKey);
      const choice = findByValue(context.shown ?? def.choices, item);
      return choice ? lookup(choice.textKey) : item;
    };
    return Array.isArray(value) ? value.map(one).join(', ') : one(value);
  }
  if (def.type === 'ranking') {
    const one = (item: unknown) => { const choice = findByValue(def.choices, item); return choice ? lookup(choice.textKey) : item; };
    return Array.isArray(value) ? value.map(one).join(', ') : one(value);
  }
  if (def.type === 'boolean') {
    if (value === def.valueTrue) return lookup(def.labelTrueKey);
    if (value === def.valueFalse) return lookup(def.labelFalseKey);
    return value;
  }
  if (def.type === 'rating') {
    const item = findByValue(def.rateValues, value);
    return item ? lookup(item.textKey) : value;
  }
  return value;
}

/** How a piped value becomes text: survey-core concatenates it into the string. */
export function asText(value: unknown): string {
  if (isValueEmpty(value)) return '';
  return String(value);
}

/** `text(key)` of a runtime: the payload's text, piped when the compiler marked it. */
export function textsOf(state: RuntimeState, texts: TextsPayload): {
  lookup: Lookup;
  text: (key: string | undefined, local?: (name: string) => { found: boolean; text: string } | undefined) => string;
} {
  const lookup = textLookup(texts);
  const piped = new Set(texts.piped);
  const findCaseless = (name: string): TreeNode | undefined => {
    const lower = name.toLowerCase();
    for (const [key, value] of state.tree.byName) if (key.toLowerCase() === lower) return value;
    return undefined;
  };
  // the questions whose answers are being shown: a choice text may pipe another answer, and the
  // compiler refuses cycles, but a runtime must not recurse forever on a payload it did not check
  const showing = new Set<string>();
  const resolve = (name: string): { found: boolean; text: string } => {
    const target = state.tree.byName.get(name) ?? findCaseless(name);
    if (isQuestion(target)) {
      const def = target.def;
      if (showing.has(def.name)) return { found: true, text: '' };
      showing.add(def.name);
      try {
        const comment = asText(state.comment(def));
        const shown = isSelect(def) ? state.shownChoices(def) : undefined;
        return { found: true, text: asText(displayValue(def, state.questionValue(def), { lookup: text, comment, shown })) };
      } finally {
        showing.delete(def.name);
      }
    }
    const found = state.read(name);
    // survey-core shows a calculated value that is NaN as "NaN", where an empty one shows nothing
    const value = typeof found.value === 'number' && Number.isNaN(found.value) ? 'NaN' : found.value;
    return { found: found.found, text: found.found ? asText(value) : '' };
  };
  /** `local`: names of a scope of its own (a dynamic panel's), resolved before the survey's */
  function text(key: string | undefined, local?: (name: string) => { found: boolean; text: string } | undefined): string {
    return key !== undefined && piped.has(key) ? pipe(lookup(key), (name) => local?.(name) ?? resolve(name)) : lookup(key);
  }
  return { lookup, text };
}
