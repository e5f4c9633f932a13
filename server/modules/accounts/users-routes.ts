import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../../http/schemas.js';
import { caller } from '../../plugins/auth.js';
import type { AccountsService } from './service.js';
import { InviteUserBodySchema, InviteUserReplySchema, PasswordLinkSchema, UpdateUserBodySchema, UserParamsSchema, UserSchema } from './schemas.js';

export interface UsersRoutesOptions {
  accounts: AccountsService;
  publicUrl: string;
}

const ADMIN = { auth: ['admin'] as const };

/** Admins manage accounts: invite, assign role and partner, disable, revoke. */
const usersRoutes: FastifyPluginAsyncTypebox<UsersRoutesOptions> = async (app, { accounts, publicUrl }) => {
  const link = (token: string) => `${publicUrl}/admin/set-password#token=${encodeURIComponent(token)}`;

  app.get('/api/users', {
    config: ADMIN,
    schema: { tags: ['users'], summary: 'All users', response: { 200: Type.Array(UserSchema), ...errorResponses() } },
  }, async () => accounts.listUsers());

  app.post('/api/users', {
    config: ADMIN,
    schema: { tags: ['users'], summary: 'Invite a user; returns a one-time set-password link (shown once)',
      body: InviteUserBodySchema, response: { 201: InviteUserReplySchema, ...errorResponses(409, 422) } },
  }, async (request, reply) => {
    const { user, token, expiresAt } = accounts.inviteUser(request.body);
    request.log.info({ userId: user.id, role: user.role }, 'user invited');
    reply.code(201);
    return { user, setPasswordUrl: link(token), expiresAt };
  });

  app.get('/api/users/:userId', {
    config: ADMIN,
    schema: { tags: ['users'], summary: 'One user', params: UserParamsSchema, response: { 200: UserSchema, ...errorResponses(404) } },
  }, async (request) => accounts.getUser(request.params.userId));

  app.patch('/api/users/:userId', {
    config: ADMIN,
    schema: { tags: ['users'], summary: 'Change name, role, partner, or disable/enable', params: UserParamsSchema,
      body: UpdateUserBodySchema, response: { 200: UserSchema, ...errorResponses(404, 409, 422) } },
  }, async (request) => accounts.updateUser(request.params.userId, request.body, caller(request).id));

  app.post('/api/users/:userId/password-link', {
    config: ADMIN,
    schema: { tags: ['users'], summary: 'Issue a new one-time set-password link (re-invite or reset); earlier links stop working',
      params: UserParamsSchema, response: { 201: PasswordLinkSchema, ...errorResponses(404) } },
  }, async (request, reply) => {
    const { token, expiresAt } = accounts.reissuePasswordLink(request.params.userId);
    reply.code(201);
    return { setPasswordUrl: link(token), expiresAt };
  });

  app.post('/api/users/:userId/revoke-credentials', {
    config: ADMIN,
    schema: { tags: ['users'], summary: 'Sign the user out everywhere and revoke all their API tokens',
      params: UserParamsSchema, response: { 204: Type.Null(), ...errorResponses(404) } },
  }, async (request, reply) => {
    accounts.revokeCredentials(request.params.userId);
    return reply.code(204).send(null);
  });
};

export default usersRoutes;
