/**
 * Campaigns: one partner's distribution of a published survey version to its lists, from draft
 * to closed. Every state change that decides messages queues them in the same transaction.
 */
import { randomBytes } from 'node:crypto';
import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { campaignLists, campaigns, contactLists, partners, surveys, surveyVersions } from '../../db/schema/index.js';
import type { CampaignState } from '../../db/schema/index.js';
import { conflict, invalid, notFound, type FieldFault } from '../../errors.js';
import { newId } from '../../crypto.js';
import type { Scope } from '../lists/scope.js';
import { partnerOf } from '../lists/scope.js';
import { offeredLanguages, type VersionCache } from '../responses/versions.js';
import { messageFaults, settingFaults, type CampaignInput } from './input.js';
import { toLocal, toUtc } from './time.js';
import { cancelPending, queueInvitations, requeueUnsent } from './invitations.js';
import { campaignCounts, noCounts } from './status.js';
import { enqueue } from '../mail/outbox.js';
import { messageIdFor } from '../mail/message.js';

export type Campaign = typeof campaigns.$inferSelect;

export interface CreateInput extends CampaignInput {
  name: string;
  partnerId?: string;
  survey: string;
  version?: number;
  listIds: string[];
  languages: string[];
}

export interface CampaignsDeps {
  db: Db;
  versions: VersionCache;
  secret: Buffer;
  publicUrl: string;
  mailFrom: string;
  clock: () => Date;
  /** after messages were queued: wake the sender */
  queued: () => void;
  /** at each start: warn when mail goes to the outbox directory of a public deployment */
  onStart?: (campaign: Campaign) => void;
}

/** The languages a published version offers to respondents. */
export const surveyLanguages = (versions: VersionCache, versionId: string): string[] => offeredLanguages(versions.get(versionId));

