/**
 * Writes the abstract expressions of generate-expressions.ts as SurveyJS expression text, against
 * the targets (questions, matrix rows, calculated values) of one generated survey.
 */
import type { Cond, Literal, Target, TargetKind, Val } from './generate-expressions.js';

export function literal(value: Literal | readonly Literal[]): string {
  if (Array.isArray(value)) return `[${value.map((v) => literal(v as Literal)).join(', ')}]`;
  return typeof value === 'string' ? `'${value}'` : String(value);
}

/** Renders abstract expressions against the targets of one survey. */
export class ExpressionWriter {
  constructor(private readonly targets: readonly Target[]) {}

  target(index: number): Target {
    return this.targets[index % this.targets.length];
  }

  /**
   * `{name}` of a target whose value a function or operator takes as it is.
   * KNOWN DIVERGENCE, refused by the compiler (check-divergent-reads.ts): not a checkbox there,
   * except inside sum, min, max, avg and count: survey-core reads an unanswered one as [] (truthy,
   * less than any text, a date to age()), our runtime as undefined. Smallest reproduction:
   * checkbox cb unanswered, `iif({cb}, 1, 2)` is 1 there and 2 here (also `!{cb}`, `{cb} < 'x'`,
   * `{cb} = ''`, `age({cb})`). Reading it as [] in the runtime fixes those but breaks `{cb} = {t}`
   * with t unanswered, which survey-core reads as undefined (equal to []) and the runtime as null:
   * that needs the runtime to tell an unanswered question (undefined) from an unknown name (null)
   * first. The reads that agree (arithmetic, substring) are not generated here yet.
   * Nor a question survey-core may read as 'other' (Target.ambiguous), refused by the compiler too.
   */
  private valueRef(index: number, prefer?: TargetKind, aggregated = false): string {
    const pool = this.targets.filter((t) => !t.ambiguous && (aggregated || t.kind !== 'multi'));
    if (pool.length === 0) return '0';
    const preferred = prefer ? pool.filter((t) => t.kind === prefer) : [];
    const from = preferred.length > 0 ? preferred : pool;
    return `{${from[index % from.length].name}}`;
  }

  pick(target: Target, index: number): Literal {
    return target.domain[index % target.domain.length];
  }

  cond(c: Cond): string {
    // nothing to name: only an expression question computed before every other one
    if (this.targets.length === 0) return 'true';
    switch (c.t) {
      case 'cmp': {
        const t = this.target(c.ref);
        if (t.ambiguous) return this.unambiguous(t, c.op, [c.lit]);
        // KNOWN DIVERGENCE, refused by the compiler: an unanswered checkbox is [] to survey-core, so `{cb} <= 'red'` holds there
        const op = t.kind === 'multi' && !['=', '<>', '==', '!='].includes(c.op) ? '=' : c.op;
        return `{${t.name}} ${op} ${literal(this.pick(t, c.lit))}`;
      }
      case 'empty': return `{${this.target(c.ref).name}} ${c.op}`;
      case 'has': {
        const t = this.target(c.ref);
        if (t.ambiguous) return this.unambiguous(t, c.op === 'contains' ? '=' : '<>', [c.lit]);
        return `{${t.name}} ${c.op} ${literal(this.pick(t, c.lit))}`;
      }
      case 'set': {
        const t = this.target(c.ref);
        if (t.ambiguous) return this.unambiguous(t, c.op, c.lits);
        return `{${t.name}} ${c.op} ${literal(c.lits.map((i) => this.pick(t, i)))}`;
      }
      case 'values': return `${this.val(c.l)} ${c.op} ${this.val(c.r)}`;
      case 'bool': return `(${this.cond(c.l)}) ${c.op} (${this.cond(c.r)})`;
      case 'not': return `!(${this.cond(c.e)})`;
    }
  }

  /**
   * A read of a question survey-core may read as 'other' in a shape the compiler allows: `=` or
   * `<>` (a set operator kept) against its values that are neither 'other' nor conditional;
   * empty or notempty when it has none.
   */
  private unambiguous(t: Target, op: string, lits: number[]): string {
    const plain = t.domain.filter((v) => !t.ambiguous?.includes(v));
    if (plain.length === 0) return `{${t.name}} ${lits[0] % 2 === 0 ? 'notempty' : 'empty'}`;
    const values = lits.map((i) => plain[i % plain.length]);
    if (op === 'anyof' || op === 'allof' || op === 'noneof') return `{${t.name}} ${op} ${literal(values)}`;
    return `{${t.name}} ${op === '<>' || op === '!=' ? '<>' : '='} ${literal(values[0])}`;
  }

  val(v: Val, aggregated = false): string {
    if (this.targets.length === 0) return '0';
    switch (v.t) {
      case 'ref': return this.valueRef(v.ref, undefined, aggregated);
      case 'lit': return literal(this.pick(this.target(v.ref), v.lit));
      case 'num': return String(v.n);
      case 'arith': return `(${this.val(v.l)} ${v.op} ${this.val(v.r)})`;
      case 'iif': return `iif(${this.cond(v.c)}, ${this.val(v.a)}, ${this.val(v.b)})`;
      case 'agg': return `${v.fn}(${v.args.map((a) => this.val(a, true)).join(', ')})`;
      case 'round': return `${v.fn}(${this.val(v.v)}, ${v.digits})`;
      case 'substring': return `substring(${this.val(v.v)}, ${v.from}, ${v.from + 2})`;
      case 'datePart': return `${v.fn}(${this.valueRef(v.ref, 'date')})`;
      case 'dateDiff': return `dateDiff(${this.valueRef(v.ref, 'date')}, today(), '${v.unit}')`;
      case 'dateAdd': return `dateAdd(${this.valueRef(v.ref, 'date')}, ${v.n}, '${v.unit}')`;
      case 'clock': return v.fn;
    }
  }
}
