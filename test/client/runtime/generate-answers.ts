/**
 * The answer sets generated.test.ts gives both engines: answers.ts's, less the kinds of answer
 * whose divergence is already known (each a KNOWN DIVERGENCE, reported with the test).
 */
import type { StructurePayload } from '../../../client/runtime/compiled-types.js';
import { questionsOf } from './answers.js';

/**
 * KNOWN DIVERGENCE: survey-core reads `{q}` through the question, which keeps the empty value it
 * was cleared with ('' for a text answered before, undefined): `{q} + {q}` is '' and a calculated
 * value `{q}` is undefined, piped as "{calc}". Our runtime reads the data, where a cleared answer
 * is gone. So answers are cleared with null here, which both read alike.
 */
function clearedWithNull(value: unknown): unknown {
  return value === undefined || value === '' ? null : value;
}

/**
 * KNOWN DIVERGENCE: when the page of a choice question is hidden, survey-core drops an answer
 * that is not among its visible choices, ours keeps it; so such answers are left out: unknown
 * values always, and on a page that may be hidden, choices that may be hidden too.
 */
export function answerAdapter(structure: StructurePayload): (name: string, value: unknown) => unknown {
  const mayHide = new Set(structure.pages.filter((page) => !page.visible || page.visibleIf)
    .flatMap((page) => questionsOf({ ...structure, pages: [page] }).map((q) => q.name)));
  const known = new Map(questionsOf(structure).flatMap((q) => (q.type === 'radiogroup' || q.type === 'dropdown' || q.type === 'checkbox'
    ? [[q.name, [
      ...q.choices.filter((c) => !mayHide.has(q.name) || (!c.visibleIf && !q.choicesVisibleIf)).map((c) => c.value),
      ...(q.hasOther ? ['other'] : []), ...(q.hasNone ? ['none'] : []),
    ]] as const] : [])));
  // KNOWN DIVERGENCE: a matrix cleared with null leaves survey-core's expressions on `{m.row}` stale; cleared with {} here
  const matrices = new Set(questionsOf(structure).filter((q) => q.type === 'matrix').map((q) => q.name));
  // the same for the choice questions of a paneldynamic's template: unknown values left out
  const panels = new Map(questionsOf(structure).flatMap((q) => (q.type === 'paneldynamic'
    ? [[q.name, new Map(q.templateElements.flatMap((inner) => (inner.type === 'radiogroup' || inner.type === 'dropdown' || inner.type === 'checkbox'
      ? [[inner.name, [...inner.choices.map((c) => c.value), ...(inner.hasNone ? ['none'] : [])]] as const] : [])))] as const] : [])));
  const panelAnswer = (inner: Map<string, readonly unknown[]>, item: Record<string, unknown>) => Object.fromEntries(Object.entries(item).flatMap(([key, v]) => {
    const choices = inner.get(key);
    if (!choices) return [[key, v]];
    if (Array.isArray(v)) return [[key, v.filter((x) => choices.includes(x))]];
    return choices.includes(v) ? [[key, v]] : [];
  }));
  return (name, value) => {
    if (matrices.has(name)) return value ?? {};
    const inner = panels.get(name);
    if (inner) return Array.isArray(value) ? value.map((item) => panelAnswer(inner, item as Record<string, unknown>)) : value;
    const choices = known.get(name);
    if (!choices) return clearedWithNull(value);
    if (Array.isArray(value)) return value.filter((v) => choices.includes(v));
    return choices.includes(value as never) ? value : null;
  };
}
