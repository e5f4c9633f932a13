/** What the partners and users screens share: the API's shapes and the checks made before sending. */
import { useState } from 'preact/hooks';
import { ApiError, type FieldProblem } from '../../../shared/api.js';
import { useResource } from '../../ui/page.js';
import type { User } from '../../session.js';

/** GET /api/partners */
export interface Partner {
  id: string;
  name: string;
  country: string;
  region: string | null;
  timeZone: string;
  contactEmail: string | null;
  createdAt: string;
  updatedAt: string;
}

export type UserState = 'invited' | 'active' | 'disabled';
export const USER_STATES: readonly UserState[] = ['invited', 'active', 'disabled'];
export const ROLES = ['admin', 'coordinator', 'researcher'] as const;

/** Disabled wins; an account whose invitation link was never used is still invited. */
export function stateOf(user: Pick<User, 'disabledAt' | 'hasPassword'>): UserState {
  return user.disabledAt ? 'disabled' : user.hasPassword ? 'active' : 'invited';
}

/** Faults found before sending, thrown like the server's own 422 so each shows at its field. */
export function refuse(detail: string, errors: (FieldProblem | false)[]) {
  const faults = errors.filter((e): e is FieldProblem => e !== false);
  if (faults.length) throw new ApiError(422, { detail, errors: faults });
}

/**
 * A 409 names no field; the form knows which field it concerns, so the message moves there
 * (the server's detail stays as the alert's text).
 */
export function conflictAt(error: unknown, pointer: string, message: string): unknown {
  if (error instanceof ApiError && error.status === 409) return new ApiError(409, { type: error.type, detail: error.detail, errors: [{ pointer, message }] });
  return error;
}

/** A loose check that an address has the shape name@host.tld; the server has the last word. */
export const looksLikeEmail = (value: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);

/** A thing the screen loads and then changes: the version the server last returned wins over the loaded one. */
export function useEditable<T>(path: string) {
  const resource = useResource<T>(path);
  const [saved, setSaved] = useState<T | null>(null);
  return { resource, current: saved ?? resource.data, saved, setSaved };
}
