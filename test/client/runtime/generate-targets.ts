/**
 * What expressions may name of a generated question, and the values they compare it with: drawn
 * from the pools answers.ts answers with, so a condition such as `{q2} = 'Midas'` or `{q4} > 17`
 * is true for some generated answer sets and false for others.
 */
import { ExpressionWriter } from './generate-expression-writer.js';
import type { Literal, Target } from './generate-expressions.js';
import type { KindSpec, QuestionSpec } from './generate-question-specs.js';
import type { Writers } from './generate-questions.js';
import { TextWriter } from './generate-texts.js';
import type { SecondLocale } from './generate-texts.js';

const CHOICE_POOL: readonly Literal[] = ['red', 'green', 'blue', 'gold', 1, 2, 3, 'a', 'Midas', 'x1'];
export const DOMAINS: Record<string, readonly Literal[]> = {
  text: ['a', 'Midas', 'ab', 'hello world', 'x1'],
  number: [18, 17, 0, 90, 91, 2.5, -5],
  email: ['ann@example.org', 'bad', 'x@y'],
  tel: ['0701234567', '+1', '12ab'],
  date: ['2020-06-15', '2015-01-01', '2025-12-31', '2014-12-31'],
  comment: ['because', 'a', 'ab'],
  computed: [0, 1, 18, 'a', true, 2],
};
export const NUMBER_LIMITS = [[0, 100], [18, 90], [16, 99], [undefined, 17], [18, undefined]] as const;
export const DATE_LIMITS = [['2015-01-01', '2025-12-31'], ['2020-01-01', undefined], [undefined, '2019-12-31']] as const;
export const BOOLEAN_VALUES = [['yes', 'no'], [1, 0], ['Y', 'N']] as const;
const MATRIX_COLUMNS = ['low', 'mid', 'high', 'top'];

/** Distinct choice values: each index takes the next pool value not yet taken. */
export function choiceValues(choices: ReadonlyArray<{ value: number }>): Literal[] {
  const taken: Literal[] = [];
  for (const c of choices) {
    let i = c.value % CHOICE_POOL.length;
    while (taken.includes(CHOICE_POOL[i])) i = (i + 1) % CHOICE_POOL.length;
    taken.push(CHOICE_POOL[i]);
  }
  return taken;
}

export function ratingValues(type: Extract<KindSpec, { kind: 'rating' }>): number[] {
  if (type.values !== null) return Array.from({ length: type.values }, (_, i) => i + 1);
  const out: number[] = [];
  for (let v = type.min; v <= type.max; v += type.step) out.push(v);
  return out;
}

/** What expressions may name: the question, or each row of a matrix. */
export function targetsOf(spec: QuestionSpec, name: string): Target[] {
  const type = spec.type;
  const one = (kind: Target['kind'], domain: readonly Literal[]): Target[] => [{ name, kind, domain, pipeable: true }];
  switch (type.kind) {
    case 'text': return one(type.inputType === 'number' ? 'number' : type.inputType === 'date' ? 'date' : 'text', DOMAINS[type.inputType]);
    case 'comment': return one('text', DOMAINS.comment);
    case 'radiogroup': case 'dropdown': case 'checkbox': {
      const extra = [...(type.other ? ['other'] : []), ...(type.none ? ['none'] : [])];
      const values = choiceValues(type.choices);
      const domain = [...values, ...extra];
      // KNOWN DIVERGENCE: piping a checkbox, our runtime shows answers that are not choices, survey-core drops them
      if (type.kind === 'checkbox') return [{ name, kind: 'multi', domain, pipeable: false }];
      const conditional = values.filter((_, i) => type.choicesVisibleIf || type.choices[i].visibleIf);
      if (!type.other || conditional.length === 0) return one('single', domain);
      return [{ name, kind: 'single', domain, pipeable: true, ambiguous: ['other', ...conditional] }];
    }
    case 'boolean': return one('boolean', type.values === null ? [true, false] : BOOLEAN_VALUES[type.values]);
    case 'rating': return one('number', ratingValues(type));
    case 'matrix': return Array.from({ length: type.rows }, (_, i) => ({ name: `${name}.r${i + 1}`, kind: 'single', domain: matrixColumns(type), pipeable: false }));
    case 'expression': return one('computed', DOMAINS.computed);
    // expressions outside the panels do not name it
    case 'paneldynamic': return [];
  }
}

export const matrixColumns = (type: Extract<KindSpec, { kind: 'matrix' }>): Literal[] =>
  Array.from({ length: type.columns }, (_, i) => (type.numericColumns ? i + 1 : MATRIX_COLUMNS[i]));

/**
 * The writers of one survey. Expression questions and calculated values are computed in the order
 * of their `rank` and name only what is computed before them: a cycle is a publishing error.
 */
export function writersFor(questions: Array<{ spec: QuestionSpec; name: string }>, calculated: Array<{ name: string; rank: number }>, locale: SecondLocale): Writers {
  const targets: Target[] = [
    ...questions.flatMap((q) => targetsOf(q.spec, q.name)),
    ...calculated.map((c): Target => ({ name: c.name, kind: 'computed', domain: DOMAINS.computed, pipeable: true })),
  ];
  const computed = [
    ...questions.flatMap((q) => (q.spec.type.kind === 'expression' ? [{ name: q.name, rank: q.spec.type.rank }] : [])),
    ...calculated,
  ];
  const order = new Map(computed.map((c, i) => [c.name, c.rank * 100 + i]));
  // KNOWN DIVERGENCE: survey-core does not always recompute an expression on a matrix row (`{m.r1}`) when
  // the matrix changes (stale after model.data = … or a cleared matrix); so computed values do not name rows
  const before = (name: string) => (t: Target) => !t.name.includes('.')
    && (!order.has(t.name) || (order.get(t.name) as number) < (order.get(name) as number));
  // KNOWN DIVERGENCE (survey-core, order of evaluation): survey-core computes calculated values
  // first and expression questions in document order, each once per round, so in the first round
  // after a change a choice's condition may read a computed value the same change has not
  // recomputed yet; the choice may show for that moment, and hiding it again drops the answer,
  // where ours sees it hidden throughout and keeps it. Smallest reproduction: text a, text b,
  // radiogroup q with choices [{ value: 2, visibleIf: "{e} <> 'x' and {b} = 'y'" }, 3], then
  // expression e = {a}; model.data = { q: 2, a: 'x', b: 'y' }: survey-core drops q, ours keeps 2
  // (a checkbox's dropped answers come back at the end, so its order differs too). So choices are
  // shown by answers only
  const writers = (all: Target[]): Writers => ({
    conditions: new ExpressionWriter(all),
    computed: (name) => new ExpressionWriter(all.filter(before(name))),
    choices: () => new ExpressionWriter(all.filter((t) => t.kind !== 'computed')),
    texts: new TextWriter(locale, all),
    panel: (inner) => writers([...inner, { name: 'panelIndex', kind: 'number', domain: [0, 1, 2], pipeable: true }, ...targets]),
  });
  return writers(targets);
}
