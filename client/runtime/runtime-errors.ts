/**
 * The validation errors of a page, in survey-core's order and wording: a question's own checks
 * first (required, "other" text, minimum selections, min/max, e-mail, all matrix rows), and its
 * validators only when those found nothing.
 */
import type { QuestionNode, TreeNode } from './runtime-tree.js';
import type { RuntimeState } from './runtime-state.js';
import { builtIn, format } from './runtime-text.js';
import type { Lookup } from './runtime-text.js';
import { textChecks, validate } from './runtime-validators.js';
import { isMatrixDropdown } from './runtime-matrix.js';
import type { MatrixNode } from './runtime-matrix.js';
import { cellErrors } from './runtime-matrix-errors.js';
import { isPanelDynamic, panelErrors } from './runtime-panels.js';
import type { PanelNode } from './runtime-panels.js';
import { isValueEmpty } from './values.js';
import type { Expr } from './expression-types.js';

export type ErrorKind =
  | 'required' | 'requiredInPanel' | 'other' | 'minSelected' | 'allRows' | 'min' | 'max' | 'step' | 'email'
  | 'numeric' | 'minLength' | 'maxLength' | 'digits' | 'regex' | 'expression' | 'answercount'
  /** stricter than survey-core: see `strict` */
  | 'maxSelected' | 'tooLong';

export interface RuntimeError {
  /** the question, panel or page the error belongs to */
  question: string;
  kind: ErrorKind;
  text: string;
  /**
   * A check survey-core's validate() leaves to the browser's input element (maxLength) or to the
   * checkboxes' disabled state (maxSelectedChoices); our intake cannot trust either.
   */
  strict?: true;
  /** a matrixdropdown cell's error: the row value and column name */
  row?: string;
  column?: string;
  /** a paneldynamic's question's error: the panel's index (from 0) and the question's name in the template */
  panel?: number;
  inner?: string;
}

/**
 * The errors of a page as survey-core leaves them after validating it: element by element, each
 * choice question first dropping answers whose choice is hidden (`correct`). Such a correction
 * changes what was already validated, as survey-core's events do:
 * - a question it hides or makes read-only loses its errors (Question.onVisibleChangedCore,
 *   onReadOnlyChanged);
 * - a question with errors whose expression validators read a changed answer or value is
 *   validated again as on a value change (Question.validateOnAnyQuestionValueChanged).
 */
export function validatePage(state: RuntimeState, page: TreeNode & { children: TreeNode[] }, lookup: Lookup,
  correct: (question: QuestionNode) => void): RuntimeError[] {
  const readOnlyWhenValidated = new Map<string, boolean>();
  /** the latest errors of each question validated so far, in order */
  const latest = new Map<QuestionNode, RuntimeError[]>();
  const revalidated = new Set<string>();
  const errors = containerErrors(state, page, (question) => {
    const before = { ...state.data, ...prefixed(state.variables) };
    correct(question);
    const after = { ...state.data, ...prefixed(state.variables) };
    const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((key) => !Object.is(before[key], after[key]))
      .map((key) => key.replace(/^\0/, ''));
    if (changed.length > 0) {
      for (const [node, found] of latest) {
        // a matrix's or dynamic panel's cells are validated again their own way, which the runtime does not imitate
        if (node.def.type === 'matrixdropdown' || node.def.type === 'paneldynamic') continue;
        if (!found.some((e) => !e.strict) || !readsAny(node, changed)) continue;
        latest.set(node, questionErrors(state, node, lookup, true));
        revalidated.add(node.def.name);
      }
    }
    readOnlyWhenValidated.set(question.def.name, state.readOnly(question));
    const found = questionErrors(state, question, lookup);
    latest.set(question, found);
    return found;
  }, lookup);
  const final = new Map([...latest].map(([node, found]) => [node.def.name, found]));
  return errors.filter((error, i) => {
    if (!revalidated.has(error.question)) return true;
    // the errors of a question validated again take the place of its first ones
    return i === errors.findIndex((e) => e.question === error.question);
  }).flatMap((error) => (revalidated.has(error.question) ? final.get(error.question) ?? [] : [error])).filter((error) => {
    const node = state.node(error.question);
    if (node?.kind !== 'question' || !readOnlyWhenValidated.has(error.question)) return true;
    return state.ownVisible(node) && (readOnlyWhenValidated.get(error.question) || !state.readOnly(node));
  });
}

/** calculated values' names, kept apart from answers of the same name */
function prefixed(variables: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(variables).map(([name, value]) => [`\0${name}`, value]));
}

/** survey-core's getValidatorVariableNames: whether an expression validator of the question reads one of `names` (or inside one) */
function readsAny(node: QuestionNode, names: string[]): boolean {
  const own = node.def.name;
  const read: string[] = [];
  for (const validator of node.def.validators) if (validator.type === 'expression') variablesOf(validator.expression, read);
  return read.some((variable) => variable !== own && variable !== `panel.${own}` && variable !== `row.${own}`
    && names.some((name) => variable === name || variable.startsWith(`${name}.`)));
}

