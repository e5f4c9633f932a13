/**
 * The answers of one respondent and everything that follows from them: calculated values,
 * expression questions, and the visibility, enabled and required state of every element and
 * choice, evaluated as survey-core evaluates them. Results are memoised until the next change.
 */
import type { CompiledChoice, CompiledQuestion, SelectQuestion, StructurePayload } from './compiled-types.js';

/** A question with conditional choices: choice questions and ranking. */
export type ChoiceOwner = Pick<SelectQuestion, 'name' | 'choices' | 'choicesVisibleIf'>;
import type { EvalContext, Expr } from './expression-types.js';
import { evaluate, evaluateCondition } from './expression.js';
import type { MatrixDropdownQuestion } from './compiled-matrix-types.js';
import { refreshExpressionCells } from './runtime-matrix.js';
import { buildTree, isSelect } from './runtime-tree.js';
import type { QuestionNode, Tree, TreeNode } from './runtime-tree.js';
import { isAnswerEmpty, isValueEmpty, keyIndex, panelsEmpty, readPath, sameChoiceValue, sameQuestionValue, valuesEqual } from './values.js';

/** Enough rounds for chains of calculated values; a cycle is refused by the compiler. */
const MAX_DERIVED_ROUNDS = 50;

export class RuntimeState {
  readonly tree: Tree;
  data: Record<string, unknown> = {};
  variables: Record<string, unknown> = {};
  /** paneldynamics' panel counts, once an answer or the respondent changed them (see runtime-panels.ts) */
  panelCounts: Record<string, number> = {};
  /**
   * Single-choice questions whose stored answer survey-core took as "other" (see
   * unknownAsOther in runtime-reactions.ts): the question counts as answering 'other' while the data
   * keeps what was stored. Expressions read the data: the compiler refuses the reads that would
   * tell the two apart (check-other-reads.ts), since survey-core's own reads go stale there.
   */
  readonly otherAliases = new Set<string>();
  /**
   * Expression questions whose value is NaN: survey-core keeps NaN as the question's value, which
   * expressions read (NaN = NaN is false), but leaves it out of the data.
   */
  private readonly nanQuestions = new Set<string>();
  private memo = new Map<string, unknown>();
  private readonly expressionQuestions: QuestionNode[];
  private readonly expressionMatrices: MatrixDropdownQuestion[];

  constructor(readonly structure: StructurePayload) {
    this.tree = buildTree(structure);
    this.expressionQuestions = this.tree.questions.filter((q) => q.def.type === 'expression');
    this.expressionMatrices = this.tree.questions.flatMap((q) =>
      (q.def.type === 'matrixdropdown' && q.def.columns.some((c) => c.cell.type === 'expression') ? [q.def] : []));
  }

  /** Call after every change of `data`. */
  changed(): void {
    this.memo.clear();
    this.refreshDerived();
    this.memo.clear();
  }

  node(name: string): TreeNode | undefined {
    return this.tree.byName.get(name);
  }

  context(item?: unknown): EvalContext {
    return { value: (name: string) => (item !== undefined && name.toLowerCase() === 'item' ? item : this.read(name).value) };
  }

  /** A variable by survey-core's rules: answers first, then calculated values. */
  read(name: string): { found: boolean; value: unknown } {
    const own = readPath(this.data, name, this.cached('k:data', () => keyIndex(this.data)));
    if (!own.found && this.nanQuestions.size > 0 && this.nanQuestions.has(name)) return { found: true, value: NaN };
    return own.found ? own : readPath(this.variables, name, this.cached('k:variables', () => keyIndex(this.variables)));
  }

  condition(expr: Expr, item?: unknown): boolean {
    return conditionIn(expr, this.context(item));
  }

  value(expr: Expr): unknown {
    return valueIn(expr, this.context());
  }

  private cached<T>(key: string, compute: () => T): T {
    if (this.memo.has(key)) return this.memo.get(key) as T;
    const result = compute();
    this.memo.set(key, result);
    return result;
  }

  /** survey-core's `isVisible`: the element's own condition; a container also needs a visible child. */
  ownVisible(node: TreeNode): boolean {
    return this.cached(`v:${node.kind}:${node.kind === 'page' ? node.pageIndex : node.def.name}`, () => {
      const own = this.visibleFlag(node);
      if (!own || node.kind === 'question') return own;
      return node.children.some((child) => this.ownVisible(child));
    });
  }

  /** survey-core's `visible` property: the element's own condition, whatever its content */
  visibleFlag(node: TreeNode): boolean {
    const def = node.def;
    return def.visibleIf ? this.condition(def.visibleIf) : def.visible;
  }

  /** survey-core's `isVisibleInSurvey`: visible, and so is every panel and the page around it */
  visibleInSurvey(node: TreeNode): boolean {
    for (let at: TreeNode | undefined = node; at; at = at.parent) if (!this.ownVisible(at)) return false;
    return true;
  }

