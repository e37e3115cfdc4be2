import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from './config.js';

test('defaults give an embedded, demo-seeded install on port 8080', () => {
  const c = loadConfig({});
  assert.equal(c.PORT, 8080);
  assert.equal(c.DATA_DIR, './data');
  assert.equal(c.seedDemo, true);
  assert.equal(c.publicUrl, 'http://localhost:8080');
});

test('PostgreSQL installs do not seed demo data unless asked', () => {
  assert.equal(loadConfig({ DATABASE_URL: 'postgres://db/walletdesk' }).seedDemo, false);
  assert.equal(loadConfig({ DATABASE_URL: 'postgres://db/walletdesk', SEED_DEMO: 'true' }).seedDemo, true);
});

test('a bad value names the variable and what is allowed', () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ PORT: 'eighty' }, /PORT="eighty".*allowed: an integer >= 0 <= 65535/],
    [{ PORT: '70000' }, /PORT="70000"/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL="loud".*allowed: one of fatal, error, warn, info, debug, trace, silent/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL="mysql:\/\/x": must start with postgres/],
    [{ SEED_DEMO: 'maybe' }, /SEED_DEMO="maybe".*allowed: one of .*true.*false/],
  ];
  for (const [env, pattern] of cases) {
    assert.throws(() => loadConfig(env), (err: unknown) => err instanceof ConfigError && pattern.test(err.message), JSON.stringify(env));
  }
});

test('every problem is reported at once', () => {
  try {
    loadConfig({ PORT: 'x', REDIS_URL: 'http://nope' });
    assert.fail('expected a ConfigError');
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    assert.equal(err.problems.length, 2);
  }
});

test('an empty variable counts as unset', () => {
  assert.equal(loadConfig({ PORT: '' }).PORT, 8080);
});
