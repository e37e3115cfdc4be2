// How the server hands out the built browser apps and the demo wallet's data.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { testApp } from './support/app.js';
import { webAppRoutes, webRoot } from '../src/platform/http/web-apps.js';

describe('web apps served by the server', async () => {
  const app = await testApp();
  const get = (url: string) => app.http.inject({ method: 'GET', url });

  test('the chat page may be framed by host pages; the console and the demo page may not', async () => {
    const chat = await get('/chat');
    assert.equal(chat.statusCode, 200);
    assert.match(chat.headers['content-type'] as string, /text\/html/);
    assert.match(chat.body, /\/widget\/assets\/chat-/);
    assert.equal(chat.headers['x-frame-options'], undefined);
    assert.doesNotMatch(chat.headers['content-security-policy'] as string, /frame-ancestors/);
    assert.match(chat.headers['content-security-policy'] as string, /default-src 'self'/, 'the chat runs no script from elsewhere');
    const demo = await get('/demo');
    assert.equal(demo.statusCode, 200);
    assert.equal(demo.headers['x-frame-options'], 'DENY');
    for (const url of ['/console', '/console/']) assert.equal((await get(url)).statusCode, 200, url);
    const deepConsoleLink = await get('/console/conversations/0190f2a8-0000-7000-8000-000000000000');
    assert.equal(deepConsoleLink.statusCode, 200, 'the console answers every path below it with its index.html');
    assert.match(deepConsoleLink.body, /<div id="root"|<div id="app"/);
    assert.match(deepConsoleLink.headers['content-security-policy'] as string, /frame-ancestors 'none'/);
  });

  test('the loader keeps a short cache, hashed assets a long one, and nothing outside the build is reachable', async () => {
    const loader = await get('/widget/widget.js');
    assert.equal(loader.statusCode, 200);
    assert.match(loader.headers['content-type'] as string, /javascript/);
    assert.equal(loader.headers['cache-control'], 'public, max-age=300');
    const manifest = JSON.parse(readFileSync(join(webRoot, 'widget/dist/.vite/manifest.json'), 'utf8')) as Record<string, { file: string }>;
    const asset = await get(`/widget/${manifest['chat.html']!.file}`);
    assert.equal(asset.statusCode, 200);
    assert.match(asset.headers['cache-control'] as string, /immutable/);
    for (const url of ['/widget/../../package.json', '/widget/%2e%2e/%2e%2e/package.json', '/console/assets/../../../package.json']) {
      const res = await get(url);
      assert.ok(res.statusCode >= 400 || !res.body.includes('"walletdesk"'), `${url} leaked a file outside the build`);
    }
  });

  test("the demo wallet shows a demo customer's money, and no other customer's", async () => {
    const list = (await get('/api/v1/demo/customers')).json() as { items: { id: string }[] };
    assert.deepEqual(list.items.map((c) => c.id), ['demo-alice', 'demo-bob', 'demo-chen', 'demo-dana', 'demo-eve', 'demo-frank']);
    const alice = await get('/api/v1/demo/customers/demo-alice/wallet');
    assert.equal(alice.statusCode, 200);
    assert.equal(alice.json().profile.displayName, '王丽');
    assert.ok(alice.json().transactions.length > 0);
    // The crowd of generated customers is real data to this install: not for the demo page.
    const [crowd] = await app.db.query<{ external_id: string }>("select external_id from wallet_customers where external_id <> all($1) limit 1", [list.items.map((c) => c.id)]);
    const other = await get(`/api/v1/demo/customers/${crowd!.external_id}/wallet`);
    assert.equal(other.statusCode, 404);
    assert.equal(other.json().error.code, 'WALLET_CUSTOMER_NOT_FOUND');
  });

  test('an install whose wallet app signs the tokens has no demo page and no demo data routes', async () => {
    const real = await testApp({ env: { WALLET_TOKEN_SECRET: 'a-wallet-secret-of-at-least-32-characters' } });
    assert.equal((await real.http.inject({ method: 'GET', url: '/demo' })).statusCode, 404);
    assert.equal((await real.http.inject({ method: 'GET', url: '/api/v1/demo/customers' })).statusCode, 404);
    assert.equal((await real.http.inject({ method: 'GET', url: '/chat' })).statusCode, 200);
  });

  test('before the apps are built, their addresses say how to build them', async () => {
    const bare = Fastify();
    await bare.register(webAppRoutes({ demo: true, root: mkdtempSync(join(tmpdir(), 'walletdesk-web-')) }));
    for (const url of ['/chat', '/demo', '/widget/widget.js', '/console/']) {
      const res = await bare.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 503, url);
      assert.match(res.body, /npm run build:web/);
    }
    await bare.close();
  });
});
