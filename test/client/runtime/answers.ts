/**
 * fast-check arbitraries for answer sets of a compiled survey: each question answered or not,
 * with values drawn from its choices, limits and validators, plus out-of-domain and empty values
 * where survey-core and our runtime must agree on what they mean.
 *
 * Deliberately not generated (our intake rejects them before either engine sees them):
 * - values of the wrong type for the question (a string for a checkbox, an object for a text);
 * - values outside the choices of a question with "other": survey-core reinterprets them as the
 *   "other" answer and moves them into the comment, which our intake refuses instead.
 */
import fc from 'fast-check';
import type { CompiledElement, CompiledQuestion, StructurePayload } from '../../../client/runtime/compiled-types.js';

const TEXTS = ['', ' ', 'a', 'ab', 'Midas', 'because', 'x1', 'hello world', 'A much longer answer than thirty characters'];
const EMAILS = ['ann@example.org', 'bad', 'x@y', 'first.last@sub.example.com', 'a b@c.de', '@nope.org'];
const PHONES = ['+46 70 123 45 67', '0701234567', '12ab', '+1', '123 456'];
const DATES = ['2014-12-31', '2015-01-01', '2020-06-15', '2025-12-31', '2026-01-01'];
const OUT_OF_DOMAIN = 'zz_not_a_choice';

export function questionsOf(structure: StructurePayload): CompiledQuestion[] {
  const out: CompiledQuestion[] = [];
  const visit = (elements: CompiledElement[]) => {
    for (const element of elements) {
      if (element.type === 'panel') visit(element.elements);
      else out.push(element);
    }
  };
  structure.pages.forEach((page) => visit(page.elements));
  return out;
}

/** The string constants of a structure's expressions, so that text answers meet the conditions that test them. */
export function stringConstants(structure: unknown): string[] {
  const found = new Set<string>();
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.k === 'c' && typeof record.v === 'string' && record.v !== '') found.add(record.v);
      Object.values(record).forEach(visit);
    }
  };
  visit(structure);
  return [...found];
}

