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
