import { randomBytes } from 'node:crypto';
import type { Database } from './db/database.js';

/**
 * Secrets the nodes generate themselves and must agree on (signing visitor tokens, the demo's
 * customer tokens): created once, by whichever node asks first, and kept in the database.
 */
export async function sharedSecret(db: Database, name: string): Promise<string> {
  await db.query('insert into platform_secrets (name, value) values ($1, $2) on conflict (name) do nothing', [name, randomBytes(32).toString('base64url')]);
  const [row] = await db.query<{ value: string }>('select value from platform_secrets where name = $1', [name]);
  return row!.value;
}
