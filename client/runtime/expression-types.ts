/**
 * A survey expression compiled from survey-core's operand tree (server/modules/surveys/compiler/
 * expressions.ts) and evaluated by client/runtime/expression.ts. Plain JSON; no imports.
 * Operator names are survey-core's own (OperandMaker.unaryFunctions / binaryFunctions).
 */
export type Expr =
  /** `v` is the value the constant evaluates to (survey-core's Const.correctValue), not its source text */
  | { k: 'c'; v: string | number | boolean | null }
  /**
   * the name as written inside `{...}`: 'q1', 'q1.col', 'panel[0].q', 'row.q'; a leading '#' turns off value conversion.
   * `s`: the variable is a question whose arrays `=` and `<>` compare in order (survey-core's requireStrictCompare, ranking)
   */
  | { k: 'v'; n: string; s?: true }
  | { k: 'a'; items: Expr[] }
  /** 'empty' | 'notempty' | 'negate' */
  | { k: 'u'; op: string; e: Expr }
  /**
   * 'equal' | 'notequal' | 'greater' | 'less' | 'greaterorequal' | 'lessorequal' | 'contains' | 'notcontains'
   * | 'anyof' | 'allof' | 'noneof' | 'and' | 'or' | 'plus' | 'minus' | 'mul' | 'div' | 'mod' | 'power'
   */
  | { k: 'b'; op: string; l: Expr; r: Expr }
  /** `c`: the filter condition of an *InArray call, parsed by the compiler (survey-core parses it at run time) */
  | { k: 'f'; n: string; args: Expr[]; c?: Expr };

export interface EvalContext {
  /** The raw value of a variable (name without a leading '#'); undefined when there is none. */
  value(name: string): unknown;
  /**
   * Functions that take precedence over the built-in ones. `currentDate` also sets the clock of
   * every built-in date function (today, age, year, …), as survey-core's dateProvider does.
   */
  fn?: Record<string, (args: unknown[]) => unknown>;
}
