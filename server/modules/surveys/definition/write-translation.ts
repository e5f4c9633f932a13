/** Writing one translated text into a definition at the pointer collectStrings gave for it. */
import { isRecord, locateParent, parsePointer, escapeToken } from './json-pointer.js';
import { splitShorthand } from './walk.js';
import type { Primitive } from './walk.js';

/**
 * Mutates `root` (the caller's private copy). A plain string becomes `{ default, [locale] }`;
 * a choice that had no text, or was a bare value, gets one whose default is what it showed.
 * Returns false when the pointer no longer leads to a localizable value.
 */
export function writeTranslation(root: unknown, pointer: string, locale: string, text: string): boolean {
  const at = locateParent(root, pointer);
  if (!at) return expandBareChoice(root, pointer, locale, text);
  if (Array.isArray(at.container)) return false;
  const current = at.container[at.token];
  if (typeof current === 'string') {
    at.container[at.token] = { default: current, [locale]: text };
  } else if (isRecord(current)) {
    current[locale] = text;
  } else if (current === undefined && at.token === 'text' && isPrimitive(at.container.value)) {
    at.container.text = { default: shownText(at.container.value), [locale]: text };
  } else {
    return false;
  }
  return true;
}

function expandBareChoice(root: unknown, pointer: string, locale: string, text: string): boolean {
  const tokens = parsePointer(pointer);
  if (tokens.pop() !== 'text') return false;
  const item = locateParent(root, tokens.map((t) => `/${escapeToken(t)}`).join(''));
  if (!item || !Array.isArray(item.container)) return false;
  const index = Number(item.token);
  const bare = item.container[index];
  if (!isPrimitive(bare)) return false;
  const { value } = splitShorthand(bare);
  item.container[index] = { value, text: { default: shownText(bare), [locale]: text } };
  return true;
}

function shownText(item: Primitive): string {
  const split = splitShorthand(item);
  return split.text ?? String(split.value);
}

function isPrimitive(value: unknown): value is Primitive {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
