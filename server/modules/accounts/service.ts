import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.js';
import { apiTokens, passwordTokens, partners, sessions, users, type Role } from '../../db/schema/index.js';
import { DUMMY_PASSWORD_HASH, hashPassword, hashToken, newId, randomToken, verifyPassword } from '../../crypto.js';
import { conflict, invalid, notFound, unauthenticated, type FieldFault } from '../../errors.js';

export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  partnerId: string | null;
  mustChangePassword: boolean;
}

export interface AccountsDeps {
  db: Db;
  log: FastifyBaseLogger;
  clock?: () => Date;
  sessionTtlHours: number;
  inviteTtlHours: number;
}

export const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 256;
export const normalizeEmail = (email: string) => email.trim().toLowerCase();
const hours = (h: number) => h * 3600_000;

type UserRow = typeof users.$inferSelect;
export type PublicUser = Omit<UserRow, 'passwordHash' | 'emailNormalized'> & { hasPassword: boolean };

export function toPublicUser(u: UserRow): PublicUser {
  const { passwordHash, emailNormalized: _n, ...rest } = u;
  return { ...rest, hasPassword: passwordHash !== null };
}

function toAuthenticated(u: UserRow): AuthenticatedUser {
  return { id: u.id, email: u.email, name: u.name, role: u.role, partnerId: u.partnerId, mustChangePassword: u.mustChangePassword };
}

export function passwordFaults(password: string, email: string, pointer = '/password'): FieldFault[] {
  if (password.length < MIN_PASSWORD_LENGTH) return [{ pointer, message: `must be at least ${MIN_PASSWORD_LENGTH} characters` }];
  if (password.length > MAX_PASSWORD_LENGTH) return [{ pointer, message: `must be at most ${MAX_PASSWORD_LENGTH} characters` }];
  if (normalizeEmail(password) === normalizeEmail(email)) return [{ pointer, message: 'must not be your email address' }];
  return [];
}

