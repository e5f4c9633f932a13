/**
 * The MailSource used by scripts/send-mail.ts and the server. For now it renders test messages
 * only; campaign invitations and reminders take its place (same signature).
 */
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import type { MailSource } from './sender.js';

export function createDefaultSource(_db: Db, _config: Config, _secret: Buffer): MailSource {
  return {
    render(row) {
      if (row.kind !== 'test' || !row.recipient) return null;
      const text = 'This is a test message from Survey Relay. If you can read it, mail delivery works.';
      return {
        to: row.recipient,
        fromName: 'Survey Relay',
        subject: 'Survey Relay test message',
        text,
        html: `<p>${text}</p>`,
        messageId: row.messageId,
        language: row.language ?? 'en',
      };
    },
    sent() {},
    bounced() {},
  };
}
