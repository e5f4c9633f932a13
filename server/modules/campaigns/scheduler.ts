/**
 * What happens with time, kept in the database so a restart loses nothing: scheduled campaigns
 * start, campaigns past their close time close, contacts added to running campaigns' lists are
 * invited, reminders are queued for those who have not answered, and retention ends. `tick()` runs every 30 seconds and at start; it is idempotent.
 */
import { and, eq, inArray, isNotNull, isNull, lte, notInArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { campaigns, invitations, mailOutbox, responses } from '../../db/schema/index.js';
import { cancelPending, queueInvitations, queueMessage } from './invitations.js';
import { deleteOutboxFiles } from '../mail/outbox-files.js';
import type { Campaign } from './service.js';

const DAY = 86_400_000;

export function createScheduler({ db, clock, mailFrom, dataDir, secret, launch, queued }:
  { db: Db; clock: () => Date; mailFrom: string; dataDir: string; secret: Buffer; launch: (c: Campaign) => void; queued: () => void }) {
  function startDue(now: string) {
    for (const c of db.select().from(campaigns).where(and(eq(campaigns.state, 'scheduled'), lte(campaigns.startsAt, now))).all()) launch(c);
  }

  function closeDue(now: string) {
    const due = db.select().from(campaigns).where(and(inArray(campaigns.state, ['scheduled', 'running', 'paused']), isNotNull(campaigns.closesAt), lte(campaigns.closesAt, now))).all();
    for (const c of due) {
      db.transaction((tx) => {
        cancelPending(tx as unknown as Db, c.id);
        tx.update(campaigns).set({ state: 'closed', closedAt: now, updatedAt: now }).where(eq(campaigns.id, c.id)).run();
      });
    }
  }

  /** Reminder k goes `reminderDays[k-1]` days after the campaign started, to whoever was reached and has not answered. */
  function remind(nowDate: Date): number {
    let count = 0;
    for (const c of db.select().from(campaigns).where(eq(campaigns.state, 'running')).all()) {
      if (!c.startedAt || c.maxReminders === 0) continue;
      const started = new Date(c.startedAt).getTime();
      // how many messages (1 invitation + reminders) should have gone by now
      const due = 1 + Math.min(c.maxReminders, c.reminderDays.filter((d) => started + d * DAY <= nowDate.getTime()).length);
      count += db.transaction((tx) => {
        const busy = tx.select({ id: mailOutbox.invitationId }).from(mailOutbox)
          .where(and(eq(mailOutbox.campaignId, c.id), inArray(mailOutbox.state, ['pending', 'sending'])));
        const waiting = tx.select({ id: invitations.id, sentCount: invitations.sentCount, language: invitations.language }).from(invitations)
          .where(and(eq(invitations.campaignId, c.id), eq(invitations.delivery, 'sent'), eq(invitations.completed, false), eq(invitations.optedOut, false),
            isNotNull(invitations.tokenHash), notInArray(invitations.id, busy))).all().filter((i) => i.sentCount < due);
        for (const inv of waiting) queueMessage(tx as unknown as Db, inv, c, inv.sentCount + 1, mailFrom, nowDate);
        return waiting.length;
      });
    }
    return count;
  }

  /** After retention: tokens and the link to contacts go, outbox rows and their files go; responses stay, unlinked. */
  function purge(nowDate: Date) {
    for (const c of db.select().from(campaigns).where(and(eq(campaigns.state, 'closed'), isNull(campaigns.purgedAt))).all()) {
      if (!c.closedAt || new Date(c.closedAt).getTime() + c.retentionDays * DAY > nowDate.getTime()) continue;
      const outboxIds = db.select({ id: mailOutbox.id }).from(mailOutbox).where(eq(mailOutbox.campaignId, c.id)).all().map((r) => r.id);
      db.transaction((tx) => {
        tx.update(invitations).set({ tokenHash: null, contactId: null }).where(eq(invitations.campaignId, c.id)).run();
        tx.update(responses).set({ invitationId: null }).where(eq(responses.campaignId, c.id)).run();
        tx.delete(mailOutbox).where(eq(mailOutbox.campaignId, c.id)).run();
        tx.update(campaigns).set({ purgedAt: nowDate.toISOString() }).where(eq(campaigns.id, c.id)).run();
      });
      // the .eml copies of the outbox directory (the embedded transport), if still there
      deleteOutboxFiles(dataDir, outboxIds);
    }
  }

  /** Contacts added to a running campaign's lists (a later import) are invited too. */
  function inviteNewcomers(now: Date): number {
    let count = 0;
    for (const c of db.select().from(campaigns).where(eq(campaigns.state, 'running')).all()) {
      count += db.transaction((tx) => queueInvitations(tx as unknown as Db, c, secret, mailFrom, now));
    }
    return count;
  }

  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    const now = clock();
    startDue(now.toISOString());
    closeDue(now.toISOString());
    if (inviteNewcomers(now) + remind(now) > 0) queued();
    purge(now);
  };

  return {
    tick,
    start(intervalMs = 30_000) {
      tick();
      timer = setInterval(tick, intervalMs);
      timer.unref();
    },
    stop: () => clearInterval(timer),
  };
}
