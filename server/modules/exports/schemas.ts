import { Type, type Static } from '@sinclair/typebox';
import { Id } from '../../http/schemas.js';

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'a UTC date, YYYY-MM-DD, inclusive' });

export const SurveySlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 100 }) });

export const ExportQuerySchema = Type.Object({
  format: Type.Union([Type.Literal('csv'), Type.Literal('ndjson'), Type.Literal('xlsx'), Type.Literal('zip')], { default: 'csv',
    description: 'xlsx: the rows on sheet "data", the codebook on sheet "codebook"; zip: the CSV (in its flavour), the codebook as CSV and JSON, datapackage.json, the SPSS syntax and manifest.json' }),
  lang: Type.Optional(Type.String({ minLength: 1, maxLength: 35, description: "the codebook's language (xlsx and zip; the survey's own language when absent)" })),
  flavour: Type.Union([Type.Literal('standard'), Type.Literal('excel')], { default: 'standard', description: 'csv: excel adds a BOM and uses ; between cells' }),
  campaign: Type.Optional(Id),
  partner: Type.Optional(Id),
  country: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2}$', description: "the partner's country, ISO 3166-1 alpha-2 (e.g. SE)" })),
  region: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: "the partner's region (e.g. Skåne)" })),
  language: Type.Optional(Type.String({ minLength: 1, maxLength: 35, description: 'the language answered in, e.g. sv' })),
  from: Type.Optional(Day),
  to: Type.Optional(Day),
  state: Type.Union([Type.Literal('completed'), Type.Literal('partial'), Type.Literal('all')], { default: 'completed' }),
  k: Type.Integer({ minimum: 2, maximum: 1000, default: 5, description: 'the smallest group of responses a combination of quasi-identifiers may describe (researchers: at least 5)' }),
  codes: Type.Boolean({ default: false, description: 'choice values as stable integer codes (labels in the codebook)' }),
  months: Type.Boolean({ default: false, description: 'dates coarsened to YYYY-MM' }),
  timestamps: Type.Boolean({ default: false, description: 'admins only: exact UTC timestamps instead of dates' }),
  freeText: Type.Optional(Type.Boolean({ description: 'include free-text answers (default: false for researchers, true for admins)' })),
}, { additionalProperties: false });
export type ExportQuery = Static<typeof ExportQuerySchema>;

export const FollowUpQuerySchema = Type.Object({
  flavour: Type.Union([Type.Literal('standard'), Type.Literal('excel')], { default: 'standard', description: 'excel adds a BOM and uses ; between cells' }),
}, { additionalProperties: false });
export type FollowUpQuery = Static<typeof FollowUpQuerySchema>;

export const CodebookQuerySchema = Type.Object({
  format: Type.Union([Type.Literal('json'), Type.Literal('csv')], { default: 'json' }),
  lang: Type.Optional(Type.String({ minLength: 1, maxLength: 35, description: "the questions' language (the survey's own language when absent or not translated)" })),
}, { additionalProperties: false });
export type CodebookQuery = Static<typeof CodebookQuerySchema>;

const ValueLabelSchema = Type.Object({ value: Type.Union([Type.String(), Type.Number(), Type.Boolean()]), code: Type.Integer(), label: Type.String() });

export const CodebookSchema = Type.Object({
  survey: Type.String(),
  language: Type.String(),
  variables: Type.Array(Type.Object({
    variable: Type.String(),
    question: Type.String({ description: "the question's name in the definition ('' for the columns every row has)" }),
    text: Type.String(),
    type: Type.String({ description: "the question's type (text inputs as text/<inputType>), or meta" }),
    part: Type.String({ description: 'value, option (1 chosen, 0 not), rank (position from 1), row, cell, other (the text of an "other" answer), meta' }),
    freeText: Type.Boolean(),
    quasiIdentifier: Type.Boolean(),
    versions: Type.Array(Type.Integer()),
    values: Type.Array(ValueLabelSchema),
    panel: Type.Optional(Type.Integer({ minimum: 1, description: "a dynamic panel's template question: the panel (from 1); question is the panel question" })),
    templateQuestion: Type.Optional(Type.String({ description: "a dynamic panel's template question: its name" })),
  })),
  dropped: Type.Array(Type.Object({ question: Type.String(), reason: Type.String() }), { description: 'questions never exported: personal ones, and kinds not exported yet' }),
});
export type Codebook = Static<typeof CodebookSchema>;
