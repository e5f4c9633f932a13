/**
 * Checks a definition that validateDefinition already accepted against the subset the phone
 * runtime implements, and compiles every expression on the way. Every refusal is a fault with
 * the JSON pointer of the offending type, property or expression.
 */
import { childPointer } from '../definition/json-pointer.js';
import type { Fault } from '../definition/types.js';
import { isElementProperty, isItemValueClass, walkDefinition } from '../definition/walk.js';
import type { Expr } from '../../../../client/runtime/expression-types.js';
import { SUPPORTED_FUNCTIONS, compileExpression } from './expressions.js';
import { checkMatrixDropdown } from './check-matrix.js';
import type { WalkNode } from '../definition/walk.js';
import { ALLOWED_PROPERTIES, ALLOWED_VALUES, REFUSAL_HINTS, SUPPORTED_INPUT_TYPES, SUPPORTED_TYPES, TEMPLATE_REFUSED, TEMPLATE_TYPES } from './support.js';

export interface SubsetCheck {
  faults: Fault[];
  /** pointer of an expression property → its compiled tree */
  expressions: Map<string, { expr: Expr; variables: string[] }>;
}

const SELECT_TYPES = new Set(['radiogroup', 'checkbox', 'dropdown']);
const supportedFunctions = new Set(SUPPORTED_FUNCTIONS);

export function checkSubset(definition: Record<string, unknown>): SubsetCheck {
  const faults: Fault[] = [];
  const expressions: SubsetCheck['expressions'] = new Map();
  // pointers of refused values: nothing inside them is reported again
  const refused: string[] = [];
  const fault = (pointer: string, message: string) => faults.push({ pointer, message });
  const isRefused = (pointer: string): boolean => refused.some((p) => pointer === p || pointer.startsWith(`${p}/`));

  walkDefinition(definition, {
    node(node) {
      if (isRefused(node.pointer)) return;
      const kind = allowlistOf(node.className);
      if (isElementProperty(node.via) && !(SUPPORTED_TYPES as readonly string[]).includes(node.className)) {
        fault(childPointer(node.pointer, 'type'), `The element type '${node.className}' is not supported on phones yet`);
        refused.push(node.pointer);
      } else if (!kind) {
        fault(node.pointer, `'${node.via?.name ?? node.className}' (${node.className}) is not supported on phones yet`);
        refused.push(node.pointer);
      } else if (node.className === 'ranking') {
        checkRanking(node.json, node.pointer, fault);
      } else if (node.className === 'matrixdropdown') {
        checkMatrixDropdown(node.json, node.pointer, fault);
      } else if (node.via?.name === 'templateElements' && !TEMPLATE_TYPES.includes(node.className)) {
        fault(childPointer(node.pointer, 'type'), `The element type '${node.className}' is not supported inside a paneldynamic on phones yet (supported: ${TEMPLATE_TYPES.join(', ')})`);
        refused.push(node.pointer);
      }
    },
    property(node, name, property, value) {
      if (isRefused(node.pointer)) return;
      const allowed = ALLOWED_PROPERTIES[allowlistOf(node.className) ?? ''] ?? [];
      const pointer = childPointer(node.pointer, name);
      const template = templateQuestion(node);
      if (template && (node === template ? TEMPLATE_REFUSED.includes(property.name) : (property.name === 'visibleIf' || property.name === 'enableIf') && isItemValueClass(node.className))) {
        fault(pointer, `The property '${name}' is not supported inside a paneldynamic on phones yet`);
        refused.push(pointer);
        return;
      }
      if (!allowed.includes(property.name)) {
        const hint = REFUSAL_HINTS[property.name];
        fault(pointer, `The property '${name}' is not supported on phones yet${hint ? `: ${hint}` : ''}`);
        refused.push(pointer);
        return;
      }
      for (const group of valueGroups(node.className)) {
        const values = ALLOWED_VALUES[group]?.[property.name];
        if (values && !values.includes(value)) {
          fault(pointer, `'${name}': ${JSON.stringify(value)} is not supported on phones yet (supported: ${values.map((v) => JSON.stringify(v)).join(', ')})`);
        }
      }
      if ((node.className === 'text' || node.className === 'matrixdropdowncolumn') && property.name === 'inputType' && !SUPPORTED_INPUT_TYPES.includes(String(value).toLowerCase())) {
        fault(pointer, `The input type '${String(value)}' is not supported on phones yet (supported: ${SUPPORTED_INPUT_TYPES.join(', ')})`);
      }
      if ((property.type === 'condition' || property.type === 'expression') && typeof value === 'string' && value.trim() !== '') {
        const compiled = compileExpression(value);
        if (!compiled.ok) {
          fault(pointer, `The expression cannot be compiled: ${compiled.error}`);
          return;
        }
        const unsupported = compiled.functions.filter((fn) => !supportedFunctions.has(fn));
        if (unsupported.length > 0) {
          fault(pointer, `The function${unsupported.length > 1 ? 's' : ''} ${unsupported.map((f) => `'${f}'`).join(', ')} ${unsupported.length > 1 ? 'are' : 'is'} not supported on phones`);
          return;
        }
        if (template && compiled.variables.some((v) => UNSUPPORTED_PANEL_VARIABLES.test(v))) {
          fault(pointer, 'An expression inside a paneldynamic may read {panel.…}, {panelIndex} and the survey\'s answers, not other panels');
          return;
        }
        expressions.set(pointer, { expr: compiled.expr, variables: compiled.variables });
      }
    },
  });
  return { faults, expressions };
}

