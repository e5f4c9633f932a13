import type { Role } from '../../db/schema/index.js';
import { notFound } from '../../errors.js';

/** Who is asking: admins see every partner's lists, a coordinator only their own partner's. */
export interface Scope {
  /** null for the operator's shell scripts acting as admin. */
  userId: string | null;
  role: Role;
  partnerId: string | null;
}

/** The partner filter a query must apply, or undefined for admins. */
export function partnerOf(scope: Scope): string | undefined {
  return scope.role === 'admin' ? undefined : (scope.partnerId ?? '\u0000none');
}

/** 404 rather than 403 for another partner's things: a coordinator must not learn what exists. */
export function assertVisible<T extends { partnerId: string }>(thing: T | undefined, scope: Scope, what: string): T {
  const p = partnerOf(scope);
  if (!thing || (p !== undefined && thing.partnerId !== p)) throw notFound(what);
  return thing;
}