  readOnly(node: TreeNode): boolean {
    return this.cached(`r:${node.kind}:${node.kind === 'page' ? node.pageIndex : node.def.name}`, () => {
      const def = node.def;
      const own = def.enableIf ? !this.condition(def.enableIf) : def.readOnly;
      return own || (node.parent !== undefined && this.readOnly(node.parent));
    });
  }

  required(node: TreeNode): boolean {
    const def = node.def;
    return def.requiredIf ? this.condition(def.requiredIf) : def.isRequired;
  }

  isEmpty(question: CompiledQuestion): boolean {
    const value = this.data[question.name];
    return question.type === 'paneldynamic' ? panelsEmpty(value) : isAnswerEmpty(value);
  }

  /** The answer as the question itself sees it: 'other' for an answer it took as "other". */
  questionValue(question: CompiledQuestion, data: Record<string, unknown> = this.data): unknown {
    const value = data[question.name];
    return this.otherAliases.has(question.name) && !isValueEmpty(value) ? 'other' : value;
  }

  comment(question: CompiledQuestion): unknown {
    return this.data[question.name + this.structure.commentSuffix];
  }

  /** The question's regular choices that pass their conditions, in order. */
  shownChoices(def: ChoiceOwner): CompiledChoice[] {
    return this.cached(`c:${def.name}`, () => def.choices.filter((choice) => this.choiceCondition(choice.visibleIf ?? def.choicesVisibleIf, choice.value)));
  }

  /**
   * A choice's visibleIf or enableIf: its own condition when it has one, else the question's
   * choicesVisibleIf / choicesEnableIf, never both (survey-core's ItemValue.runConditionsForItemsCore).
   */
  choiceCondition(expr: Expr | undefined, item: unknown): boolean {
    return !expr || this.condition(expr, item);
  }

  /** Whether a single answer is among the choices the respondent can see (survey-core's hasUnknownValue). */
  isKnownChoice(def: SelectQuestion, item: unknown): boolean {
    if (def.hasOther && item === 'other') return true;
    // survey-core compares the special values loosely here
    if (def.hasNone && item == 'none') return true;
    return this.shownChoices(def).some((choice) => sameChoiceValue(choice.value, item));
  }

  private refreshDerived(): void {
    for (let round = 0; round < MAX_DERIVED_ROUNDS; round++) {
      let changed = false;
      for (const calculated of this.structure.calculatedValues) {
        const { name } = calculated;
        const value = this.value(calculated.expression);
        // CalculatedValue keeps its value unless the new one differs, case- and space-sensitively
        // (numbers in strings converted); the data shows the value it kept
        if (!valuesEqual(this.variables[name], value, { caseSensitive: true, trimStrings: false })) {
          changed = true;
          this.variables[name] = value;
          this.memo.clear();
        }
        const kept = this.variables[name];
        if (calculated.includeIntoResult && this.data[name] !== (kept === null ? undefined : kept)) {
          changed = true;
          setCalculated(this.data, name, kept);
          this.memo.clear();
        }
      }
      for (const matrix of this.expressionMatrices) {
        if (refreshExpressionCells(this, matrix)) {
          changed = true;
          this.memo.clear();
        }
      }
      for (const question of this.expressionQuestions) {
        // survey-core does not run the expression of a read-only expression question
        if (question.def.type !== 'expression' || this.readOnly(question)) continue;
        const value = roundValue(this.value(question.def.expression));
        const name = question.def.name;
        const isNaN = Number.isNaN(value);
        if (isNaN !== this.nanQuestions.has(name) || (!isNaN && !sameQuestionValue(this.data[name], value))) {
          changed = true;
          if (isNaN) this.nanQuestions.add(name);
          else this.nanQuestions.delete(name);
          setOrDelete(this.data, name, value);
          this.memo.clear();
        }
      }
      if (!changed) return;
    }
  }

  selectQuestions(): Array<QuestionNode & { def: SelectQuestion }> {
    return this.tree.questions.filter((q): q is QuestionNode & { def: SelectQuestion } => isSelect(q.def));
  }
}

/** survey-core's QuestionExpressionModel.roundValue without a precision: Infinity is no value. */
function roundValue(value: unknown): unknown {
  return value === Infinity ? undefined : value;
}

/** A condition as survey-core decides it: one that throws is false. */
export function conditionIn(expr: Expr, ctx: EvalContext): boolean {
  try {
    return evaluateCondition(expr, ctx);
  } catch {
    return false;
  }
}

/** An expression's value as survey-core gives it: one that throws has none. */
export function valueIn(expr: Expr, ctx: EvalContext): unknown {
  try {
    return evaluate(expr, ctx);
  } catch {
    return undefined;
  }
}

/**
 * survey-core's setCalculatedValuesIntoResult: every value but undefined goes into the data, ''
 * and NaN included. null too there; ours gives null where survey-core's value is undefined (an
 * unanswered question read as null), so null stays out.
 */
function setCalculated(data: Record<string, unknown>, key: string, value: unknown): void {
  if (value === undefined || value === null) delete data[key];
  else data[key] = value;
}

export function setOrDelete(data: Record<string, unknown>, key: string, value: unknown): void {
  if (isValueEmpty(value)) delete data[key];
  else data[key] = value;
}
