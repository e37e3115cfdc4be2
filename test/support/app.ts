import { after } from 'node:test';
import { createApp, prepareDatabase, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { DestinationStream } from 'pino';
import { maskDeep } from '../../src/modules/guard/index.js';
import { createLogger } from '../../src/platform/log.js';
import { freshDatabase, type Backend } from './databases.js';
import { gated } from './setup-gate.js';

/**
 * A full application on a fresh database (migrated and demo-seeded), not listening: tests call it
 * through `app.http.inject`, which runs the same hooks, validation and handlers as a socket would.
 */
export async function testApp(options: { backend?: Backend; env?: Record<string, string>; logTo?: DestinationStream; clock?: () => Date } = {}): Promise<App> {
  // The bot answers only in the tests about it (and end to end): elsewhere its replies would
  // interleave with the messages a test counts. The SMTP listener runs only where mail is tested.
  const config = loadConfig({ DATA_DIR: '/nonexistent', LOG_LEVEL: 'silent', SEED_DEMO: 'true', PORT: '0', HOST: '127.0.0.1', WALLET_SECRET: testWalletSecret, BOT_ENABLED: 'false', EMAIL_INBOUND: 'false', ...options.env });
  const app = await gated(async () => {
    const database = await freshDatabase(options.backend ?? 'pglite');
    const created = await createApp(config, { database, clock: options.clock, logger: createLogger(config.LOG_LEVEL, { mask: maskDeep, destination: options.logTo }) });
    await prepareDatabase(created);
    return created;
  });
  after(() => app.stop());
  return app;
}

/** The built-in ledger serves the connector contract in tests, so the contract suite and the route walk reach it. */
export const testWalletSecret = 'test-wallet-secret-0123456789';

export interface Session {
  cookie: string;
  csrf: string;
  headers: Record<string, string>;
}

/** Signs in through the real endpoint and returns what a browser would hold. */
export async function signIn(app: App, email: string, password: string): Promise<Session> {
  const res = await app.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'wd_session');
  if (!cookie) throw new Error('no session cookie');
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  return { cookie: cookie.value, csrf, headers: { cookie: `wd_session=${cookie.value}`, 'x-csrf-token': csrf } };
}