function variablesOf(expr: Expr, into: string[]): void {
  if (expr.k === 'v') into.push(expr.n.replace(/^#/, ''));
  else if (expr.k === 'a') expr.items.forEach((item) => variablesOf(item, into));
  else if (expr.k === 'u') variablesOf(expr.e, into);
  else if (expr.k === 'b') {
    variablesOf(expr.l, into);
    variablesOf(expr.r, into);
  } else if (expr.k === 'f') expr.args.forEach((arg) => variablesOf(arg, into));
}

/**
 * Errors of the visible elements of a container (`validate` gives a question's), then the
 * container's own "answer one" error.
 */
export function containerErrors(state: RuntimeState, container: TreeNode & { children: TreeNode[] },
  validate: (question: QuestionNode) => RuntimeError[], lookup: Lookup): RuntimeError[] {
  const errors: RuntimeError[] = [];
  for (const child of container.children) {
    if (!state.ownVisible(child)) continue;
    if (child.kind === 'question') errors.push(...validate(child));
    else errors.push(...containerErrors(state, child, validate, lookup));
  }
  if (!state.readOnly(container) && state.required(container) && state.visibleFlag(container)) {
    const visible = flaggedQuestions(state, container);
    if (visible.length > 0 && visible.every((q) => state.isEmpty(q.def))) {
      const text = container.def.requiredErrorKey ? lookup(container.def.requiredErrorKey) : builtIn(lookup, 'requiredErrorInPanel');
      errors.push({ question: container.def.name, kind: 'requiredInPanel', text });
    }
  }
  return errors;
}

/** survey-core's addQuestionsToList(list, visibleOnly): by each element's own `visible`, not its content */
function flaggedQuestions(state: RuntimeState, container: TreeNode & { children: TreeNode[] }): QuestionNode[] {
  const result: QuestionNode[] = [];
  for (const child of container.children) {
    if (!state.visibleFlag(child)) continue;
    if (child.kind === 'question') result.push(child);
    else result.push(...flaggedQuestions(state, child));
  }
  return result;
}

/**
 * `onValueChanged`: survey-core's validation of a question after another answer changed, which
 * leaves out the required, "other" and minimum-selection checks.
 */
export function questionErrors(state: RuntimeState, node: QuestionNode, lookup: Lookup, onValueChanged = false): RuntimeError[] {
  // survey-core checks an expression question even when read-only
  if (!state.ownVisible(node) || (state.readOnly(node) && node.def.type !== 'expression')) return [];
  const def = node.def;
  const value = state.questionValue(def);
  const errors: RuntimeError[] = [];
  const add = (kind: ErrorKind, text: string) => errors.push({ question: def.name, kind, text });

  // an expression question is never required (survey-core's hasRequiredError)
  if (!onValueChanged && def.type !== 'expression' && state.required(node) && state.isEmpty(def)) add('required', def.requiredErrorKey ? lookup(def.requiredErrorKey) : builtIn(lookup, 'requiredError'));
  if (!onValueChanged && (def.type === 'radiogroup' || def.type === 'dropdown' || def.type === 'checkbox')) {
    const selected = Array.isArray(value) ? value : [value];
    if (def.hasOther && selected.includes('other') && !state.comment(def)) {
      add('other', def.otherErrorKey ? lookup(def.otherErrorKey) : builtIn(lookup, 'otherRequiredError'));
    }
    if (def.type === 'checkbox' && def.minSelectedChoices >= 1) {
      const count = Array.isArray(value) ? value.length : 0;
      const only = count === 1 ? (value as unknown[])[0] : undefined;
      const onlyNone = count === 1 && ((def.hasNone && only === 'none') || state.shownChoices(def).some((c) => c.exclusive && c.value === only));
      if (!onlyNone && count < def.minSelectedChoices) add('minSelected', format(builtIn(lookup, 'minSelectError'), def.minSelectedChoices));
    }
  }
  if (def.type === 'text') textChecks(def, value, lookup, add);
  if (def.type === 'matrix' && def.isAllRowRequired) {
    const rows = isValueEmpty(value) || typeof value !== 'object' ? {} : (value as Record<string, unknown>);
    if (def.rows.some((row) => isValueEmpty(rows[String(row.value)]))) add('allRows', builtIn(lookup, 'requiredInAllRowsError'));
  }
  if (errors.length === 0) for (const validator of def.validators) validate(state, validator, value, lookup, add);
  const cells = isMatrixDropdown(def) ? cellErrors(state, node as MatrixNode, lookup) : isPanelDynamic(def) ? panelErrors(state, node as PanelNode, lookup) : [];
  return [...errors, ...strictErrors(def, value, lookup), ...cells];
}

function strictErrors(def: QuestionNode['def'], value: unknown, lookup: Lookup): RuntimeError[] {
  const errors: RuntimeError[] = [];
  if (def.type === 'checkbox' && def.maxSelectedChoices >= 1 && Array.isArray(value) && value.length > def.maxSelectedChoices) {
    errors.push({ question: def.name, kind: 'maxSelected', text: format(builtIn(lookup, 'maxSelectError'), def.maxSelectedChoices), strict: true });
  }
  if ((def.type === 'text' || def.type === 'comment') && def.maxLength !== undefined && typeof value === 'string' && value.length > def.maxLength) {
    errors.push({ question: def.name, kind: 'tooLong', text: format(builtIn(lookup, 'textMaxLength'), def.maxLength), strict: true });
  }
  return errors;
}
