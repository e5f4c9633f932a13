/**
 * validateDefinition: every fault in an uploaded SurveyJS definition, each with a JSON pointer,
 * in one pass. Definitions come from survey authors' uploads, so nothing here may throw and
 * nothing may recurse without a bound, whatever the input.
 */
import { childPointer, isRecord } from './json-pointer.js';
import { surveyCoreFaults } from './survey-core-faults.js';
import type { Fault, SurveyDefinition, ValidationResult } from './types.js';
import { createChecks } from './validate-checks.js';
import type { CodedFault } from './validate-checks.js';
import { walkDefinition } from './walk.js';

/** Beyond this survey-core's recursive loader, and structuredClone, risk the stack. */
const MAX_JSON_DEPTH = 200;

export function validateDefinition(input: unknown): ValidationResult {
  try {
    return validate(input);
  } catch (error) {
    // Not expected; but a validator that throws would turn bad input into a 500.
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, faults: [{ pointer: '', message: `The definition could not be checked: ${detail}` }] };
  }
}

function validate(input: unknown): ValidationResult {
  if (!isRecord(input)) {
    const kind = input === null ? 'null' : Array.isArray(input) ? 'an array' : `a ${typeof input}`;
    return { ok: false, faults: [{ pointer: '', message: `A survey definition must be a JSON object, not ${kind}` }] };
  }
  const faults: CodedFault[] = [];
  const seen = new Set<string>();
  const add = (fault: CodedFault) => {
    const id = `${fault.pointer}\u0000${fault.code}`;
    if (seen.has(id)) return;
    seen.add(id);
    faults.push(fault);
  };

  const tooDeepAt = findTooDeep(input);
  const copy = tooDeepAt === undefined ? plainCopy(input) : undefined;
  if (tooDeepAt === undefined && !copy) add({ pointer: '', code: 'json', message: 'The definition must be plain JSON' });
  const definition = copy ?? input;
  checkRoot(definition, add);

  const pointers = new Map<object, string>();
  const rejected: Array<[Record<string, unknown> | unknown[], string | number]> = [];
  const reject = (container: Record<string, unknown> | unknown[], key: string | number) => rejected.push([container, key]);
  const checks = createChecks(add, reject);
  walkDefinition(definition, {
    ...checks,
    rejected: reject,
    node(node) {
      pointers.set(node.json, node.pointer);
      checks.node?.(node);
    },
    items(owner, property, items, pointer) {
      items.forEach((item, index) => { if (isRecord(item)) pointers.set(item, childPointer(pointer, index)); });
      checks.items?.(owner, property, items, pointer);
    },
  });
  const cutShort = faults.some((f) => f.code === 'depth');
  if (!cutShort && Array.isArray(definition.pages) && definition.pages.length > 0 && checks.questionCount() === 0) {
    add({ pointer: '/pages', code: 'empty', message: 'The survey has no questions' });
  }

  if (tooDeepAt !== undefined) {
    if (!cutShort) {
      add({ pointer: tooDeepAt, code: 'depth', message: `The definition is nested more than ${MAX_JSON_DEPTH} levels deep` });
    }
  } else if (copy && !checks.tooCostly()) {
    // Only a copy within the depth bound goes to survey-core, whose loader recurses. What we
    // already rejected is removed first: survey-core crashes on some of it (a 'page' among
    // elements) and would then report nothing at all.
    prune(rejected);
    const loaded = surveyCoreFaults(copy, pointers);
    const ours = new Set(faults.map((f) => f.pointer));
    for (const fault of loaded.faults) {
      // e.g. survey-core's "name is required" for a name we rejected as not a string
      const required = fault.code.startsWith('required:') ? childPointer(fault.pointer, fault.code.slice('required:'.length)) : undefined;
      if (!ours.has(fault.pointer) && (required === undefined || !ours.has(required))) add(fault);
    }
    if (loaded.crash !== undefined && faults.length === 0) {
      add({ pointer: '', code: 'crash', message: `survey-core cannot load the definition: ${loaded.crash}` });
    }
  }

  if (faults.length > 0) return { ok: false, faults: faults.map(({ pointer, message }): Fault => ({ pointer, message })) };
  return { ok: true, definition: input, title: defaultText(input.title) };
}

function checkRoot(definition: SurveyDefinition, add: (fault: CodedFault) => void): void {
  const pages = definition.pages;
  if (pages === undefined) add({ pointer: '/pages', code: 'shape', message: 'The survey has no pages' });
  else if (Array.isArray(pages) && pages.length === 0) add({ pointer: '/pages', code: 'shape', message: 'The survey has no pages' });
  for (const loose of ['elements', 'questions']) {
    if (definition[loose] !== undefined) {
      add({ pointer: `/${loose}`, code: 'shape', message: `Put '${loose}' inside a page: elements outside pages are not supported` });
    }
  }
}

/** The pointer of the first value nested deeper than MAX_JSON_DEPTH, found without recursion. */
function findTooDeep(root: unknown): string | undefined {
  const stack: Array<[unknown, string, number]> = [[root, '', 0]];
  const visited = new Set<object>();
  while (stack.length > 0) {
    const [node, pointer, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null || visited.has(node)) continue;
    if (depth >= MAX_JSON_DEPTH) return pointer;
    visited.add(node);
    const entries = Array.isArray(node) ? node.map((v, i) => [String(i), v] as const) : Object.entries(node);
    for (const [key, child] of entries) stack.push([child, childPointer(pointer, key), depth + 1]);
  }
  return undefined;
}

function prune(rejected: Array<[Record<string, unknown> | unknown[], string | number]>): void {
  // from the end, so that removing an array item does not shift the ones still to remove
  for (const [container, key] of [...rejected].reverse()) {
    if (Array.isArray(container)) container.splice(Number(key), 1);
    else delete container[String(key)];
  }
}

function plainCopy(input: SurveyDefinition): SurveyDefinition | undefined {
  try {
    return structuredClone(input);
  } catch {
    return undefined;
  }
}

function defaultText(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (isRecord(value) && typeof value.default === 'string') return value.default.trim();
  return '';
}
