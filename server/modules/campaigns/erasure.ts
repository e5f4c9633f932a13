import { and, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { invitations, mailOutbox, responses } from '../../db/schema/index.js';
import { erasePersonalAnswers } from '../exports/follow-up.js';
import type { ErasureStep } from '../lists/contacts-service.js';

/**
 * Erasing a person reaches their invitations: the links stop working, messages not yet sent are
 * withdrawn, and tracked responses lose their link to the invitation (the answers stay, as in
 * every anonymous response), except the answers to personal questions, which go too (exports/follow-up.ts).
 */
export const eraseInvitations: ErasureStep = (tx: Db, { contactIds, sameAddress }) => {
  const ids = contactIds.length === 0 ? []
    : tx.select({ id: invitations.id }).from(invitations).where(inArray(invitations.contactId, contactIds)).all().map((i) => i.id);
  // answers to personal questions (an address left for a follow-up) go first, while tracked responses still name their invitation
  erasePersonalAnswers(tx, { invitationIds: ids, sameAddress });
  if (ids.length === 0) return;
  tx.update(invitations).set({ tokenHash: null, contactId: null }).where(inArray(invitations.id, ids)).run();
  tx.update(mailOutbox).set({ state: 'cancelled' }).where(and(inArray(mailOutbox.invitationId, ids), inArray(mailOutbox.state, ['pending']))).run();
  tx.update(responses).set({ invitationId: null }).where(inArray(responses.invitationId, ids)).run();
};
