import { createHmac } from 'node:crypto';
import { sha256Hex } from '../../crypto.js';

/**
 * A personal link's token: HMAC-SHA256 of the invitation id under the server secret (256 bits,
 * base64url). The database keeps only its SHA-256, for lookup; the link is re-derived from the
 * secret for reminders, so a stolen database alone yields no working link.
 */
export function invitationToken(secret: Buffer, invitationId: string): string {
  return createHmac('sha256', secret).update(`invitation:${invitationId}`).digest('base64url');
}

export const tokenHash = (token: string) => sha256Hex(token);

/** Tokens are 43 base64url characters; anything else is not looked up at all. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
