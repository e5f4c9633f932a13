/**
 * What survey-core itself says about a definition when it loads it: above all, unknown
 * properties, which only its full class metadata (including dynamic and custom properties) knows.
 */
import { childPointer, isRecord } from './json-pointer.js';
import { Model } from './survey-core-setup.js';
import type { JsonError } from './survey-core-setup.js';
import type { CodedFault } from './validate-checks.js';

/**
 * Loading a definition makes survey-core fetch `choicesByUrl` with the global fetch; on the
 * server that would let any author make us send requests to internal addresses. A web provider
 * that answers every request with an error keeps the load offline.
 */
const offline: NonNullable<Model['webProvider']> = {
  canHandleRequest: () => true,
  sendRequest: (_request, done) => done({ status: 403, statusText: 'Requests are disabled while validating' }),
};

/**
 * `json` must be a private copy: survey-core writes into it (a choice without a value gets
 * one). `pointers` maps the copy's objects to their pointers, since survey-core names objects
 * only by reference.
 */
export function surveyCoreFaults(json: Record<string, unknown>, pointers: Map<object, string>): { faults: CodedFault[]; crash?: string } {
  let errors: JsonError[] = [];
  let crash: string | undefined;
  const model = new Model();
  try {
    model.webProvider = offline;
    model.fromJSON(json);
  } catch (error) {
    crash = error instanceof Error ? error.message : String(error);
  } finally {
    errors = [...(model.jsonErrors ?? [])];
    try {
      model.dispose();
    } catch {
      // a half-loaded model may fail to dispose; it is garbage either way
    }
  }
  return { faults: errors.map((error) => toFault(error, json, pointers)), crash };
}

function toFault(error: JsonError, root: unknown, pointers: Map<object, string>): CodedFault {
  const details = error as JsonError & { propertyName?: string; className?: string };
  const target = isRecord(error.jsonObj) ? error.jsonObj : undefined;
  const at = target ? (pointers.get(target) ?? findPointer(root, target) ?? '') : '';
  const property = details.propertyName ?? '';
  switch (error.type) {
    case 'unknownproperty':
      return { pointer: childPointer(at, property), code: `unknown:${property}`, message: `Unknown property '${property}' in ${details.className ?? 'this object'}` };
    case 'requiredproperty':
      return { pointer: at, code: `required:${property}`, message: `Missing required property '${property}'` };
    case 'missingtypeproperty':
      return { pointer: at, code: 'type', message: `The object in '${property}' has no type` };
    case 'incorrecttypeproperty':
      return { pointer: childPointer(at, 'type'), code: 'type', message: `Unknown type in '${property}'` };
    default:
      return { pointer: at, code: error.type, message: error.message };
  }
}

/** Fallback for objects the walk did not reach; iterative, as the copy may still be deep. */
function findPointer(root: unknown, target: object): string | undefined {
  const stack: Array<[unknown, string]> = [[root, '']];
  while (stack.length > 0) {
    const [node, pointer] = stack.pop()!;
    if (node === target) return pointer;
    if (Array.isArray(node)) node.forEach((child, index) => stack.push([child, childPointer(pointer, index)]));
    else if (isRecord(node)) for (const [key, child] of Object.entries(node)) stack.push([child, childPointer(pointer, key)]);
  }
  return undefined;
}
