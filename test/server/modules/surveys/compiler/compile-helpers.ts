/** What the compiler tests share: a one-page survey, a compile that must succeed, a fault that must be reported. */
import type { Test } from 'tap';
import { compileSurvey } from '../../../../../server/modules/surveys/compiler/compile.js';
import type { CompileResult } from '../../../../../server/modules/surveys/compiler/compile.js';

/** A one-page survey around the given elements, plus any root properties. */
export const survey = (elements: unknown[], root: Record<string, unknown> = {}) => ({ pages: [{ name: 'p1', elements }], ...root });

export function compiled(t: Test, input: unknown): Extract<CompileResult, { ok: true }> {
  const result = compileSurvey(input);
  if (!result.ok) {
    t.fail('expected the survey to compile', { faults: result.faults });
    throw new Error('did not compile');
  }
  return result;
}

export function faultAt(t: Test, input: unknown, pointer: string, message: RegExp): void {
  const result = compileSurvey(input);
  if (result.ok) {
    t.fail(`expected a fault at ${pointer}, the survey compiled`);
    return;
  }
  const hit = result.faults.filter((f) => f.pointer === pointer);
  t.equal(hit.length, 1, `one fault at ${pointer}`, { faults: result.faults });
  if (hit[0]) t.match(hit[0].message, message);
}
