/**
 * The MailSource of the server and of scripts/send-mail.ts: campaign invitations, reminders and
 * test messages rendered by the campaigns module; a test row without a campaign (an operator's
 * check that mail goes out) as a plain message.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { createI18n, type I18n } from '../../i18n/index.js';
import { createCampaignMailSource } from '../campaigns/mail-source.js';
import { createVersionCache, type VersionCache } from '../responses/versions.js';
import { createCompiledStore } from '../surveys/compiled-store.js';
import type { MailSource } from './sender.js';

export function createDefaultSource(db: Db, config: Config, secret: Buffer, { log, clock = () => new Date(), versions, i18n = createI18n() }:
  { log: FastifyBaseLogger; clock?: () => Date; versions?: VersionCache; i18n?: I18n }): MailSource {
  const campaigns = createCampaignMailSource({
    db, i18n, versions: versions ?? createVersionCache(db, createCompiledStore({ db, log, clock })), secret, publicUrl: config.publicUrl, clock,
  });
  return {
    render(row) {
      if (row.campaignId) return campaigns.render(row);
      if (row.kind !== 'test' || !row.recipient) return null;
      const text = 'This is a test message from Survey Relay. If you can read it, mail delivery works.';
      return { to: row.recipient, fromName: 'Survey Relay', subject: 'Survey Relay test message', text, html: `<p>${text}</p>`, messageId: row.messageId, language: 'en' };
    },
    sent: (tx, row) => campaigns.sent(tx, row),
    bounced: (tx, row, error) => campaigns.bounced(tx, row, error),
  };
}
