/**
 * Resolving the links respondents hold: a personal token to its invitation (counting "opened"),
 * an open code to its campaign, and the unsubscribe flow. Mail scanners fetch every link in a
 * message, so a GET never changes more than "opened": unsubscribing needs a POST.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { campaigns, invitations, partners } from '../../db/schema/index.js';
import { TOKEN_PATTERN, tokenHash } from './tokens.js';

export type Invitation = typeof invitations.$inferSelect;
type Campaign = typeof campaigns.$inferSelect;
type Partner = typeof partners.$inferSelect;

export interface Resolved<T> { found: T; campaign: Campaign; partner: Partner }

/** Failed lookups per address in the last minute before a 429: enough for typos, not for guessing. */
export const LOOKUP_LIMIT = 20;

/**
 * `optOut` is the contacts module's opt-out (every list of the partner, a suppression entry, the
 * audit log), so the unsubscribe link and a coordinator's button do the same thing.
 */
export function createLinks({ db, clock, optOut }: { db: Db; clock: () => Date; optOut: (contactId: string) => void }) {
  const failures = new Map<string, number[]>();

  function limited(address: string): boolean {
    const now = clock().getTime();
    const recent = (failures.get(address) ?? []).filter((t) => now - t < 60_000);
    failures.set(address, recent);
    if (failures.size > 10_000) failures.clear();
    return recent.length >= LOOKUP_LIMIT;
  }
  const fail = (address: string) => failures.get(address)?.push(clock().getTime()) ?? failures.set(address, [clock().getTime()]);

  function withCampaign<T extends { campaignId?: string; id: string }>(found: T | undefined, campaignId: string | undefined): Resolved<T> | undefined {
    const campaign = found && campaignId ? db.select().from(campaigns).where(eq(campaigns.id, campaignId)).get() : undefined;
    const partner = campaign && db.select().from(partners).where(eq(partners.id, campaign.partnerId)).get();
    return found && campaign && partner ? { found, campaign, partner } : undefined;
  }

  return {
    /** 'limited' when this address failed too often; undefined for an unknown or purged token. */
    invitation(token: string, address: string): Resolved<Invitation> | 'limited' | undefined {
      if (limited(address)) return 'limited';
      const inv = TOKEN_PATTERN.test(token) ? db.select().from(invitations).where(eq(invitations.tokenHash, tokenHash(token))).get() : undefined;
      if (!inv) fail(address);
      return withCampaign(inv, inv?.campaignId);
    },

    openLink(code: string, address: string): Resolved<Campaign> | 'limited' | undefined {
      if (limited(address)) return 'limited';
      const campaign = /^[A-Za-z0-9_-]{22}$/.test(code) ? db.select().from(campaigns).where(eq(campaigns.openCode, code)).get() : undefined;
      if (!campaign) fail(address);
      return withCampaign(campaign, campaign?.id);
    },

    /** A GET of the personal link: "opened", once; never "started". */
    opened(inv: Invitation): void {
      db.update(invitations).set({ openedAt: clock().toISOString() }).where(and(eq(invitations.id, inv.id), isNull(invitations.openedAt))).run();
    },

    /** The contact opts out of this partner's mail: every list of the partner, and later imports. */
    unsubscribe(inv: Invitation): void {
      db.update(invitations).set({ optedOut: true }).where(eq(invitations.id, inv.id)).run();
      if (inv.contactId) optOut(inv.contactId);
    },
  };
}

export type Links = ReturnType<typeof createLinks>;
