/**
 * Turning a campaign's lists into invitations: one per person (an address on two lists of the
 * partner is invited once), none for suppressed addresses, each in the contact's language matched
 * along the BCP 47 chain, else the campaign's first language; each with its first message queued.
 */
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { campaignLists, contacts, invitations, mailOutbox, suppressions } from '../../db/schema/index.js';
import { enqueue } from '../mail/outbox.js';
import { messageIdFor } from '../mail/message.js';
import type { campaigns } from '../../db/schema/index.js';
import { newId } from '../../crypto.js';
import { matchLanguage } from '../../i18n/index.js';
import { invitationToken, tokenHash } from './tokens.js';

type Campaign = typeof campaigns.$inferSelect;

/** Queues message number `send` (1: the invitation, then reminders) of an invitation; its Message-ID is stable per invitation and send. */
export function queueMessage(tx: Db, inv: { id: string; language: string }, campaign: Campaign, send: number, mailFrom: string, now: Date) {
  enqueue(tx, { kind: send === 1 ? 'invitation' : 'reminder', partnerId: campaign.partnerId, campaignId: campaign.id, invitationId: inv.id,
    language: inv.language, messageId: messageIdFor(mailFrom, `${inv.id}.${send}`), now });
}

export function queueInvitations(tx: Db, campaign: Campaign, secret: Buffer, mailFrom: string, now: Date): number {
  const listIds = tx.select({ id: campaignLists.listId }).from(campaignLists).where(eq(campaignLists.campaignId, campaign.id)).all().map((l) => l.id);
  if (listIds.length === 0) return 0;
  const suppressed = new Set(tx.select({ hash: suppressions.emailHash }).from(suppressions).where(eq(suppressions.partnerId, campaign.partnerId)).all().map((s) => s.hash));
  const invited = tx.select({ contactId: invitations.contactId, email: contacts.emailNormalized }).from(invitations)
    .leftJoin(contacts, eq(contacts.id, invitations.contactId)).where(eq(invitations.campaignId, campaign.id)).all();
  const already = new Set(invited.map((i) => i.contactId));
  const people = tx.select({ id: contacts.id, listId: contacts.listId, email: contacts.emailNormalized, hash: contacts.emailHash, language: contacts.language })
    .from(contacts).where(and(inArray(contacts.listId, listIds), eq(contacts.status, 'active'), isNotNull(contacts.emailNormalized)))
    .orderBy(contacts.createdAt).all();
  const seen = new Set<string>(invited.flatMap((i) => (i.email ? [i.email] : [])));
  let queued = 0;
  for (const person of people) {
    if (seen.has(person.email!) || already.has(person.id) || (person.hash && suppressed.has(person.hash))) continue;
    seen.add(person.email!);
    const id = newId();
    const language = matchLanguage(person.language, campaign.languages) ?? campaign.languages[0] ?? 'en';
    tx.insert(invitations).values({
      id, campaignId: campaign.id, partnerId: campaign.partnerId, listId: person.listId, contactId: person.id,
      tokenHash: tokenHash(invitationToken(secret, id)), language, delivery: 'queued', createdAt: now.toISOString(),
    }).run();
    queueMessage(tx, { id, language }, campaign, 1, mailFrom, now);
    queued++;
  }
  return queued;
}

/** After a pause: invitations never sent get their first message queued again. */
export function requeueUnsent(tx: Db, campaign: Campaign, mailFrom: string, now: Date): number {
  const unsent = tx.select({ id: invitations.id, language: invitations.language }).from(invitations)
    .where(and(eq(invitations.campaignId, campaign.id), eq(invitations.delivery, 'queued'))).all();
  for (const inv of unsent) queueMessage(tx, inv, campaign, 1, mailFrom, now);
  return unsent.length;
}

/** Pending messages of a campaign are withdrawn (pause, close). */
export function cancelPending(tx: Db, campaignId: string): void {
  tx.update(mailOutbox).set({ state: 'cancelled' }).where(and(eq(mailOutbox.campaignId, campaignId), eq(mailOutbox.state, 'pending'))).run();
}
