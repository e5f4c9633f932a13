/**
 * A wave: an admin launches one questionnaire for several partners in one action, one campaign
 * per partner (its lists, its sender, its messages), sharing the schedule and the rules, and
 * followed on one combined status board.
 */
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { campaigns, partners, waves } from '../../db/schema/index.js';
import { ProblemError, invalid, notFound, type FieldFault } from '../../errors.js';
import { newId } from '../../crypto.js';
import type { Scope } from '../lists/scope.js';
import type { CampaignInput } from './input.js';
import type { CampaignsService, CreateInput } from './service.js';
import { campaignStatus, type Day } from './status.js';

export interface WavePartner extends Pick<CampaignInput, 'senderName' | 'replyTo' | 'messages'> { partnerId: string; listIds: string[] }

export interface WaveInput extends Omit<CreateInput, 'partnerId' | 'listIds' | 'senderName' | 'replyTo' | 'messages'> {
  partners: WavePartner[];
}

type Action = 'start' | 'pause' | 'resume' | 'close';
const ACTS_ON: Record<Action, string[]> = { start: ['draft'], pause: ['running', 'scheduled'], resume: ['paused'], close: ['draft', 'scheduled', 'running', 'paused'] };

export function createWaves({ db, campaigns: service, clock }: { db: Db; campaigns: CampaignsService; clock: () => Date }) {
  function get(id: string) {
    const wave = db.select().from(waves).where(eq(waves.id, id)).get();
    if (!wave) throw notFound('The wave');
    const members = db.select().from(campaigns).where(eq(campaigns.waveId, id)).all();
    return { ...wave, campaigns: members.map(service.view) };
  }

  return {
    get,
    list: () => db.select().from(waves).orderBy(desc(waves.createdAt)).all().map((w) => get(w.id)),

    /** One campaign per partner, all or none: every partner's faults are reported at once. */
    create(input: WaveInput, scope: Scope) {
      const { partners: members, ...shared } = input;
      const seen = new Set<string>();
      const faults: FieldFault[] = [];
      const waveId = newId();
      const rows = members.map((member, i) => {
        if (seen.has(member.partnerId)) faults.push({ pointer: `/partners/${i}/partnerId`, message: 'appears twice' });
        seen.add(member.partnerId);
        try {
          const partner = db.select({ name: partners.name }).from(partners).where(eq(partners.id, member.partnerId)).get();
          return service.prepare({ ...shared, ...member, name: `${input.name} · ${partner?.name ?? member.partnerId}` }, scope, waveId);
        } catch (err) {
          if (!(err instanceof ProblemError) || !err.errors) throw err;
          faults.push(...err.errors.map((f) => ({ ...f, pointer: ['/survey', '/version', '/languages', '/closesAt', '/startsAt', '/reminders/days', '/allowEdit'].some((p) => f.pointer.startsWith(p)) ? f.pointer : `/partners/${i}${f.pointer}` })));
          return undefined;
        }
      });
      if (members.length === 0) faults.push({ pointer: '/partners', message: 'must name at least one partner' });
      if (faults.length) throw invalid(`The wave has ${faults.length} problem(s); each is listed with its field.`, faults.filter((f, i, all) => all.findIndex((g) => g.pointer === f.pointer && g.message === f.message) === i));
      db.transaction((tx) => {
        tx.insert(waves).values({ id: waveId, name: input.name, surveyId: rows[0]!.surveyId, createdBy: scope.userId, createdAt: clock().toISOString() }).run();
        rows.forEach((row, i) => service.store(tx as unknown as Db, row!, members[i].listIds));
      });
      return get(waveId);
    },

    /** Applies an action to every campaign of the wave it applies to; the others are left as they are. */
    act(id: string, action: Action, scope: Scope) {
      const wave = get(id);
      for (const c of wave.campaigns) if (ACTS_ON[action].includes(c.state)) service[action](c.id, scope);
      return get(id);
    },

    /** The combined board: each partner's campaign, and the sums. */
    status(id: string) {
      const wave = get(id);
      const statuses = wave.campaigns.map((c) => ({ c, status: campaignStatus(db, c.id) }));
      const byPartner = statuses.map(({ c, status }) => ({ campaignId: c.id, partnerId: c.partnerId, state: c.state, ...status.total }));
      const keys = ['invited', 'queued', 'sent', 'failed', 'bounced', 'optedOut', 'opened', 'started', 'completed'] as const;
      const total = Object.fromEntries(keys.map((k) => [k, byPartner.reduce((n, p) => n + p[k], 0)])) as Record<(typeof keys)[number], number>;
      const days = new Map<string, Day>();
      for (const day of statuses.flatMap(({ status }) => status.byDay)) {
        const sum = days.get(day.date) ?? { date: day.date, opened: 0, started: 0, completed: 0 };
        days.set(day.date, { date: day.date, opened: sum.opened + day.opened, started: sum.started + day.started, completed: sum.completed + day.completed });
      }
      return {
        total: { ...total, responseRate: total.sent ? Math.round((total.completed / total.sent) * 1000) / 1000 : 0 }, byPartner,
        byDay: [...days.values()].sort((a, b) => a.date.localeCompare(b.date)),
      };
    },
  };
}

export type Waves = ReturnType<typeof createWaves>;