export function createAccountsService(deps: AccountsDeps) {
  const { db } = deps;
  const now = () => (deps.clock ?? (() => new Date()))();
  const iso = (d = now()) => d.toISOString();

  function activeUser(id: string): UserRow | undefined {
    return db.select().from(users).where(and(eq(users.id, id), isNull(users.disabledAt))).get();
  }

  function getUser(id: string): UserRow {
    const u = db.select().from(users).where(eq(users.id, id)).get();
    if (!u) throw notFound('The user');
    return u;
  }

  function assertRolePartner(role: Role, partnerId: string | null | undefined) {
    const faults: FieldFault[] = [];
    if (role === 'coordinator' && !partnerId) faults.push({ pointer: '/partnerId', message: 'a coordinator must belong to a partner' });
    if (role !== 'coordinator' && partnerId) faults.push({ pointer: '/partnerId', message: `a ${role} is not tied to a partner; leave it empty` });
    if (partnerId && !db.select({ id: partners.id }).from(partners).where(eq(partners.id, partnerId)).get()) {
      faults.push({ pointer: '/partnerId', message: 'no partner has this id' });
    }
    if (faults.length) throw invalid('The role and partner do not fit together.', faults);
  }

  function issuePasswordToken(userId: string) {
    const token = randomToken('srp_');
    const expiresAt = new Date(now().getTime() + hours(deps.inviteTtlHours)).toISOString();
    db.insert(passwordTokens).values({ tokenHash: hashToken(token), userId, createdAt: iso(), expiresAt }).run();
    return { token, expiresAt };
  }

  function revokeCredentials(userId: string, keepSessionHash?: string) {
    const at = iso();
    db.transaction((tx) => {
      tx.update(sessions).set({ revokedAt: at })
        .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), keepSessionHash ? sql`${sessions.tokenHash} <> ${keepSessionHash}` : undefined)).run();
      tx.update(apiTokens).set({ revokedAt: at }).where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt))).run();
    });
  }

  return {
    /** The first admin, when the database has no user yet. Returns null when users exist. */
    async ensureFirstAdmin(email: string, password: string, mustChangePassword: boolean): Promise<PublicUser | null> {
      if (db.select({ n: sql<number>`count(*)` }).from(users).get()!.n > 0) return null;
      const passwordHash = await hashPassword(password);
      const row = { id: newId(), email, emailNormalized: normalizeEmail(email), name: 'Administrator', role: 'admin' as const, partnerId: null,
        passwordHash, mustChangePassword, disabledAt: null, createdAt: iso(), updatedAt: iso() };
      db.insert(users).values(row).run();
      return toPublicUser(row);
    },

    async login(email: string, password: string): Promise<{ token: string; user: AuthenticatedUser; expiresAt: string }> {
      const u = db.select().from(users).where(eq(users.emailNormalized, normalizeEmail(email))).get();
      const ok = await verifyPassword(password, u?.passwordHash ?? DUMMY_PASSWORD_HASH);
      if (!u || !ok || u.disabledAt) throw unauthenticated('The email or password is wrong, or the account is disabled.');
      const token = randomToken();
      const expiresAt = new Date(now().getTime() + hours(deps.sessionTtlHours)).toISOString();
      db.insert(sessions).values({ tokenHash: hashToken(token), userId: u.id, createdAt: iso(), expiresAt }).run();
      return { token, user: toAuthenticated(u), expiresAt };
    },

    logout(sessionHash: string) {
      db.update(sessions).set({ revokedAt: iso() }).where(eq(sessions.tokenHash, sessionHash)).run();
    },

    authenticateSession(token: string): { user: AuthenticatedUser; sessionHash: string } | null {
      const sessionHash = hashToken(token);
      const s = db.select().from(sessions)
        .where(and(eq(sessions.tokenHash, sessionHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, iso()))).get();
      const u = s && activeUser(s.userId);
      return u ? { user: toAuthenticated(u), sessionHash } : null;
    },

    authenticateToken(token: string): { user: AuthenticatedUser; tokenId: string } | null {
      const t = db.select().from(apiTokens).where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, iso())))).get();
      const u = t && activeUser(t.userId);
      if (!t || !u) return null;
      // Stamp use at most once a minute, so scripts do not turn every read into a write.
      if (!t.lastUsedAt || now().getTime() - Date.parse(t.lastUsedAt) > 60_000) {
        db.update(apiTokens).set({ lastUsedAt: iso() }).where(eq(apiTokens.id, t.id)).run();
      }
      return { user: toAuthenticated(u), tokenId: t.id };
    },

    me(userId: string): PublicUser {
      return toPublicUser(getUser(userId));
    },

    async changePassword(userId: string, current: string, next: string, keepSessionHash?: string) {
      const u = getUser(userId);
      if (!u.passwordHash || !(await verifyPassword(current, u.passwordHash))) {
        throw invalid('The current password is wrong.', [{ pointer: '/currentPassword', message: 'is wrong' }]);
      }
      const faults = passwordFaults(next, u.email, '/newPassword');
      if (next === current) faults.push({ pointer: '/newPassword', message: 'must differ from the current password' });
      if (faults.length) throw invalid('The new password cannot be used.', faults);
      const passwordHash = await hashPassword(next);
      db.update(users).set({ passwordHash, mustChangePassword: false, updatedAt: iso() }).where(eq(users.id, userId)).run();
      // Another device signed in with the old password must sign in again; this one stays.
      revokeCredentials(userId, keepSessionHash);
    },

    async setPasswordWithToken(token: string, password: string): Promise<PublicUser> {
      const t = db.select().from(passwordTokens).where(eq(passwordTokens.tokenHash, hashToken(token))).get();
      if (!t || t.usedAt || t.expiresAt <= iso()) {
        throw invalid('This set-password link is unknown, used or expired. Ask an administrator for a new one.', [{ pointer: '/token', message: 'is not valid' }]);
      }
      const u = getUser(t.userId);
      if (u.disabledAt) throw invalid('This account is disabled.', [{ pointer: '/token', message: 'belongs to a disabled account' }]);
      const faults = passwordFaults(password, u.email);
      if (faults.length) throw invalid('The password cannot be used.', faults);
      const passwordHash = await hashPassword(password);
      db.transaction((tx) => {
        tx.update(passwordTokens).set({ usedAt: iso() }).where(eq(passwordTokens.userId, u.id)).run();
        tx.update(users).set({ passwordHash, mustChangePassword: false, updatedAt: iso() }).where(eq(users.id, u.id)).run();
      });
      revokeCredentials(u.id);
      return toPublicUser(getUser(u.id));
    },

    listUsers(): PublicUser[] {
      return db.select().from(users).orderBy(users.emailNormalized).all().map(toPublicUser);
    },

    getUser: (id: string) => toPublicUser(getUser(id)),

    /** Invites a user: the account has no password until the one-time link is used. */
    inviteUser(input: { email: string; name?: string; role: Role; partnerId?: string | null }) {
      assertRolePartner(input.role, input.partnerId);
      const emailNormalized = normalizeEmail(input.email);
      if (db.select({ id: users.id }).from(users).where(eq(users.emailNormalized, emailNormalized)).get()) {
        throw conflict('A user with this email already exists.');
      }
      const row = { id: newId(), email: input.email.trim(), emailNormalized, name: input.name ?? null, role: input.role,
        partnerId: input.partnerId ?? null, passwordHash: null, mustChangePassword: false, disabledAt: null, createdAt: iso(), updatedAt: iso() };
      return db.transaction(() => {
        db.insert(users).values(row).run();
        return { user: toPublicUser(row), ...issuePasswordToken(row.id) };
      });
    },

    /** A new set-password link (the old ones stop working); also how an admin resets a password. */
    reissuePasswordLink(userId: string) {
      getUser(userId);
      db.update(passwordTokens).set({ usedAt: iso() }).where(and(eq(passwordTokens.userId, userId), isNull(passwordTokens.usedAt))).run();
      return issuePasswordToken(userId);
    },

    updateUser(userId: string, patch: { name?: string | null; role?: Role; partnerId?: string | null; disabled?: boolean }, actingUserId: string): PublicUser {
      const u = getUser(userId);
      const role = patch.role ?? u.role;
      const partnerId = patch.partnerId !== undefined ? patch.partnerId : role === 'coordinator' ? u.partnerId : null;
      assertRolePartner(role, partnerId);
      if (userId === actingUserId && (patch.disabled || (patch.role && patch.role !== 'admin'))) {
        throw conflict('You cannot disable yourself or remove your own admin role; ask another admin.');
      }
      const disabledAt = patch.disabled === undefined ? u.disabledAt : patch.disabled ? (u.disabledAt ?? iso()) : null;
      db.update(users).set({ name: patch.name !== undefined ? patch.name : u.name, role, partnerId, disabledAt, updatedAt: iso() })
        .where(eq(users.id, userId)).run();
      if (disabledAt && !u.disabledAt) revokeCredentials(userId);
      return toPublicUser(getUser(userId));
    },

    revokeCredentials(userId: string) {
      getUser(userId);
      revokeCredentials(userId);
    },

    createApiToken(userId: string, name: string, expiresInDays?: number) {
      const token = randomToken('srt_');
      const row = { id: newId(), userId, name, tokenHash: hashToken(token), createdAt: iso(),
        expiresAt: expiresInDays ? new Date(now().getTime() + hours(24 * expiresInDays)).toISOString() : null, lastUsedAt: null, revokedAt: null };
      db.insert(apiTokens).values(row).run();
      const { tokenHash: _h, ...shown } = row;
      return { ...shown, token };
    },

    listApiTokens(userId: string) {
      return db.select({ id: apiTokens.id, name: apiTokens.name, createdAt: apiTokens.createdAt, expiresAt: apiTokens.expiresAt,
        lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt }).from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(apiTokens.createdAt).all();
    },

    revokeApiToken(userId: string, tokenId: string) {
      const r = db.update(apiTokens).set({ revokedAt: iso() }).where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt))).run();
      if (r.changes === 0) throw notFound('An active API token with this id');
    },
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
