import { Type } from '@sinclair/typebox';
import { SURVEY_STATES } from '../../db/schema/index.js';
import { NullableTimestamp, Timestamp } from '../../http/schemas.js';
import { SLUG_PATTERN } from './service.js';

export const Slug = Type.String({ minLength: 2, maxLength: 64, pattern: SLUG_PATTERN, description: 'lower-case letters, digits and dashes' });
const Definition = Type.Object({}, { additionalProperties: true, description: 'A SurveyJS survey definition (JSON)' });

export const SurveySummarySchema = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  state: Type.Union(SURVEY_STATES.map((s) => Type.Literal(s))),
  title: Type.String(),
  latestVersion: Type.Integer(),
  publishedVersion: Type.Union([Type.Integer(), Type.Null()]),
  locales: Type.Array(Type.String(), { description: 'locales used in the latest version besides the default' }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const VersionMetaSchema = Type.Object({
  version: Type.Integer(),
  title: Type.String(),
  origin: Type.String(),
  definitionHash: Type.String(),
  createdAt: Timestamp,
  publishedAt: NullableTimestamp,
});

export const SurveyDetailSchema = Type.Composite([SurveySummarySchema, Type.Object({ versions: Type.Array(VersionMetaSchema) })]);
export const VersionSchema = Type.Composite([VersionMetaSchema, Type.Object({ slug: Type.String(), definition: Definition })]);
export const ReplaceReplySchema = Type.Composite([VersionMetaSchema, Type.Object({ created: Type.Boolean({ description: 'false when identical to the latest version' }) })]);
export const MergeReplySchema = Type.Composite([ReplaceReplySchema, Type.Object({
  basedOnVersion: Type.Integer(), updated: Type.Integer(), addedLocales: Type.Array(Type.String()),
  defaultChanged: Type.Array(Type.String(), { description: 'keys whose default text differs in the file; default texts are never changed by a translation upload' }),
})]);

export const CreateSurveyBodySchema = Type.Object({ slug: Type.Optional(Slug), definition: Definition }, { additionalProperties: false });
export const SlugParamsSchema = Type.Object({ slug: Slug });
export const VersionParamsSchema = Type.Object({ slug: Slug, version: Type.Integer({ minimum: 1 }) });
export const VersionQuerySchema = Type.Object({
  version: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Literal('latest'), Type.Literal('published')], { default: 'latest' })),
}, { additionalProperties: false });
export const CsvQuerySchema = Type.Object({
  version: VersionQuerySchema.properties.version,
  add: Type.Optional(Type.String({ maxLength: 200, description: 'comma-separated locales to add as empty columns, e.g. fa,uk' })),
}, { additionalProperties: false });
export const PublishBodySchema = Type.Union([Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false }), Type.Null()]);

export const LocaleReportSchema = Type.Object({
  slug: Type.String(),
  version: Type.Integer(),
  defaultLocale: Type.String(),
  total: Type.Integer({ description: 'localizable strings with a default text' }),
  locales: Type.Array(Type.Object({
    locale: Type.String(),
    translated: Type.Integer(),
    total: Type.Integer(),
    missing: Type.Array(Type.String(), { description: 'keys (element paths) of strings without a translation' }),
  })),
});