/** Possible answers of one question, as [data key, value] pairs (an "other" text is its own key). */
export function answerArbitrary(q: CompiledQuestion, suffix: string, constants: string[] = []): fc.Arbitrary<Array<[string, unknown]>> {
  const one = (value: fc.Arbitrary<unknown>) => value.map((v): Array<[string, unknown]> => [[q.name, v]]);
  switch (q.type) {
    case 'text': {
      if (q.inputType === 'number') {
        const edges = [q.min, q.max].filter((v) => v !== undefined).flatMap((v) => [Number(v) - 1, Number(v), Number(v) + 1]);
        return one(fc.oneof(fc.integer({ min: -5, max: 120 }), fc.constantFrom(...edges, 0, 2.5, 17, 18, 90, 91)));
      }
      if (q.inputType === 'email') return one(fc.constantFrom(...EMAILS, ...TEXTS));
      if (q.inputType === 'tel') return one(fc.constantFrom(...PHONES, ''));
      if (q.inputType === 'date') return one(fc.constantFrom(...DATES));
      return one(fc.oneof(fc.constantFrom(...TEXTS, ...constants), fc.string({ maxLength: 25 })));
    }
    case 'comment':
      return one(fc.constantFrom(...TEXTS));
    case 'radiogroup':
    case 'dropdown': {
      const values: unknown[] = q.choices.map((c) => c.value);
      if (q.hasNone) values.push('none');
      if (!q.hasOther) values.push(OUT_OF_DOMAIN);
      const plain = fc.constantFrom(...values).map((v): Array<[string, unknown]> => [[q.name, v]]);
      if (!q.hasOther) return plain;
      const other = fc.constantFrom('', 'mauve').map((text): Array<[string, unknown]> => (text === '' ? [[q.name, 'other']] : [[q.name, 'other'], [q.name + suffix, text]]));
      return fc.oneof(plain, other);
    }
    case 'checkbox': {
      const values: unknown[] = q.choices.map((c) => c.value);
      if (q.hasNone) values.push('none');
      if (!q.hasOther) values.push(OUT_OF_DOMAIN);
      else values.push('other');
      return fc.tuple(fc.subarray(values), fc.constantFrom('', 'mauve')).map(([selected, text]): Array<[string, unknown]> => {
        const pairs: Array<[string, unknown]> = [[q.name, selected]];
        if (q.hasOther && selected.includes('other') && text !== '') pairs.push([q.name + suffix, text]);
        return pairs;
      });
    }
    case 'boolean':
      return one(fc.constantFrom(q.valueTrue, q.valueFalse));
    case 'rating':
      return one(fc.constantFrom(...q.rateValues.map((r) => r.value), 99));
    case 'matrix': {
      const cell = fc.option(fc.constantFrom(...q.columns.map((c) => c.value), OUT_OF_DOMAIN), { nil: undefined });
      const rows = Object.fromEntries([...q.rows.map((r) => String(r.value)), 'unknown_row'].map((row) => [row, cell]));
      return one(fc.record(rows).map((value) => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined))));
    }
    case 'ranking':
      return one(fc.shuffledSubarray([...q.choices.map((c) => c.value), OUT_OF_DOMAIN]));
    case 'matrixdropdown': {
      // each row answered or not, each cell of a row answered or not, with its cell question's values
      const cellValue = (cell: CompiledQuestion) => answerArbitrary(cell, suffix, constants).map((pairs) => pairs[0]?.[1]);
      const row = fc.record(Object.fromEntries(q.columns.filter((c) => c.cell.type !== 'expression').map((c) => [c.name, cellValue(c.cell)])), { requiredKeys: [] });
      const rows = fc.record(Object.fromEntries(q.rows.map((r) => [String(r.value), row])), { requiredKeys: [] });
      return one(rows);
    }
    case 'paneldynamic': {
      // 1 to 3 panels, each question answered or not. Never no panel: survey-core keeps the
      // panels' old answers when a paneldynamic's answer is emptied (see stepsArbitrary)
      const innerValue = (inner: CompiledQuestion) => answerArbitrary(inner, suffix, constants).map((pairs) => pairs[0]?.[1]);
      const answerable = q.templateElements.filter((inner) => inner.type !== 'html');
      const panel = fc.record(Object.fromEntries(answerable.map((inner) => [inner.name, innerValue(inner)])), { requiredKeys: [] });
      return one(fc.array(panel, { minLength: 1, maxLength: Math.min(3, Math.max(1, q.maxPanelCount)) }));
    }
    case 'expression':
    case 'html':
    case 'image':
      return fc.constant([]);
  }
}

/** A data object: every question answered with probability ~1/2. */
export function dataArbitrary(structure: StructurePayload): fc.Arbitrary<Record<string, unknown>> {
  const constants = stringConstants(structure);
  const parts = questionsOf(structure).map((q) => fc.option(answerArbitrary(q, structure.commentSuffix, constants), { nil: undefined, freq: 2 }));
  return fc.tuple(...parts).map((chosen) => Object.fromEntries(chosen.flatMap((pairs) => pairs ?? [])));
}

/** A respondent's input: answers given one at a time, some changed or cleared later. */
export function stepsArbitrary(structure: StructurePayload): fc.Arbitrary<Array<[string, unknown]>> {
  const questions = questionsOf(structure).filter((q) => !['expression', 'html', 'image'].includes(q.type));
  const constants = stringConstants(structure);
  const step = fc.constantFrom(...questions).chain((q) => fc.oneof(
    { weight: 5, arbitrary: answerArbitrary(q, structure.commentSuffix, constants) },
    // KNOWN DIVERGENCE (survey-core, stale state): an emptied paneldynamic takes back its panels' old answers; one empty panel
    // instead. Smallest reproduction: pd with panelCount 1 and a text x; setValue('pd', [{ x: 'a' }, { x: 'b' }]), then
    // setValue('pd', null) (or [] or undefined): survey-core's data is { pd: [{ x: 'a' }] }, one panel, and so is its completed
    // data; ours is {}, two empty panels. No respondent empties one: the answering page removes panels one by one
    { weight: 1, arbitrary: fc.constant<Array<[string, unknown]>>([[q.name, q.type === 'paneldynamic' ? [{}] : undefined]]) },
  ));
  return fc.array(step, { maxLength: 25 }).map((steps) => steps.flat());
}
