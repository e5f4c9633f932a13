import { Type, type TSchema } from '@sinclair/typebox';

/** Shared schema pieces for routes: the problem body, ids, and common response shapes. */
export const ProblemSchema = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.String(),
  instance: Type.String(),
  requestId: Type.String(),
  code: Type.String(),
  errors: Type.Optional(Type.Array(Type.Object({ pointer: Type.String(), message: Type.String(), code: Type.Optional(Type.String()) }))),
}, { $id: 'Problem', description: 'RFC 9457 problem details' });

export const ProblemRef = Type.Ref('Problem');

/** Standard error responses for documentation: every route can fail with these. */
export function errorResponses(...codes: number[]): Record<number, TSchema> {
  return Object.fromEntries([400, 401, 403, ...codes].map((c) => [c, ProblemRef]));
}

export const Email = Type.String({ format: 'email', maxLength: 320 });
export const Timestamp = Type.String({ format: 'date-time' });
export const NullableTimestamp = Type.Union([Timestamp, Type.Null()]);
export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