export function createCampaignsService(deps: CampaignsDeps) {
  const { db, versions, clock } = deps;
  const iso = () => clock().toISOString();

  function find(id: string, scope: Scope): Campaign {
    const row = db.select().from(campaigns).where(eq(campaigns.id, id)).get();
    const p = partnerOf(scope);
    if (!row || (p !== undefined && row.partnerId !== p)) throw notFound('The campaign');
    return row;
  }

  function view(c: Campaign) {
    const lists = db.select({ id: campaignLists.listId }).from(campaignLists).where(eq(campaignLists.campaignId, c.id)).all().map((l) => l.id);
    const v = versions.get(c.versionId);
    const timeZone = zoneOf(c.partnerId);
    return {
      timeZone, startsAtLocal: toLocal(c.startsAt, timeZone), closesAtLocal: toLocal(c.closesAt, timeZone),
      id: c.id, name: c.name, partnerId: c.partnerId, waveId: c.waveId, survey: v.slug, version: v.version, state: c.state, listIds: lists,
      languages: c.languages, startsAt: c.startsAt, closesAt: c.closesAt, startedAt: c.startedAt, closedAt: c.closedAt,
      reminders: { days: c.reminderDays, max: c.maxReminders }, senderName: c.senderName, replyTo: c.replyTo, mode: c.mode, allowEdit: c.allowEdit,
      retentionDays: c.retentionDays, messages: c.messages, openLink: `${deps.publicUrl}/c/${c.openCode}`, openCap: c.openCap,
      createdAt: c.createdAt, updatedAt: c.updatedAt,
    };
  }

  /** Lists, languages and messages checked against the partner and the version: every fault at once. */
  function check(input: CampaignInput, partnerId: string, versionId: string) {
    const faults: FieldFault[] = settingFaults(input, clock());
    if (input.listIds?.length) {
      const own = new Set(db.select({ id: contactLists.id }).from(contactLists)
        .where(and(inArray(contactLists.id, input.listIds), eq(contactLists.partnerId, partnerId))).all().map((l) => l.id));
      input.listIds.forEach((id, i) => { if (!own.has(id)) faults.push({ pointer: `/listIds/${i}`, message: 'is not a list of this partner' }); });
    }
    const offered = surveyLanguages(versions, versionId);
    (input.languages ?? []).forEach((l, i) => {
      if (!offered.includes(l)) faults.push({ pointer: `/languages/${i}`, message: `"${l}" is not a language of the survey (${offered.join(', ')})` });
    });
    if (input.messages) faults.push(...messageFaults(input.messages, input.languages ?? []));
    if (faults.length) throw invalid(`The campaign has ${faults.length} problem(s); each is listed with its field.`, faults);
  }

  function publishedVersion(slug: string, version: number | undefined): string {
    const s = db.select().from(surveys).where(eq(surveys.slug, slug)).get();
    if (!s) throw invalid('There is no such survey.', [{ pointer: '/survey', message: `"${slug}" is not a survey` }]);
    if (s.state !== 'open') throw invalid('Only an open survey can be distributed.', [{ pointer: '/survey', message: `"${slug}" is ${s.state === 'draft' ? 'not published yet' : 'closed'}` }]);
    const which = version === undefined ? isNotNull(surveyVersions.publishedAt) : eq(surveyVersions.version, version);
    const v = db.select().from(surveyVersions).where(and(eq(surveyVersions.surveyId, s.id), which)).orderBy(desc(surveyVersions.version)).limit(1).get();
    if (!v?.publishedAt) throw invalid('Only a published version can be distributed.', [{ pointer: '/version', message: `version ${version ?? '(published)'} is not published` }]);
    return v.id;
  }

  function setState(c: Campaign, state: CampaignState, extra: Partial<Campaign> = {}) {
    const updated = { ...c, ...extra, state, updatedAt: iso() };
    db.update(campaigns).set({ ...extra, state, updatedAt: updated.updatedAt }).where(eq(campaigns.id, c.id)).run();
    return updated;
  }

  /** A new draft campaign, checked (every fault at once), not yet stored. */
  /** Start and close as UTC: a time without an offset is the partner's local time. */
  function inUtc<T extends CampaignInput>(input: T, timeZone: string): T {
    const faults: FieldFault[] = [];
    const convert = (field: 'startsAt' | 'closesAt') => {
      const value = input[field];
      if (value === undefined || value === null) return value;
      const utc = toUtc(value, timeZone);
      if (!utc) faults.push({ pointer: `/${field}`, message: `must be a date and time: "2027-01-31T18:00" in the partner's time zone (${timeZone}), or with an offset` });
      return utc;
    };
    const result = { ...input, startsAt: convert('startsAt'), closesAt: convert('closesAt') };
    if (faults.length) throw invalid('A time of the campaign is not a date and time.', faults);
    return result;
  }

  const zoneOf = (partnerId: string) => db.select({ tz: partners.timeZone }).from(partners).where(eq(partners.id, partnerId)).get()?.tz ?? 'UTC';

  function prepare(input: CreateInput, scope: Scope, waveId: string | null = null): Campaign {
    const partnerId = scope.role === 'admin' ? input.partnerId : scope.partnerId;
    if (!partnerId) throw invalid('Say which partner the campaign belongs to.', [{ pointer: '/partnerId', message: 'is required for admins' }]);
    const partner = db.select().from(partners).where(eq(partners.id, partnerId)).get();
    if (!partner || (scope.role !== 'admin' && partnerId !== scope.partnerId)) throw invalid('There is no such partner.', [{ pointer: '/partnerId', message: 'is not a partner' }]);
    const versionId = publishedVersion(input.survey, input.version);
    input = inUtc(input, partner.timeZone);
    check(input, partnerId, versionId);
    const now = iso();
    return {
      id: newId(), partnerId, waveId, name: input.name, surveyId: versions.get(versionId).surveyId, versionId, state: 'draft',
      languages: input.languages, startsAt: input.startsAt ? new Date(input.startsAt).toISOString() : now, closesAt: input.closesAt ? new Date(input.closesAt).toISOString() : null,
      startedAt: null, closedAt: null, reminderDays: input.reminders?.days ?? [5, 12], maxReminders: input.reminders?.max ?? 2,
      senderName: input.senderName ?? partner.name, replyTo: input.replyTo ?? partner.contactEmail ?? null, mode: input.mode ?? 'anonymous',
      allowEdit: input.allowEdit ?? false, retentionDays: input.retentionDays ?? 180, purgedAt: null, messages: input.messages ?? {},
      openCode: randomBytes(16).toString('base64url'), openCap: input.openCap ?? null, createdBy: scope.userId, createdAt: now, updatedAt: now,
    };
  }

  function store(tx: Db, row: Campaign, listIds: string[]) {
    tx.insert(campaigns).values(row).run();
    for (const listId of new Set(listIds)) tx.insert(campaignLists).values({ campaignId: row.id, listId }).run();
  }

  /** Starts now: invitations created and their first messages queued, in one transaction. */
  function launch(c: Campaign): Campaign {
    const at = clock();
    const now = at.toISOString();
    const started = db.transaction((tx) => {
      tx.update(campaigns).set({ state: 'running', startedAt: c.startedAt ?? now, updatedAt: now }).where(eq(campaigns.id, c.id)).run();
      queueInvitations(tx as unknown as Db, c, deps.secret, deps.mailFrom, at);
      return { ...c, state: 'running' as const, startedAt: c.startedAt ?? now, updatedAt: now };
    });
    deps.onStart?.(started);
    deps.queued();
    return started;
  }

  const expect = (c: Campaign, states: CampaignState[], action: string) => {
    if (!states.includes(c.state)) throw conflict(`A ${c.state} campaign cannot be ${action}.`);
  };

  return {
    find,
    view,
    launch,

    prepare,
    store,

    create(input: CreateInput, scope: Scope) {
      const row = prepare(input, scope);
      db.transaction((tx) => store(tx as unknown as Db, row, input.listIds));
      return view(row);
    },

    /** The campaigns one may see, newest first, each with its counts. */
    list(scope: Scope) {
      const p = partnerOf(scope);
      const counts = campaignCounts(db, p);
      return db.select().from(campaigns).where(p === undefined ? undefined : eq(campaigns.partnerId, p)).orderBy(desc(campaigns.createdAt)).all()
        .map((c) => ({ ...view(c), counts: counts.get(c.id) ?? noCounts() }));
    },

    update(id: string, changes: CampaignInput, scope: Scope) {
      const c = find(id, scope);
      expect(c, ['draft', 'scheduled', 'paused'], 'changed');
      const patch = inUtc(changes, zoneOf(c.partnerId));
      check({ languages: c.languages, ...patch }, c.partnerId, c.versionId);
      const set: Partial<Campaign> = {
        name: patch.name, languages: patch.languages, senderName: patch.senderName, replyTo: patch.replyTo, mode: c.state === 'draft' ? patch.mode : undefined,
        allowEdit: patch.allowEdit, retentionDays: patch.retentionDays, messages: patch.messages, openCap: patch.openCap,
        startsAt: patch.startsAt ? new Date(patch.startsAt).toISOString() : undefined,
        closesAt: patch.closesAt === undefined ? undefined : patch.closesAt && new Date(patch.closesAt).toISOString(),
        reminderDays: patch.reminders?.days, maxReminders: patch.reminders?.max, updatedAt: iso(),
      };
      db.transaction((tx) => {
        tx.update(campaigns).set(set).where(eq(campaigns.id, id)).run();
        if (patch.listIds) {
          tx.delete(campaignLists).where(eq(campaignLists.campaignId, id)).run();
          for (const listId of new Set(patch.listIds)) tx.insert(campaignLists).values({ campaignId: id, listId }).run();
        }
      });
      return view(find(id, scope));
    },

    start(id: string, scope: Scope) {
      const c = find(id, scope);
      expect(c, ['draft'], 'started');
      if (new Date(c.startsAt) > clock()) return view(setState(c, 'scheduled'));
      return view(launch(c));
    },

    pause(id: string, scope: Scope) {
      const c = find(id, scope);
      expect(c, ['running', 'scheduled'], 'paused');
      return view(db.transaction((tx) => {
        cancelPending(tx as unknown as Db, c.id);
        return setState(c, 'paused');
      }));
    },

    resume(id: string, scope: Scope) {
      const c = find(id, scope);
      expect(c, ['paused'], 'resumed');
      if (!c.startedAt) return view(new Date(c.startsAt) > clock() ? setState(c, 'scheduled') : launch(c));
      const resumed = db.transaction((tx) => {
        requeueUnsent(tx as unknown as Db, c, deps.mailFrom, clock());
        return setState(c, 'running');
      });
      deps.queued();
      return view(resumed);
    },

    close(id: string, scope: Scope) {
      const c = find(id, scope);
      if (c.state === 'closed') return view(c);
      return view(db.transaction((tx) => {
        cancelPending(tx as unknown as Db, c.id);
        return setState(c, 'closed', { closedAt: iso() });
      }));
    },

    /** Queues the invitation, as a contact would get it, to the requesting user (with a link that does not work). */
    testEmail(id: string, language: string | undefined, email: string, scope: Scope) {
      const c = find(id, scope);
      const chosen = language ?? c.languages[0];
      if (!c.languages.includes(chosen)) throw invalid('The campaign does not offer that language.', [{ pointer: '/language', message: `is not one of ${c.languages.join(', ')}` }]);
      enqueue(db, { kind: 'test', partnerId: c.partnerId, campaignId: c.id, recipient: email, language: chosen, messageId: messageIdFor(deps.mailFrom, `test.${newId()}`), now: clock() });
      deps.queued();
      return { queued: true as const, to: email, language: chosen };
    },

    /** Moves a campaign to a newer published version of its survey; responses keep the version they answered. */
    moveVersion(id: string, version: number, scope: Scope) {
      const c = find(id, scope);
      expect(c, ['draft', 'scheduled', 'running', 'paused'], 'moved');
      const slug = versions.get(c.versionId).slug;
      const versionId = publishedVersion(slug, version);
      if (versions.get(versionId).version <= versions.get(c.versionId).version) {
        throw invalid('A campaign moves only to a newer version.', [{ pointer: '/version', message: `must be newer than ${versions.get(c.versionId).version}` }]);
      }
      const missing = c.languages.filter((l) => !surveyLanguages(versions, versionId).includes(l));
      if (missing.length) throw invalid('The new version lacks languages the campaign offers.', missing.map((l) => ({ pointer: '/version', message: `has no "${l}"` })));
      db.update(campaigns).set({ versionId, updatedAt: iso() }).where(eq(campaigns.id, id)).run();
      return view(find(id, scope));
    },
  };
}

export type CampaignsService = ReturnType<typeof createCampaignsService>;
