/**
 * What the sender loop asks of campaigns: the message for an outbox row, rendered at send time
 * (so the personal link is derived from the secret then, and never stored), and what a sent or
 * bounced message changes. A row whose message must no longer go (contact erased or opted out,
 * invitation answered, campaign paused or closed) renders as null and is cancelled.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { campaigns, contacts, invitations, partners, suppressions } from '../../db/schema/index.js';
import type { OutgoingMessage } from '../mail/message.js';
import type { OutboxRow, Tx } from '../mail/outbox.js';
import type { MailSource } from '../mail/sender.js';
import type { VersionCache } from '../responses/versions.js';
import { formatDeadline, renderMessage, type I18n } from './messages.js';
import { invitationToken } from './tokens.js';

export function createCampaignMailSource({ db, i18n, versions, secret, publicUrl, clock }:
  { db: Db; i18n: I18n; versions: VersionCache; secret: Buffer; publicUrl: string; clock: () => Date }): MailSource {
  function render(row: OutboxRow): OutgoingMessage | null {
    if (!row.campaignId) return null;
    const campaign = db.select().from(campaigns).where(eq(campaigns.id, row.campaignId)).get();
    const partner = campaign && db.select().from(partners).where(eq(partners.id, campaign.partnerId)).get();
    if (!campaign || !partner) return null;
    const language = row.language ?? campaign.languages[0];
    const base = { fromName: campaign.senderName, replyTo: campaign.replyTo ?? undefined, messageId: row.messageId, language };
    const survey = versions.title(campaign.versionId, language);
    const deadline = campaign.closesAt ? formatDeadline(campaign.closesAt, language, partner.timeZone) : null;

    if (row.kind === 'test') {
      if (!row.recipient) return null;
      const sample = `${publicUrl}/s/test-link-does-not-work`;
      const m = renderMessage(i18n, 'invitation', language, campaign.messages, { name: null, link: sample, unsubscribe: `${publicUrl}/u/test-link-does-not-work`, partner: partner.name, survey, deadline });
      return { ...base, to: row.recipient, subject: `${i18n.t(language, 'mail.testPrefix')} ${m.subject}`, text: m.text, html: m.html, headers: {} };
    }
    if (campaign.state !== 'running' || !row.invitationId) return null;
    const inv = db.select().from(invitations).where(eq(invitations.id, row.invitationId)).get();
    if (!inv || !inv.contactId || !inv.tokenHash || inv.completed || inv.optedOut || inv.delivery === 'bounced') return null;
    const contact = db.select().from(contacts).where(eq(contacts.id, inv.contactId)).get();
    if (!contact?.email || contact.status !== 'active') return null;
    const token = invitationToken(secret, inv.id);
    const link = `${publicUrl}/s/${token}`;
    const unsubscribe = `${publicUrl}/u/${token}`;
    const m = renderMessage(i18n, row.kind, inv.language, campaign.messages, { name: contact.name, link, unsubscribe, partner: partner.name, survey, deadline });
    return {
      ...base, to: contact.email, subject: m.subject, text: m.text, html: m.html, language: inv.language,
      // RFC 8058 one-click: mail clients POST to it; a GET only shows the confirmation page
      headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    };
  }

  return {
    render,

    sent(tx: Tx, row: OutboxRow): void {
      if (!row.invitationId) return;
      const inv = tx.select({ sentCount: invitations.sentCount }).from(invitations).where(eq(invitations.id, row.invitationId)).get();
      if (!inv) return;
      tx.update(invitations).set({ delivery: 'sent', sentCount: inv.sentCount + 1, lastSentAt: clock().toISOString() }).where(eq(invitations.id, row.invitationId)).run();
    },

    /** A permanent failure: the address bounces for this partner (no more mail, imports skip it). */
    bounced(tx: Tx, row: OutboxRow): void {
      if (!row.invitationId) return;
      const inv = tx.select().from(invitations).where(eq(invitations.id, row.invitationId)).get();
      if (!inv) return;
      tx.update(invitations).set({ delivery: 'bounced' }).where(eq(invitations.id, inv.id)).run();
      const contact = inv.contactId ? tx.select().from(contacts).where(eq(contacts.id, inv.contactId)).get() : undefined;
      if (!contact?.emailHash) return;
      tx.update(contacts).set({ status: 'bounced', updatedAt: clock().toISOString() })
        .where(and(eq(contacts.partnerId, contact.partnerId), eq(contacts.emailHash, contact.emailHash), eq(contacts.status, 'active'))).run();
      tx.insert(suppressions).values({ partnerId: contact.partnerId, emailHash: contact.emailHash, reason: 'bounced', createdAt: clock().toISOString() })
        .onConflictDoNothing().run();
    },
  };
}

