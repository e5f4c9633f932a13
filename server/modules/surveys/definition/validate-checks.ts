/**
 * The per-node checks of validateDefinition, run during one metadata-driven walk. Each fault
 * carries a code so the faults survey-core reports itself can be dropped when we already have them.
 */
import { childPointer, isRecord } from './json-pointer.js';
import { isLocaleTag } from './locale-tags.js';
import { ConditionsParser, Serializer } from './survey-core-setup.js';
import type { JsonObjectProperty } from './survey-core-setup.js';
import type { Fault } from './types.js';
import { isElementProperty, isItemValueClass, splitShorthand } from './walk.js';
import type { WalkNode, WalkVisitor } from './walk.js';

export interface CodedFault extends Fault {
  code: string;
}

export interface Checks extends WalkVisitor {
  questionCount(): number;
  /** true when some expressions were too long to parse in reasonable time: survey-core must not try */
  tooCostly(): boolean;
}

/** survey-core's parser needs about 10 µs per character; real expressions are far shorter. */
const MAX_EXPRESSION_LENGTH = 5_000;
const MAX_EXPRESSION_TOTAL = 100_000;

type Reject = (container: Record<string, unknown>, key: string) => void;

/** `reject` receives values of the wrong kind, which survey-core must not see: it crashes on some. */
export function createChecks(add: (fault: CodedFault) => void, reject: Reject): Checks {
  const fault = (pointer: string, code: string, message: string) => add({ pointer, code, message });
  const firstByName = new Map<string, string>();
  let questions = 0;
  let expressionChars = 0;
  let skipped = false;

  function expression(node: WalkNode, name: string, pointer: string, value: unknown): void {
    if (typeof value !== 'string' || (value.length <= MAX_EXPRESSION_LENGTH && expressionChars + value.length <= MAX_EXPRESSION_TOTAL)) {
      if (typeof value === 'string') expressionChars += value.length;
      // survey-core would re-parse a broken expression and console.warn about it
      if (!checkExpression(pointer, value, fault)) reject(node.json, name);
      return;
    }
    if (value.length > MAX_EXPRESSION_LENGTH) {
      fault(pointer, 'expression', `The expression is longer than ${MAX_EXPRESSION_LENGTH} characters`);
    } else if (!skipped) {
      fault(pointer, 'budget', `The expressions are longer than ${MAX_EXPRESSION_TOTAL} characters in total; this one and later ones were not checked`);
    }
    skipped = true;
  }

  function unique(scope: string, name: string, pointer: string, what: string): void {
    const id = `${scope}\u0000${what}\u0000${name}`;
    const first = firstByName.get(id);
    if (first === undefined) firstByName.set(id, pointer);
    else fault(childPointer(pointer, 'name'), 'duplicate', `Duplicate ${what} name '${name}' (first used at ${first})`);
  }

  return {
    questionCount: () => questions,
    tooCostly: () => skipped,
    problem: fault,

    node(node) {
      const isElement = isElementProperty(node.via);
      const what = describe(node);
      if (isElement && node.className !== 'panel') questions += 1;
      for (const required of Serializer.getRequiredProperties(node.className)) {
        const value = node.json[required];
        if (value === undefined || value === null || value === '') fault(node.pointer, `required:${required}`, `The ${what} has no ${required}`);
      }
      const name = node.json.name;
      if (name === undefined || name === null) return;
      if (typeof name !== 'string') {
        fault(childPointer(node.pointer, 'name'), 'name', 'A name must be a string');
        reject(node.json, 'name');
        return;
      }
      // survey-core trims names and drops '|' silently, so answers would be stored under another key
      if (name !== name.trim() || name.includes('|')) {
        fault(childPointer(node.pointer, 'name'), 'name', `The name '${name}' must not contain '|' or start or end with spaces`);
      }
      if ((isElement || what === 'page') && name !== '') unique(node.scope, name, node.pointer, what);
    },

    property(node, name, property, value) {
      const pointer = childPointer(node.pointer, name);
      if (property.isExpression) expression(node, name, pointer, value);
      else if (property.isLocalizable && !property.type.endsWith('[]')) checkLocalizable(node, name, pointer, value, fault, reject);
      else if (node.className === 'survey' && name === 'locale' && value !== '' && !(typeof value === 'string' && isLocaleTag(value))) {
        fault(pointer, 'locale', `The survey locale ${JSON.stringify(value)} is not a BCP 47 language tag`);
      }
    },

    items(owner, property, items, pointer) {
      if (isElementProperty(property) || property.name === 'pages') return;
      checkSiblings(owner, property, items, pointer, fault);
    },
  };
}

function describe(node: WalkNode): string {
  if (isElementProperty(node.via)) return node.className === 'panel' ? 'panel' : 'question';
  const via = node.via?.name;
  if (!via) return 'survey';
  if (isItemValueClass(node.className) && via === 'choices') return 'choice';
  return via.endsWith('s') ? via.slice(0, -1) : via;
}

/** Choice values and column or item names are data keys and translation keys: they must be unique. */
function checkSiblings(owner: WalkNode, property: JsonObjectProperty, items: unknown[], pointer: string,
  fault: (pointer: string, code: string, message: string) => void): void {
  const isChoice = isItemValueClass(property.className);
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const itemPointer = childPointer(pointer, index);
    let id: unknown;
    if (isRecord(item)) {
      id = isChoice ? item.value : item.name;
      if (isChoice && typeof id === 'string' && id.includes('|')) {
        fault(childPointer(itemPointer, 'value'), 'value', `The value '${id}' must not contain '|': survey-core would cut it there`);
      }
    } else if (isChoice && (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean')) {
      id = splitShorthand(item).value;
    }
    if (!(typeof id === 'string' || typeof id === 'number' || typeof id === 'boolean') || id === '') return;
    const first = seen.get(String(id));
    if (first === undefined) seen.set(String(id), index);
    else fault(itemPointer, 'duplicate', `Duplicate ${isChoice ? 'value' : 'name'} '${String(id)}' in '${property.name}' of ${owner.key} (first at index ${first})`);
  });
}

/** false when the value is not a usable expression */
function checkExpression(pointer: string, value: unknown, fault: (pointer: string, code: string, message: string) => void): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value !== 'string') {
    fault(pointer, 'expression', 'An expression must be a string');
    return false;
  }
  if (value.trim() === '') return true;
  // A fresh parser each time: ConditionsParser keeps its last error and never clears it on success.
  const parser = new ConditionsParser();
  if (parser.parseExpression(value)) return true;
  const error = parser.error;
  fault(pointer, 'expression', error
    ? `The expression does not parse (at character ${error.at}): ${error.code}`
    : 'The expression does not parse (it may be nested too deeply)');
  return false;
}

function checkLocalizable(node: WalkNode, name: string, pointer: string, value: unknown,
  fault: (pointer: string, code: string, message: string) => void, reject: Reject): void {
  if (value === undefined || value === null || typeof value === 'string') return;
  if (!isRecord(value)) {
    fault(pointer, 'text', `'${name}' must be text, or an object of language → text`);
    reject(node.json, name);
    return;
  }
  for (const [locale, text] of Object.entries(value)) {
    const textPointer = childPointer(pointer, locale);
    if (locale !== 'default' && !isLocaleTag(locale)) fault(textPointer, 'locale', `'${locale}' is not a BCP 47 language tag`);
    if (typeof text !== 'string') {
      fault(textPointer, 'text', `The '${locale}' text of '${name}' must be a string`);
      reject(value, locale);
    }
  }
}
