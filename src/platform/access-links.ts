import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The key in a private link the help center e-mails (/help/requests/:id?key=...,
 * /help/:lang/callbacks/:id?key=...): an HMAC of what the link opens, so it opens that one thing
 * and nothing else, without an account. The purpose keeps a key of one kind of link from opening
 * another. 128 bits are plenty against guessing and keep the link short.
 */
export function accessKey(secret: string, purpose: 'ticket' | 'callback', id: string): string {
  return createHmac('sha256', secret).update(`${purpose}-access:${id}`).digest().subarray(0, 16).toString('base64url');
}

export function accessKeyMatches(secret: string, purpose: 'ticket' | 'callback', id: string, key: string): boolean {
  const expected = Buffer.from(accessKey(secret, purpose, id));
  const given = Buffer.from(key);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
