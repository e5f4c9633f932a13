/**
 * Abstract questions of generated surveys: what each question is and which of its properties are
 * set, with every expression and piped name still an index (generate-questions.ts resolves them
 * once the whole survey, later pages included, is known).
 */
import fc from 'fast-check';
import { condArbitrary, valArbitrary } from './generate-expressions.js';
import type { Cond, Val } from './generate-expressions.js';
import { textArbitrary } from './generate-texts.js';
import type { TextSpec } from './generate-texts.js';

export const INPUT_TYPES = ['text', 'number', 'email', 'tel', 'date'] as const;
export const VALIDATOR_KINDS = ['numeric', 'text', 'email', 'regex', 'expression', 'answercount'] as const;

export interface ValidatorSpec {
  kind: (typeof VALIDATOR_KINDS)[number];
  a: number;
  b: number;
  message: TextSpec | null;
  cond: Cond;
}

export interface ChoiceSpec {
  value: number;
  text: TextSpec | null;
  visibleIf: Cond | null;
  enableIf: Cond | null;
  exclusive: boolean;
}

/** A condition on `{item}`, the choice being decided, maybe joined with a condition on answers. */
export interface ItemCondSpec {
  op: string;
  lit: number;
  join: { op: 'and' | 'or'; c: Cond } | null;
}

export type KindSpec =
  | { kind: 'text'; inputType: (typeof INPUT_TYPES)[number]; limits: number | null; step: boolean }
  | { kind: 'comment' }
  | {
    kind: 'radiogroup' | 'dropdown' | 'checkbox'; choices: ChoiceSpec[]; other: boolean; none: boolean; selectAll: boolean;
    minSelected: number; maxSelected: number; choicesVisibleIf: ItemCondSpec | null; choicesEnableIf: ItemCondSpec | null;
  }
  | { kind: 'boolean'; values: number | null; labels: TextSpec | null }
  | { kind: 'rating'; values: number | null; min: number; max: number; step: number }
  | { kind: 'matrix'; rows: number; columns: number; numericColumns: boolean; allRows: boolean }
  | { kind: 'expression'; expression: Val; rank: number }
  /** `inner`: the template's questions, made fit for a template by templateQuestion (generate-questions.ts) */
  | { kind: 'paneldynamic'; count: number; min: number; max: number; title: TextSpec | null; inner: QuestionSpec[] };

export interface QuestionSpec {
  type: KindSpec;
  title: TextSpec | null;
  description: TextSpec | null;
  required: boolean;
  hidden: boolean;
  readOnly: boolean;
  visibleIf: Cond | null;
  enableIf: Cond | null;
  requiredIf: Cond | null;
  requiredErrorText: TextSpec | null;
  defaultValue: number | null;
  validators: ValidatorSpec[];
}

/** A property an author sets in `percent` of questions; unset shrinks first. */
export const sometimes = <T>(arbitrary: fc.Arbitrary<T>, percent: number): fc.Arbitrary<T | null> =>
  fc.oneof({ withCrossShrink: true }, { weight: 100 - percent, arbitrary: fc.constant(null) }, { weight: percent, arbitrary });
export const flag = (percent: number): fc.Arbitrary<boolean> =>
  fc.oneof({ withCrossShrink: true }, { weight: 100 - percent, arbitrary: fc.constant(false) }, { weight: percent, arbitrary: fc.constant(true) });

const itemCond: fc.Arbitrary<ItemCondSpec> = fc.record({
  op: fc.constantFrom('<>', '=', '>', '<'),
  lit: fc.nat(6),
  join: sometimes(fc.record({ op: fc.constantFrom('and' as const, 'or' as const), c: condArbitrary(0) }), 30),
});

const choice: fc.Arbitrary<ChoiceSpec> = fc.record({
  value: fc.nat(),
  text: sometimes(textArbitrary(), 55),
  visibleIf: sometimes(condArbitrary(1), 10),
  enableIf: sometimes(condArbitrary(1), 8),
  exclusive: flag(5),
});

const baseKinds: Array<fc.WeightedArbitrary<KindSpec>> = [
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('text' as const), inputType: fc.constantFrom(...INPUT_TYPES), limits: sometimes(fc.nat(8), 25), step: flag(15) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('comment' as const) }) },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constantFrom('radiogroup' as const, 'checkbox' as const, 'dropdown' as const),
      choices: fc.array(choice, { minLength: 1, maxLength: 5 }),
      other: flag(30), none: flag(30), selectAll: flag(30), minSelected: fc.constantFrom(0, 0, 1, 2), maxSelected: fc.constantFrom(0, 0, 2, 3),
      choicesVisibleIf: sometimes(itemCond, 20), choicesEnableIf: sometimes(itemCond, 15),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('boolean' as const), values: sometimes(fc.nat(2), 25), labels: sometimes(textArbitrary(), 25) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('rating' as const), values: sometimes(fc.integer({ min: 2, max: 5 }), 25),
      min: fc.constantFrom(0, 1, 1, 2), max: fc.constantFrom(3, 5, 5, 10), step: fc.constantFrom(1, 1, 1, 2),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('matrix' as const), rows: fc.integer({ min: 1, max: 3 }), columns: fc.integer({ min: 2, max: 4 }), numericColumns: fc.boolean(), allRows: flag(30) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('expression' as const), expression: valArbitrary(2), rank: fc.nat(9) }) },
];

const validator: fc.Arbitrary<ValidatorSpec> = fc.record({
  kind: fc.constantFrom(...VALIDATOR_KINDS),
  a: fc.nat(5),
  b: fc.nat(5),
  message: sometimes(textArbitrary(), 25),
  cond: condArbitrary(1),
});

function questionOf(type: fc.Arbitrary<KindSpec>): fc.Arbitrary<QuestionSpec> {
  return fc.record({
    type,
    title: sometimes(textArbitrary(), 65),
    description: sometimes(textArbitrary(), 15),
    required: flag(30),
    hidden: flag(6),
    readOnly: flag(6),
    visibleIf: sometimes(condArbitrary(2), 35),
    enableIf: sometimes(condArbitrary(1), 20),
    requiredIf: sometimes(condArbitrary(1), 20),
    requiredErrorText: sometimes(textArbitrary(), 8),
    defaultValue: sometimes(fc.nat(5), 15),
    validators: fc.array(validator, { maxLength: 2 }),
  });
}

const paneldynamic: fc.Arbitrary<KindSpec> = fc.record({
  kind: fc.constant('paneldynamic' as const),
  count: fc.constantFrom(1, 0, 2),
  min: fc.constantFrom(0, 0, 1),
  max: fc.constantFrom(3, 2, 4),
  title: sometimes(textArbitrary(), 60),
  inner: fc.array(questionOf(fc.oneof({ withCrossShrink: true }, ...baseKinds)), { minLength: 1, maxLength: 3 }),
});

export const questionArbitrary: fc.Arbitrary<QuestionSpec> = questionOf(fc.oneof({ withCrossShrink: true }, ...baseKinds, { weight: 2, arbitrary: paneldynamic }));
