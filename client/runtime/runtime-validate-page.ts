/**
 * Validating a page as survey-core does (see validatePage), on top of the error checks of
 * runtime-errors.ts.
 */
import { variablesOf } from './expression.js';
import { containerErrors, questionErrors } from './runtime-errors.js';
import type { RuntimeError } from './runtime-errors.js';
import type { RuntimeState } from './runtime-state.js';
import type { Lookup } from './runtime-text.js';
import { isSelect } from './runtime-tree.js';
import type { QuestionNode, TreeNode } from './runtime-tree.js';

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
    // only choice questions, matrices and dynamic panels are corrected: no copies for the others
    const corrected = isSelect(question.def) || question.def.type === 'matrixdropdown' || question.def.type === 'paneldynamic';
    const before = corrected ? { ...state.data, ...prefixed(state.variables) } : {};
    correct(question);
    const after = corrected ? { ...state.data, ...prefixed(state.variables) } : {};
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
  const read = node.def.validators.flatMap((validator) => (validator.type === 'expression' ? variablesOf(validator.expression) : []));
  return read.some((variable) => variable !== own && variable !== `panel.${own}` && variable !== `row.${own}`
    && names.some((name) => variable === name || variable.startsWith(`${name}.`)));
}
