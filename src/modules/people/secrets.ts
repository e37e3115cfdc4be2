import { createHash, randomBytes, randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id baseline: 19 MiB, 2 passes. Memory-hard, so GPU guessing is expensive.
// (algorithm 2 is Argon2id; the package exports it as a const enum, which isolated modules cannot read.)
const argonOptions = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, argonOptions);
export const verifyPassword = (passwordHash: string, password: string) => verify(passwordHash, password).catch(() => false);

/** Verified against when the e-mail is unknown, so a miss takes as long as a wrong password. */
export const dummyPasswordHash = await hashPassword(randomBytes(16).toString('hex'));

export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');

/**
 * Session cookies and API tokens are 256 random bits, so a fast hash is enough at rest: unlike a
 * password there is nothing to guess, and a per-request argon2 would cost ~20 ms per API call.
 */
export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export const API_TOKEN_PREFIX = 'wdk_';

/** Readable passwords for generated accounts: 16 characters, no look-alikes (0/O, 1/l). */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from({ length: 16 }, () => alphabet[randomInt(alphabet.length)]).join('');
}
