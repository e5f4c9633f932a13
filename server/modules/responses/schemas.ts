import { Type } from '@sinclair/typebox';
import { AUDIT_STATES, RESPONSE_CHANNELS, RESPONSE_STATES } from '../../db/schema/index.js';
import { Id, NullableTimestamp, Timestamp } from '../../http/schemas.js';

const Answers = Type.Unknown({
  description: 'Question name → answer, as SurveyJS stores it (`<name>-Comment` for an "other" text); null clears an answer. ' +
    'Checked against the question types and choices of the version; values of expression questions and calculated values are ignored.',
});
const Locale = Type.String({ minLength: 1, maxLength: 35, description: "the language answered in: 'default' or one of the version's locales" });
export const NoticeSchema = Type.String({ pattern: '^[0-9a-f]{16}$', description: "the version of the survey's privacy notice the respondent was shown (the answering page sends it)" });
export const ConsentSchema = Type.Boolean({ description: 'the respondent consented to the privacy notice; required to complete a survey with `consentRequired`' });
const ServedVersion = Type.Integer({ minimum: 1, description: 'the version number the respondent was shown; refused (409) if the response answers another' });

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ description: '16–128 characters, new for each submission, the same when retrying it (required)' })),
});

export const StartBodySchema = Type.Object({
  answers: Type.Optional(Answers),
  locale: Type.Optional(Locale),
  partnerId: Type.Optional(Type.Union([Id, Type.Null()], { description: "admins: the partner the response belongs to; coordinators: always their own" })),
  complete: Type.Optional(Type.Boolean({ description: 'validate and complete at once' })),
  notice: Type.Optional(NoticeSchema),
  consent: Type.Optional(ConsentSchema),
}, { additionalProperties: false });

export const SubmissionBodySchema = Type.Object({
  answers: Type.Optional(Answers),
  locale: Type.Optional(Locale),
  version: Type.Optional(ServedVersion),
  notice: Type.Optional(NoticeSchema),
  consent: Type.Optional(ConsentSchema),
  page: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000, description: 'personal links: the page the respondent is on, to resume there' })),
}, { additionalProperties: false });

export const ResponseSchema = Type.Object({
  id: Type.String(),
  survey: Type.String(),
  version: Type.Integer(),
  partnerId: Type.Union([Type.String(), Type.Null()]),
  campaignId: Type.Union([Type.String(), Type.Null()]),
  channel: Type.Union(RESPONSE_CHANNELS.map((c) => Type.Literal(c))),
  locale: Type.String(),
  state: Type.Union(RESPONSE_STATES.map((s) => Type.Literal(s))),
  data: Type.Record(Type.String(), Type.Unknown()),
  startedAt: Timestamp,
  updatedAt: Timestamp,
  completedAt: NullableTimestamp,
});

export const ResponseParams = Type.Object({ responseId: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) });

export const AuditReportSchema = Type.Object({
  counts: Type.Record(Type.Union(AUDIT_STATES.map((s) => Type.Literal(s))), Type.Integer()),
  defects: Type.Array(Type.Object({
    responseId: Type.String(), survey: Type.String(), version: Type.Integer(), state: Type.String(), detail: Type.Unknown(),
  }), { description: "responses where survey-core disagreed with our runtime (state 'differs') or could not check them ('failed')" }),
});
