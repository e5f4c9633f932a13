/**
 * The seam for bounces that arrive after a relay accepted a message (delivery status
 * notifications, a mail provider's webhook): record one by the Message-ID we sent, and the
 * address bounces for the partner as if the SMTP server had refused it. Parsing DSNs and each
 * provider's webhook format is left to an adapter in front of this route.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { mailOutbox } from '../../db/schema/index.js';
import { notFound } from '../../errors.js';
import { errorResponses } from '../../http/schemas.js';
import type { MailSource } from '../mail/sender.js';

export function recordBounce(db: Db, source: MailSource, messageId: string, reason: string): { invitations: number } {
  return db.transaction((tx) => {
    const rows = tx.select().from(mailOutbox).where(and(eq(mailOutbox.messageId, messageId), inArray(mailOutbox.state, ['sent', 'bounced']))).all();
    if (rows.length === 0) throw notFound('A sent message with that Message-ID');
    for (const row of rows) {
      tx.update(mailOutbox).set({ state: 'bounced', lastError: reason.slice(0, 500) }).where(eq(mailOutbox.id, row.id)).run();
      source.bounced(tx, row, reason);
    }
    return { invitations: rows.filter((r) => r.invitationId).length };
  });
}

const bounceRoutes: FastifyPluginAsyncTypebox<{ db: Db; source: MailSource }> = async (app, { db, source }) => {
  app.post('/api/mail/bounces', {
    config: { auth: ['admin'] },
    schema: { tags: ['mail'], summary: 'Record a bounce reported after delivery (for a provider webhook adapter): the address bounces for the partner',
      body: Type.Object({ messageId: Type.String({ minLength: 3, maxLength: 300, description: 'the Message-ID we sent, with its angle brackets' }),
        reason: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false }),
      response: { 200: Type.Object({ invitations: Type.Integer() }), ...errorResponses(404) } },
  }, async (request) => recordBounce(db, source, request.body.messageId, request.body.reason ?? 'reported bounce'));
};

export default bounceRoutes;