/** Panel variables survey-core offers inside a paneldynamic that the runtime does not. */
const UNSUPPORTED_PANEL_VARIABLES = /^(prevpanel|nextpanel|parentpanel|visiblepanelindex)\b/i;

/** The question of a paneldynamic's template that `node` is or belongs to (a choice, a validator). */
function templateQuestion(node: WalkNode): WalkNode | undefined {
  for (let at: WalkNode | undefined = node; at; at = at.parent) if (at.via?.name === 'templateElements') return at;
  return undefined;
}

/** The ALLOWED_PROPERTIES entry for a survey-core class, or undefined when the class is refused. */
function allowlistOf(className: string): string | undefined {
  if (isItemValueClass(className)) return 'itemvalue';
  return Object.hasOwn(ALLOWED_PROPERTIES, className) ? className : undefined;
}

function valueGroups(className: string): string[] {
  if (className === 'survey' || className === 'page' || className === 'panel' || className === 'matrixdropdowncolumn') return [className];
  if (className.endsWith('validator')) return ['validator'];
  if (!(SUPPORTED_TYPES as readonly string[]).includes(className)) return [];
  const groups = ['question', className];
  if (SELECT_TYPES.has(className)) groups.push('select');
  return groups;
}

/**
 * survey-core empties a ranking left with a single visible choice but keeps that choice as the
 * question's own value, which its conditions and texts then see or not depending on timing; a
 * ranking must keep two choices visible whatever the answers.
 */
function checkRanking(json: Record<string, unknown>, pointer: string, fault: (pointer: string, message: string) => void): void {
  if (typeof json.choicesVisibleIf === 'string' && json.choicesVisibleIf.trim() !== '') {
    fault(childPointer(pointer, 'choicesVisibleIf'), "'choicesVisibleIf' is not supported for ranking: it could leave a single choice, which survey-core mishandles; use visibleIf on some choices");
  }
  const choices = Array.isArray(json.choices) ? json.choices : [];
  const fixed = choices.filter((c) => !(typeof c === 'object' && c !== null && 'visibleIf' in c && String((c as Record<string, unknown>).visibleIf).trim() !== ''));
  if (fixed.length < 2) fault(childPointer(pointer, 'choices'), 'A ranking needs at least two choices without visibleIf, so that it never shows a single choice');
}
