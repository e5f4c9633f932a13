import { invalid } from '../../errors.js';

/** No answer of any question type nests deeper than a matrix cell's array (body → answers → row → cell → item, inside dynamic panels), with room to spare. */
export const MAX_DEPTH = 12;

/**
 * Refuses a submission nested deeper than any answer can be, before anything recursive (hashing,
 * copying) touches it: a body of 100,000 nested arrays must get a 422, not a stack overflow.
 */
export function assertShallow(value: unknown, limit = MAX_DEPTH): void {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [at, depth] = stack.pop()!;
    if (typeof at !== 'object' || at === null) continue;
    if (depth >= limit) throw invalid('The submission is nested more deeply than any answer can be.', [{ pointer: '/answers', message: `nests deeper than ${limit} levels`, code: 'tooDeep' }]);
    for (const child of Object.values(at)) stack.push([child, depth + 1]);
  }
}
