/** Reading an uploaded file in the browser before anything is sent. */
import type { TFunction } from 'i18next';

export class FileProblem extends Error {}

/**
 * Where JSON text first breaks, as a character offset: the browser's own message names the
 * position for some errors only ("Unexpected token '}', ... is not valid JSON" does not).
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const space = () => { while (/\s/.test(text[i] ?? '')) i++; };
  const fail = (): never => { throw i; };
  const literal = (word: string) => { if (text.startsWith(word, i)) i += word.length; else fail(); };
  function string() {
    i++;
    while (text[i] !== '"') {
      if (i >= text.length || text.charCodeAt(i) < 0x20) fail();
      if (text[i] === '\\') { i++; if (text[i] === 'u' ? !/^u[0-9a-fA-F]{4}/.test(text.slice(i, i + 5)) : !'"\\/bfnrt'.includes(text[i] ?? 'x')) fail(); i += text[i] === 'u' ? 5 : 1; } else i++;
    }
    i++;
  }
  function value(): void {
    space();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++; space();
      if (text[i] === close) { i++; return; }
      for (;;) {
        if (c === '{') { space(); if (text[i] !== '"') fail(); string(); space(); if (text[i] !== ':') fail(); i++; }
        value(); space();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === close) { i++; return; }
        fail();
      }
    }
    if (c === '"') return string();
    const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (number) { i += number[0].length; return; }
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    fail();
  }
  try {
    value(); space();
    return i < text.length ? i : -1;
  } catch (offset) {
    return offset as number;
  }
}

/** Line and column (from 1) of a character offset. */
function lineColumn(text: string, offset: number) {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/**
 * A SurveyJS definition from a .json file: a JSON object, or a FileProblem saying where the JSON
 * breaks (line and column), so a syntax error is fixed before any upload.
 */
export async function readDefinition(file: File, t: TFunction): Promise<Record<string, unknown>> {
  const text = (await file.text()).replace(/^\uFEFF/, '');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const offset = jsonErrorOffset(text);
    const where = offset >= 0 ? lineColumn(text, offset) : undefined;
    throw new FileProblem(where ? t('file.syntaxAt', { ...where, detail: message }) : t('file.syntax', { detail: message }));
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new FileProblem(t('file.notObject'));
  return parsed as Record<string, unknown>;
}
