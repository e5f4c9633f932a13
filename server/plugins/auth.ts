import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type {} from '@fastify/cookie';
import type { Role } from '../db/schema/index.js';
import { forbidden, unauthenticated, ProblemError } from '../errors.js';
import type { AccountsService, AuthenticatedUser } from '../modules/accounts/service.js';

/**
 * Who may call a route, declared on every route:
 * 'public' (anyone), 'signed-in' (any active account), or a list of roles.
 */
export type RouteAuth = 'public' | 'signed-in' | readonly Role[];

export interface RequestAuth {
  user: AuthenticatedUser;
  via: 'session' | 'token';
  sessionHash?: string;
  tokenId?: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAuth;
    /** Routes a user who must change their password may still call. */
    allowPendingPasswordChange?: boolean;
  }
  interface FastifyRequest {
    auth: RequestAuth | null;
  }
  interface FastifyInstance {
    /** Every route with who may call it: the access table that tests check route by route. */
    routeAccess: Array<{ method: string; url: string; auth: RouteAuth }>;
  }
}

export const SESSION_COOKIE = 'relay_session';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface AuthPluginOptions {
  accounts: AccountsService;
  publicUrl: string;
}

/**
 * Cookie sign-ins are ambient credentials, so a state-changing request carried by one must come from
 * our own origin (Origin header, or Sec-Fetch-Site when a browser omits Origin). Bearer tokens are
 * never sent by a browser on its own, so they need no such check.
 */
function isSameOrigin(request: FastifyRequest, publicUrl: string): boolean {
  const origin = request.headers.origin;
  if (typeof origin === 'string') {
    const allowed = new Set([new URL(publicUrl).origin, `${request.protocol}://${request.host}`]);
    return allowed.has(origin);
  }
  return request.headers['sec-fetch-site'] === 'same-origin';
}

export function assertSameOrigin(request: FastifyRequest, publicUrl: string) {
  if (!isSameOrigin(request, publicUrl)) {
    throw new ProblemError(403, 'CSRF_REJECTED', 'This request did not come from a page of this site. Reload the page and try again.');
  }
}

export default fp(async function authPlugin(app: FastifyInstance, opts: AuthPluginOptions) {
  app.decorateRequest('auth', null);
  app.decorate('routeAccess', []);

  app.addHook('onRoute', (route) => {
    route.config ??= {};
    if (route.url.startsWith('/docs')) route.config.auth ??= 'public';
    if (!route.config.auth) throw new Error(`Route ${route.method} ${route.url} does not declare config.auth`);
    for (const method of [route.method].flat()) app.routeAccess.push({ method, url: route.url, auth: route.config.auth });
  });

  app.addHook('onRequest', async (request) => {
    const rule = request.routeOptions.config?.auth;
    if (!rule || rule === 'public') return;
    const auth = await authenticate(request, opts.accounts);
    if (!auth) throw unauthenticated();
    if (auth.via === 'session' && UNSAFE_METHODS.has(request.method)) assertSameOrigin(request, opts.publicUrl);
    if (auth.user.mustChangePassword && !request.routeOptions.config.allowPendingPasswordChange) {
      throw new ProblemError(403, 'PASSWORD_CHANGE_REQUIRED', 'Change your password first (POST /api/me/password).');
    }
    if (rule !== 'signed-in' && !rule.includes(auth.user.role)) {
      throw forbidden(`This needs the role ${rule.join(' or ')}; you are ${auth.user.role}.`);
    }
    request.auth = auth;
  });
});

async function authenticate(request: FastifyRequest, accounts: AccountsService): Promise<RequestAuth | null> {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>".');
    const found = accounts.authenticateToken(match[1]);
    if (!found) throw unauthenticated('This API token is unknown, expired or revoked.');
    return { user: found.user, via: 'token', tokenId: found.tokenId };
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return null;
  const found = accounts.authenticateSession(cookie);
  if (!found) throw unauthenticated('Your session has expired. Sign in again.');
  return { user: found.user, via: 'session', sessionHash: found.sessionHash };
}

/** For handlers behind an authenticated route: the caller, never null there. */
export function caller(request: FastifyRequest): AuthenticatedUser {
  if (!request.auth) throw unauthenticated();
  return request.auth.user;
}

/** The caller as a partner scope, for services that filter by partner. */
export function scopeOf(request: FastifyRequest): { userId: string; role: Role; partnerId: string | null } {
  const user = caller(request);
  return { userId: user.id, role: user.role, partnerId: user.partnerId };
}
