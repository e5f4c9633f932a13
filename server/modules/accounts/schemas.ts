import { Type, type Static } from '@sinclair/typebox';
import { ROLES } from '../../db/schema/index.js';
import { Email, Id, NullableTimestamp, Timestamp } from '../../http/schemas.js';

export const RoleSchema = Type.Union(ROLES.map((r) => Type.Literal(r)));
const Password = Type.String({ minLength: 1, maxLength: 1024 });

export const UserSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.Union([Type.String(), Type.Null()]),
  role: RoleSchema,
  partnerId: Type.Union([Type.String(), Type.Null()]),
  hasPassword: Type.Boolean({ description: 'false until the invitation link has been used' }),
  mustChangePassword: Type.Boolean(),
  disabledAt: NullableTimestamp,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const LoginBodySchema = Type.Object({ email: Type.String({ minLength: 1, maxLength: 320 }), password: Password }, { additionalProperties: false });
export const LoginReplySchema = Type.Object({ user: UserSchema, expiresAt: Timestamp });
export const SetPasswordBodySchema = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }), password: Password }, { additionalProperties: false });
export const ChangePasswordBodySchema = Type.Object({ currentPassword: Password, newPassword: Password }, { additionalProperties: false });

export const InviteUserBodySchema = Type.Object({
  email: Email,
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  role: RoleSchema,
  partnerId: Type.Optional(Type.Union([Id, Type.Null()])),
}, { additionalProperties: false });
export type InviteUserBody = Static<typeof InviteUserBodySchema>;

export const PasswordLinkSchema = Type.Object({
  setPasswordUrl: Type.String({ description: 'One-time link; shown only in this response.' }),
  expiresAt: Timestamp,
});
export const InviteUserReplySchema = Type.Composite([Type.Object({ user: UserSchema }), PasswordLinkSchema]);

export const UpdateUserBodySchema = Type.Object({
  name: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 200 }), Type.Null()])),
  role: Type.Optional(RoleSchema),
  partnerId: Type.Optional(Type.Union([Id, Type.Null()])),
  disabled: Type.Optional(Type.Boolean({ description: 'true disables the account and revokes its sessions and tokens' })),
}, { additionalProperties: false, minProperties: 1 });

export const ApiTokenSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  createdAt: Timestamp,
  expiresAt: NullableTimestamp,
  lastUsedAt: NullableTimestamp,
  revokedAt: NullableTimestamp,
});
export const CreateApiTokenBodySchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
}, { additionalProperties: false });
export const CreatedApiTokenSchema = Type.Composite([ApiTokenSchema, Type.Object({ token: Type.String({ description: 'Shown only once.' }) })]);

export const UserParamsSchema = Type.Object({ userId: Id });
export const TokenParamsSchema = Type.Object({ tokenId: Id });
