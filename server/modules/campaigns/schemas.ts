import { Type } from '@sinclair/typebox';
import { CAMPAIGN_STATES } from '../../db/schema/index.js';
import { Id, NullableTimestamp, Timestamp } from '../../http/schemas.js';

const Text = Type.Object({ subject: Type.Optional(Type.String({ maxLength: 300 })), body: Type.Optional(Type.String({ maxLength: 20_000 })) }, { additionalProperties: false });
const Messages = Type.Record(Type.String({ maxLength: 35 }), Type.Object({ invitation: Type.Optional(Text), reminder: Type.Optional(Text) }, { additionalProperties: false }), {
  description: 'per language: the partner\'s own subject and body of the invitation and the reminder (plain text; variables {{name}}, {{link}}, {{deadline}}, {{partner}}, {{survey}}, {{unsubscribe}}); anything left out takes our default text in that language',
});

const Settings = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  listIds: Type.Array(Id, { maxItems: 100, description: "the partner's lists whose contacts are invited (an address on several lists is invited once)" }),
  languages: Type.Array(Type.String({ maxLength: 35 }), { maxItems: 50, description: 'languages offered, from the survey\'s; the first is used for contacts whose language is not offered' }),
  startsAt: Type.Optional(Type.String({ maxLength: 40, description: "default now; '2027-01-31T18:00' is the partner's local time, a time with an offset or Z is taken as it is" })),
  closesAt: Type.Optional(Type.Union([Type.String({ maxLength: 40, description: 'like startsAt' }), Type.Null()])),
  reminders: Type.Optional(Type.Object({ days: Type.Array(Type.Integer({ minimum: 1, maximum: 365 }), { maxItems: 10 }), max: Type.Integer({ minimum: 0, maximum: 10 }) },
    { additionalProperties: false, description: 'reminder k goes days[k-1] days after the start, at most `max`; default after 5 and 12 days, at most 2' })),
  senderName: Type.Optional(Type.String({ maxLength: 100, description: "default: the partner's name" })),
  replyTo: Type.Optional(Type.Union([Type.String({ maxLength: 320 }), Type.Null()])),
  mode: Type.Optional(Type.Union([Type.Literal('anonymous'), Type.Literal('tracked')], { description: 'default anonymous' })),
  allowEdit: Type.Optional(Type.Boolean({ description: 'tracked mode only: respondents may change their answers until the campaign closes' })),
  retentionDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650, description: 'days after closing before tokens and personal data are purged; default 180' })),
  messages: Type.Optional(Messages),
  openCap: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { description: 'at most this many responses through the open link' })),
};

export const CreateCampaignSchema = Type.Object({
  ...Settings,
  partnerId: Type.Optional(Id),
  survey: Type.String({ minLength: 1, maxLength: 64 }),
  version: Type.Optional(Type.Integer({ minimum: 1, description: 'default: the published version' })),
}, { additionalProperties: false });

export const UpdateCampaignSchema = Type.Partial(Type.Object(Settings), { additionalProperties: false });

export const CampaignSchema = Type.Object({
  id: Type.String(), name: Type.String(), partnerId: Type.String(), waveId: Type.Union([Type.String(), Type.Null()]),
  survey: Type.String(), version: Type.Integer(), state: Type.Union(CAMPAIGN_STATES.map((s) => Type.Literal(s))),
  listIds: Type.Array(Type.String()), languages: Type.Array(Type.String()),
  startsAt: Timestamp, closesAt: NullableTimestamp, startedAt: NullableTimestamp, closedAt: NullableTimestamp,
  timeZone: Type.String({ description: "the partner's time zone" }),
  startsAtLocal: Type.Union([Type.String(), Type.Null()], { description: "the start on the partner's wall clock" }),
  closesAtLocal: Type.Union([Type.String(), Type.Null()]),
  reminders: Type.Object({ days: Type.Array(Type.Integer()), max: Type.Integer() }),
  senderName: Type.String(), replyTo: Type.Union([Type.String(), Type.Null()]), mode: Type.String(), allowEdit: Type.Boolean(),
  retentionDays: Type.Integer(), messages: Messages, openLink: Type.String(), openCap: Type.Union([Type.Integer(), Type.Null()]),
  createdAt: Timestamp, updatedAt: Timestamp,
});

const Counts = Type.Object({
  invited: Type.Integer(), queued: Type.Integer(), sent: Type.Integer(), failed: Type.Integer(), bounced: Type.Integer(), optedOut: Type.Integer(),
  opened: Type.Integer(), started: Type.Integer(), completed: Type.Integer(), responseRate: Type.Number({ description: 'completed / sent' }),
});
export const CampaignSummarySchema = Type.Composite([CampaignSchema, Type.Object({
  counts: Type.Composite([Counts, Type.Object({
    openStarted: Type.Integer({ description: 'responses begun through the open link' }), openCompleted: Type.Integer({ description: 'of them completed' }),
  })], { description: "the status board's totals (personal invitations) and the open link's responses" }),
})]);

export const StatusSchema = Type.Object({
  total: Counts,
  byList: Type.Array(Type.Composite([Type.Object({ listId: Type.String(), list: Type.String() }), Counts])),
  byLanguage: Type.Array(Type.Composite([Type.Object({ language: Type.String() }), Counts])),
  byDay: Type.Array(Type.Object({ date: Type.String({ format: 'date' }), opened: Type.Integer(), started: Type.Integer(), completed: Type.Integer() }),
    { description: 'day by day (UTC dates; anonymous responses keep only their day): links first opened, answers started and completed; days without any left out' }),
  openLink: Type.Object({ started: Type.Integer(), completed: Type.Integer() }),
});

export const CampaignParams = Type.Object({ campaignId: Id });
