/**
 * JSON pointers made readable for people who never saw JSON: `/pages/0/elements/2/visibleIf`
 * becomes `Page 1 "about" › Question 3 "age" › visibleIf`, naming each element by the name it has
 * in the uploaded definition; a translation file's `/rows/12/sv` becomes `Row 12 › sv`.
 */
import type { TFunction } from 'i18next';

const KINDS: Record<string, string> = {
  pages: 'page', elements: 'question', templateElements: 'question', questions: 'question', choices: 'choice', columns: 'column',
  rows: 'row', validators: 'validator', calculatedValues: 'calculated', triggers: 'trigger', rateValues: 'choice',
};
const PANELS = new Set(['panel', 'paneldynamic']);

const unescapePart = (part: string) => part.replace(/~1/g, '/').replace(/~0/g, '~');

function nameOf(node: unknown): string | undefined {
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (node && typeof node === 'object') {
    const { name, value } = node as { name?: unknown; value?: unknown };
    if (typeof name === 'string' && name) return name;
    if (typeof value === 'string' || typeof value === 'number') return String(value);
  }
  return undefined;
}

/** The pointer's steps in words; `root` is the definition the pointer points into, when known. */
export function readablePath(pointer: string, t: TFunction, root?: unknown): string {
  const parts = pointer.split('/').slice(1).map(unescapePart);
  if (parts.length === 0 || (parts.length === 1 && parts[0] === '')) return t('path.whole');
  const words: string[] = [];
  let node: unknown = root;
  parts.forEach((part, i) => {
    const parent = node;
    node = parent && typeof parent === 'object' ? (parent as Record<string, unknown>)[part] : undefined;
    const key = parts[i - 1];
    if (/^\d+$/.test(part) && key !== undefined && (Array.isArray(parent) || (root === undefined && key in KINDS))) {
      let kind = KINDS[key] ?? 'item';
      if (kind === 'question' && PANELS.has(String((node as { type?: unknown } | undefined)?.type))) kind = 'panel';
      // a translation file's rows are counted as a spreadsheet shows them, not from 0
      const n = root === undefined && key === 'rows' ? Number(part) : Number(part) + 1;
      const name = nameOf(node);
      words.splice(words.length - 1, 1, name ? t('path.named', { what: t(`path.${kind}`, { n }), name }) : t(`path.${kind}`, { n }));
    } else words.push(part);
  });
  return words.join(' › ');
}
