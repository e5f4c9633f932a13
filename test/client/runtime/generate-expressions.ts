/**
 * Expressions for generated surveys, drawn as abstract trees whose references are plain numbers:
 * a reference picks a question, matrix row or calculated value of the finished survey by index,
 * and a literal picks one of that target's own values (its choices, the numbers and texts the
 * answer generator gives it), so conditions flip often. Indices shrink towards the first target
 * and the first value, which keeps fast-check's shrunk surveys readable.
 */
import fc from 'fast-check';

export type Literal = string | number | boolean;
export type TargetKind = 'text' | 'number' | 'date' | 'single' | 'multi' | 'boolean' | 'computed';

/** Something an expression can name: `{name}` with values from `domain`. */
export interface Target {
  name: string;
  kind: TargetKind;
  domain: readonly Literal[];
  /** piping shows it in a text (a matrix row cannot be piped) */
  pipeable: boolean;
  /**
   * a single choice with "other" and conditional choices: the values survey-core may read as
   * 'other' ('other' and the conditional choices), which expressions may not tell apart
   * (check-other-reads.ts refuses that)
   */
  ambiguous?: readonly Literal[];
}

const COMPARISONS = ['=', '<>', '>', '<', '>=', '<=', '==', '!='] as const;
const ARITHMETIC = ['+', '-', '*', '/', '%', '^'] as const;
const AGGREGATES = ['sum', 'min', 'max', 'avg', 'count'] as const;
const DATE_PARTS = ['age', 'getYear', 'year', 'month', 'day', 'weekday'] as const;
const NUMBERS = [0, 1, 2, 10, 17, 18, 90] as const;

export type Cond =
  | { t: 'cmp'; ref: number; op: string; lit: number }
  | { t: 'empty'; ref: number; op: 'empty' | 'notempty' }
  | { t: 'has'; ref: number; op: 'contains' | 'notcontains'; lit: number }
  | { t: 'set'; ref: number; op: 'anyof' | 'allof' | 'noneof'; lits: number[] }
  | { t: 'values'; l: Val; op: string; r: Val }
  | { t: 'bool'; op: 'and' | 'or'; l: Cond; r: Cond }
  | { t: 'not'; e: Cond };

export type Val =
  | { t: 'ref'; ref: number }
  | { t: 'lit'; ref: number; lit: number }
  | { t: 'num'; n: number }
  | { t: 'arith'; op: string; l: Val; r: Val }
  | { t: 'iif'; c: Cond; a: Val; b: Val }
  | { t: 'agg'; fn: string; args: Val[] }
  | { t: 'round'; fn: 'round' | 'trunc'; v: Val; digits: number }
  | { t: 'substring'; v: Val; from: number }
  | { t: 'datePart'; fn: string; ref: number }
  | { t: 'dateDiff'; ref: number; unit: 'days' | 'months' | 'years' }
  | { t: 'dateAdd'; ref: number; n: number; unit: 'days' | 'months' | 'years' }
  | { t: 'clock'; fn: 'currentYear()' | 'year(currentDate())' | 'day(today())' };

const ref = fc.nat(40);
const lit = fc.nat(12);

function leafCond(): fc.Arbitrary<Cond> {
  return fc.oneof(
    { withCrossShrink: true },
    { weight: 5, arbitrary: fc.record({ t: fc.constant('cmp' as const), ref, op: fc.constantFrom(...COMPARISONS), lit }) },
    { weight: 2, arbitrary: fc.record({ t: fc.constant('empty' as const), ref, op: fc.constantFrom('empty' as const, 'notempty' as const) }) },
    { weight: 2, arbitrary: fc.record({ t: fc.constant('has' as const), ref, op: fc.constantFrom('contains' as const, 'notcontains' as const), lit }) },
    { weight: 2, arbitrary: fc.record({ t: fc.constant('set' as const), ref, op: fc.constantFrom('anyof' as const, 'allof' as const, 'noneof' as const), lits: fc.array(lit, { minLength: 1, maxLength: 3 }) }) },
  );
}

/** A condition; `depth` bounds the nesting of and/or/!, iif and functions. */
export function condArbitrary(depth = 2): fc.Arbitrary<Cond> {
  if (depth <= 0) return leafCond();
  const inner = condArbitrary(depth - 1);
  return fc.oneof(
    { withCrossShrink: true },
    { weight: 6, arbitrary: leafCond() },
    { weight: 2, arbitrary: fc.record({ t: fc.constant('bool' as const), op: fc.constantFrom('and' as const, 'or' as const), l: inner, r: inner }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('not' as const), e: inner }) },
    { weight: 2, arbitrary: fc.record({ t: fc.constant('values' as const), l: valArbitrary(depth - 1), op: fc.constantFrom(...COMPARISONS), r: valArbitrary(0) }) },
  );
}

/** A value: what expression questions and calculated values compute, and what conditions compare. */
export function valArbitrary(depth = 2): fc.Arbitrary<Val> {
  const leaves: Array<fc.WeightedArbitrary<Val>> = [
    { weight: 5, arbitrary: fc.record({ t: fc.constant('ref' as const), ref }) },
    { weight: 2, arbitrary: fc.record({ t: fc.constant('lit' as const), ref, lit }) },
    { weight: 2, arbitrary: fc.record({ t: fc.constant('num' as const), n: fc.constantFrom(...NUMBERS) }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('datePart' as const), fn: fc.constantFrom(...DATE_PARTS), ref }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('dateDiff' as const), ref, unit: fc.constantFrom('days' as const, 'months' as const, 'years' as const) }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('dateAdd' as const), ref, n: fc.constantFrom(1, 30, -2), unit: fc.constantFrom('days' as const, 'months' as const, 'years' as const) }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('clock' as const), fn: fc.constantFrom('currentYear()' as const, 'year(currentDate())' as const, 'day(today())' as const) }) },
  ];
  if (depth <= 0) return fc.oneof({ withCrossShrink: true }, ...leaves);
  const inner = valArbitrary(depth - 1);
  return fc.oneof(
    { withCrossShrink: true },
    ...leaves,
    { weight: 3, arbitrary: fc.record({ t: fc.constant('arith' as const), op: fc.constantFrom(...ARITHMETIC), l: inner, r: inner }) },
    { weight: 2, arbitrary: fc.record({ t: fc.constant('iif' as const), c: condArbitrary(depth - 1), a: inner, b: inner }) },
    { weight: 2, arbitrary: fc.record({ t: fc.constant('agg' as const), fn: fc.constantFrom(...AGGREGATES), args: fc.array(inner, { minLength: 1, maxLength: 3 }) }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('round' as const), fn: fc.constantFrom('round' as const, 'trunc' as const), v: inner, digits: fc.nat(2) }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('substring' as const), v: inner, from: fc.nat(2) }) },
  );
}
