import type { Database } from './db/database.js';

/** A named set of data a module adds; it runs once per database, ever. */
export interface Seeder {
  name: string;
  /** Demo data is skipped in production unless SEED_DEMO=true. */
  demo: boolean;
  run(): Promise<void>;
}

const SEED_LOCK_KEY = '6076028226452911461';

/**
 * Runs the seeders not yet recorded in seed_runs, in order. Modules register seeders at the
 * composition root; this hook is how every later module adds its demo data.
 */
export async function runSeeders(db: Database, seeders: Seeder[], options: { demo: boolean }): Promise<string[]> {
  return db.withSession(async (session) => {
    await session.query('select pg_advisory_lock($1)', [SEED_LOCK_KEY]);
    try {
      const done = new Set((await session.query<{ name: string }>('select name from seed_runs')).map((r) => r.name));
      const ran: string[] = [];
      for (const seeder of seeders) {
        if (done.has(seeder.name) || (seeder.demo && !options.demo)) continue;
        await seeder.run();
        await session.query('insert into seed_runs (name) values ($1) on conflict do nothing', [seeder.name]);
        ran.push(seeder.name);
      }
      return ran;
    } finally {
      await session.query('select pg_advisory_unlock($1)', [SEED_LOCK_KEY]);
    }
  });
}
