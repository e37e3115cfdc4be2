import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The key in a help-center request link (/help/requests/:id?key=...): an HMAC of the ticket id,
 * so the link e-mailed to the requester opens that ticket and nothing else, without an account.
 * 128 bits are plenty against guessing and keep the link short.
 */
export function accessKey(secret: string, ticketId: string): string {
  return createHmac('sha256', secret).update(`ticket-access:${ticketId}`).digest().subarray(0, 16).toString('base64url');
}

export function accessKeyMatches(secret: string, ticketId: string, key: string): boolean {
  const expected = Buffer.from(accessKey(secret, ticketId));
  const given = Buffer.from(key);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
