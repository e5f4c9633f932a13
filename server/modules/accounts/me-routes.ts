import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ProblemError } from '../../errors.js';
import { errorResponses } from '../../http/schemas.js';
import { caller, SESSION_COOKIE } from '../../plugins/auth.js';
import type { AccountsService } from './service.js';
import { FailureLimiter } from './login-limiter.js';
import { normalizeEmail } from './service.js';
import {
  ApiTokenSchema, ChangePasswordBodySchema, CreateApiTokenBodySchema, CreatedApiTokenSchema, LoginBodySchema,
  LoginReplySchema, SetPasswordBodySchema, TokenParamsSchema, UserSchema,
} from './schemas.js';

export interface MeRoutesOptions {
  accounts: AccountsService;
  secureCookies: boolean;
  loginMaxAttempts: number;
}

/** Sign-in, sign-out, set-password links, and what every user can do for themselves. */
const meRoutes: FastifyPluginAsyncTypebox<MeRoutesOptions> = async (app, { accounts, secureCookies, loginMaxAttempts }) => {
  const limiter = new FailureLimiter(loginMaxAttempts, 15 * 60_000);
  const tooMany = (seconds: number) =>
    new ProblemError(429, 'TOO_MANY_ATTEMPTS', `Too many failed attempts. Wait ${Math.ceil(seconds / 60)} minute(s) and try again.`);

  app.post('/api/auth/login', {
    config: { auth: 'public' },
    schema: { tags: ['auth'], summary: 'Sign in; sets an http-only session cookie', body: LoginBodySchema,
      response: { 200: LoginReplySchema, ...errorResponses(429) } },
  }, async (request, reply) => {
    const keys = [`ip:${request.ip}`, `email:${normalizeEmail(request.body.email)}`];
    const wait = limiter.retryAfter(...keys);
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      throw tooMany(wait);
    }
    try {
      const { token, user, expiresAt } = await accounts.login(request.body.email, request.body.password);
      limiter.reset(keys[1]);
      reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, secure: secureCookies, sameSite: 'strict', expires: new Date(expiresAt) });
      return { user: accounts.me(user.id), expiresAt };
    } catch (err) {
      limiter.fail(...keys);
      throw err;
    }
  });

  app.post('/api/auth/logout', {
    config: { auth: 'signed-in', allowPendingPasswordChange: true },
    schema: { tags: ['auth'], summary: 'Sign out this browser session', response: { 204: Type.Null(), ...errorResponses() } },
  }, async (request, reply) => {
    if (request.auth?.sessionHash) accounts.logout(request.auth.sessionHash);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });

  app.post('/api/auth/set-password', {
    config: { auth: 'public' },
    schema: { tags: ['auth'], summary: 'Set a password with a one-time link from an invitation', body: SetPasswordBodySchema,
      response: { 200: UserSchema, ...errorResponses(422, 429) } },
  }, async (request, reply) => {
    const key = `ip:${request.ip}`;
    const wait = limiter.retryAfter(key);
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      throw tooMany(wait);
    }
    try {
      return await accounts.setPasswordWithToken(request.body.token, request.body.password);
    } catch (err) {
      limiter.fail(key);
      throw err;
    }
  });

  app.get('/api/me', {
    config: { auth: 'signed-in', allowPendingPasswordChange: true },
    schema: { tags: ['me'], summary: 'The signed-in user', response: { 200: UserSchema, ...errorResponses() } },
  }, async (request) => accounts.me(caller(request).id));

  app.post('/api/me/password', {
    config: { auth: 'signed-in', allowPendingPasswordChange: true },
    schema: { tags: ['me'], summary: 'Change your own password; signs out your other sessions and revokes your API tokens',
      body: ChangePasswordBodySchema, response: { 204: Type.Null(), ...errorResponses(422) } },
  }, async (request, reply) => {
    await accounts.changePassword(caller(request).id, request.body.currentPassword, request.body.newPassword, request.auth?.sessionHash);
    return reply.code(204).send(null);
  });

  app.get('/api/me/tokens', {
    config: { auth: 'signed-in' },
    schema: { tags: ['me'], summary: 'Your API tokens (never the token values)', response: { 200: Type.Array(ApiTokenSchema), ...errorResponses() } },
  }, async (request) => accounts.listApiTokens(caller(request).id));

  app.post('/api/me/tokens', {
    config: { auth: 'signed-in' },
    schema: { tags: ['me'], summary: 'Create an API token for scripts; the value is shown only in this response',
      body: CreateApiTokenBodySchema, response: { 201: CreatedApiTokenSchema, ...errorResponses() } },
  }, async (request, reply) => {
    reply.code(201);
    return accounts.createApiToken(caller(request).id, request.body.name, request.body.expiresInDays);
  });

  app.delete('/api/me/tokens/:tokenId', {
    config: { auth: 'signed-in' },
    schema: { tags: ['me'], summary: 'Revoke one of your API tokens', params: TokenParamsSchema, response: { 204: Type.Null(), ...errorResponses(404) } },
  }, async (request, reply) => {
    accounts.revokeApiToken(caller(request).id, request.params.tokenId);
    return reply.code(204).send(null);
  });
};

export default meRoutes;
