import createError from '@fastify/error';

/**
 * Domain errors, made once. Services throw them; the error handler in plugins/problem.ts turns
 * every error into RFC 9457 problem+json. `errors` carries field-level faults as JSON pointers.
 */
export interface FieldFault {
  pointer: string;
  message: string;
  /** a machine-readable reason where clients act on it (e.g. a survey answer's error kind) */
  code?: string;
}

export class ProblemError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly errors?: FieldFault[],
  ) {
    super(message);
    this.name = 'ProblemError';
  }
}

const e = (code: string, status: number, message: string) => createError(code, message, status);

export const Errors = {
  NOT_FOUND: e('NOT_FOUND', 404, '%s'),
  UNAUTHENTICATED: e('UNAUTHENTICATED', 401, '%s'),
  FORBIDDEN: e('FORBIDDEN', 403, '%s'),
  CONFLICT: e('CONFLICT', 409, '%s'),
  RATE_LIMITED: e('RATE_LIMITED', 429, '%s'),
} as const;

export const notFound = (what: string) => new Errors.NOT_FOUND(`${what} was not found.`);
export const unauthenticated = (why = 'Sign in or send a valid API token.') => new Errors.UNAUTHENTICATED(why);
export const forbidden = (why = 'Your role does not allow this.') => new Errors.FORBIDDEN(why);
export const conflict = (why: string) => new Errors.CONFLICT(why);

/** A request that was well-formed but whose content is wrong, with every fault named. */
export const invalid = (message: string, errors: FieldFault[]) => new ProblemError(422, 'INVALID', message, errors);
