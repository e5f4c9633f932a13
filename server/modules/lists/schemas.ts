import { Type, type TLiteral, type TSchema } from '@sinclair/typebox';
import { CONTACT_STATUSES, IMPORT_ACTIONS, IMPORT_STATUSES } from '../../db/schema/index.js';
import { Id, NullableTimestamp, Timestamp } from '../../http/schemas.js';
import { CONTACT_SORTS } from './contacts-service.js';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)) as TLiteral<T>[]);
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
export const Paging = { page: Type.Integer({ minimum: 1, default: 1 }), pageSize: Type.Integer({ minimum: 1, maximum: 500, default: 50 }) };
export const paged = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });

export const ListSchema = Type.Object({
  id: Type.String(), partnerId: Type.String(), name: Type.String(), description: Nullable(Type.String()),
  total: Type.Integer(), counts: Type.Record(Type.String(), Type.Integer(), { description: 'contacts by status' }),
  createdAt: Timestamp, updatedAt: Timestamp,
});
export const ListQuerySchema = Type.Object({ partnerId: Type.Optional(Id), search: Type.Optional(Type.String({ maxLength: 200 })), ...Paging }, { additionalProperties: false });
export const CreateListBodySchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }), description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  partnerId: Type.Optional(Id),
}, { additionalProperties: false });
export const UpdateListBodySchema = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })), description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
}, { additionalProperties: false, minProperties: 1 });

const Attributes = Type.Record(Type.String({ maxLength: 200 }), Type.String({ maxLength: 1000 }), { description: 'free key/value pairs, e.g. municipality, stakeholder type' });
export const ContactSchema = Type.Object({
  id: Type.String(), listId: Type.String(), partnerId: Type.String(),
  email: Nullable(Type.String()), name: Nullable(Type.String()), language: Nullable(Type.String()),
  attributes: Attributes, status: literals(CONTACT_STATUSES), createdAt: Timestamp, updatedAt: Timestamp,
});
export const ContactQuerySchema = Type.Object({
  search: Type.Optional(Type.String({ maxLength: 200, description: 'part of the email or name' })),
  status: Type.Optional(literals(CONTACT_STATUSES)),
  sort: Type.Optional(literals(CONTACT_SORTS)), order: Type.Optional(literals(['asc', 'desc'])), ...Paging,
}, { additionalProperties: false });
export const CreateContactBodySchema = Type.Object({
  email: Type.String({ minLength: 1, maxLength: 320 }), name: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
  language: Type.Optional(Nullable(Type.String({ maxLength: 35 }))), attributes: Type.Optional(Attributes),
}, { additionalProperties: false });
export const UpdateContactBodySchema = Type.Partial(CreateContactBodySchema, { additionalProperties: false, minProperties: 1 });
export const ErasureResultSchema = Type.Object({ contactsErased: Type.Integer(), partners: Type.Integer() });
export const EraseEverywhereBodySchema = Type.Object({ email: Type.String({ minLength: 1, maxLength: 320 }) }, { additionalProperties: false });

const Counts = Type.Object({
  rows: Type.Integer(), add: Type.Integer(), update: Type.Integer(), unchanged: Type.Integer(), skip: Type.Integer(),
  problems: Type.Record(Type.String(), Type.Integer(), { description: 'rows per problem: invalid_email, duplicate_in_file, in_list, unknown_language, opted_out_earlier, erased_earlier, extra_cells, too_long' }),
});
export const MappingRequestSchema = Type.Object({
  email: Type.String({ minLength: 1, description: 'header of the email column' }),
  name: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String(), { maxItems: 3 })], { description: 'one column, or first and last name columns' })),
  language: Type.Optional(Type.String()),
  attributes: Type.Optional(Type.Array(Type.String(), { maxItems: 200, description: 'columns kept as attributes; default: all others' })),
}, { additionalProperties: false });
export const ImportSchema = Type.Object({
  id: Type.String(), listId: Type.String(), status: literals(IMPORT_STATUSES), fileName: Nullable(Type.String()),
  format: Nullable(Type.String()), encoding: Nullable(Type.String()), delimiter: Nullable(Type.String()),
  header: Nullable(Type.Array(Type.String())), mapping: Nullable(Type.Record(Type.String(), Type.Unknown())),
  request: Type.Object({ encoding: Type.Optional(Type.String()), delimiter: Type.Optional(Type.String()), mapping: Type.Optional(MappingRequestSchema) },
    { description: 'what was asked: overrides of the guessed encoding, delimiter and columns' }),
  bytesTotal: Type.Integer(), bytesRead: Type.Integer(), rowsRead: Type.Integer(), progress: Type.Number({ description: '0..1 of the file read' }),
  counts: Nullable(Counts),
  error: Nullable(Type.Object({ code: Type.String(), message: Type.String(), faults: Type.Optional(Type.Array(Type.String())) })),
  createdAt: Timestamp, updatedAt: Timestamp, committedAt: NullableTimestamp,
});
export const CommitResultSchema = Type.Composite([ImportSchema, Type.Object({
  result: Type.Object({ added: Type.Integer(), updated: Type.Integer(), unchanged: Type.Integer(), skipped: Type.Integer() }),
})]);
export const ImportRowSchema = Type.Object({
  rowNumber: Type.Integer({ description: 'as the spreadsheet shows it; the header is row 1' }),
  email: Nullable(Type.String()), emailNormalized: Nullable(Type.String()), name: Nullable(Type.String()), language: Nullable(Type.String()),
  languageInput: Nullable(Type.String()), attributes: Attributes, problems: Type.Array(Type.String()), action: Nullable(literals(IMPORT_ACTIONS)),
});
export const ImportRowsQuerySchema = Type.Object({ filter: Type.Optional(literals(['all', 'problems', ...IMPORT_ACTIONS])), ...Paging }, { additionalProperties: false });
export const UploadQuerySchema = Type.Object({
  fileName: Type.Optional(Type.String({ maxLength: 255 })),
  encoding: Type.Optional(literals(['utf-8', 'utf-16le', 'utf-16be', 'windows-1250', 'windows-1252', 'windows-1257'])),
  delimiter: Type.Optional(literals([',', ';', '\t'])),
  wait: Type.Optional(Type.Boolean({ description: 'answer only when the preview is ready' })),
}, { additionalProperties: false });
export const RemapBodySchema = Type.Object({
  mapping: Type.Optional(MappingRequestSchema),
  encoding: UploadQuerySchema.properties.encoding, delimiter: UploadQuerySchema.properties.delimiter,
  wait: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });

export const AuditEntrySchema = Type.Object({
  id: Type.String(), at: Timestamp, actorId: Nullable(Type.String()), partnerId: Nullable(Type.String()), action: Type.String(),
  targetType: Type.String(), targetId: Nullable(Type.String()), details: Type.Record(Type.String(), Type.Unknown()),
});
export const AuditQuerySchema = Type.Object({ partnerId: Type.Optional(Id), action: Type.Optional(Type.String({ maxLength: 64 })), ...Paging }, { additionalProperties: false });

export const ListParams = Type.Object({ listId: Id });
export const ContactParams = Type.Object({ contactId: Id });
export const ImportParams = Type.Object({ importId: Id });
