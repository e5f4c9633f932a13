import { Type } from '@sinclair/typebox';
import { Email, Id, Timestamp } from '../../http/schemas.js';

const fields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  country: Type.String({ pattern: '^[A-Za-z]{2}$', description: 'ISO 3166-1 alpha-2 country code, e.g. SE' }),
  region: Type.Union([Type.String({ minLength: 1, maxLength: 200 }), Type.Null()]),
  timeZone: Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. Europe/Stockholm' }),
  contactEmail: Type.Union([Email, Type.Null()]),
};

export const PartnerSchema = Type.Object({ id: Type.String(), ...fields, createdAt: Timestamp, updatedAt: Timestamp });
export const CreatePartnerBodySchema = Type.Object({
  name: fields.name, country: fields.country, timeZone: fields.timeZone,
  region: Type.Optional(fields.region), contactEmail: Type.Optional(fields.contactEmail),
}, { additionalProperties: false });
export const UpdatePartnerBodySchema = Type.Partial(Type.Object(fields), { additionalProperties: false, minProperties: 1 });
export const PartnerParamsSchema = Type.Object({ partnerId: Id });
