import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { signIn, testApp } from './support/app.js';

describe('API tokens', async () => {
  const app = await testApp();
  const admin = await signIn(app, 'admin@walletdesk.local', 'admin-demo-2026');
  const create = (body: object) => app.http.inject({ method: 'POST', url: '/api/v1/api-tokens', headers: admin.headers, payload: body });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  test('a token is shown once, stored only as a hash, and works within its scopes', async () => {
    const res = await create({ name: 'CRM sync', scopes: ['agents:read'] });
    assert.equal(res.statusCode, 201);
    const { token, info } = res.json();
    assert.match(token, /^wdk_[\w-]{40,}$/);
    assert.ok(token.startsWith(info.prefix));
    const stored = await app.db.query<{ token_hash: string }>('select token_hash from api_tokens where id = $1', [info.id]);
    assert.notEqual(stored[0]!.token_hash, token);
    assert.ok(!JSON.stringify((await app.http.inject({ method: 'GET', url: '/api/v1/api-tokens', headers: admin.headers })).json()).includes(token));

    const read = await app.http.inject({ method: 'GET', url: '/api/v1/agents', headers: bearer(token) });
    assert.equal(read.statusCode, 200);
    assert.ok(read.json().items.length >= 4);
    // No CSRF for bearer tokens: they are not sent by browsers on their own.
    const write = await app.http.inject({ method: 'POST', url: '/api/v1/agents', headers: bearer(token), payload: { email: 'x@y.z', name: 'X', role: 'agent' } });
    assert.equal(write.statusCode, 403);
    assert.equal(write.json().error.code, 'INSUFFICIENT_SCOPE');
    // Routes that name no scope never accept tokens, whatever their scopes.
    const tokens = await app.http.inject({ method: 'GET', url: '/api/v1/api-tokens', headers: bearer(token) });
    assert.equal(tokens.statusCode, 403);
  });

  test('a write-scoped token creates agents; the audit log names the token', async () => {
    const { token, info } = (await create({ name: 'HR import', scopes: ['agents:read', 'agents:write'] })).json();
    const res = await app.http.inject({ method: 'POST', url: '/api/v1/agents', headers: bearer(token), payload: { email: 'New.Agent@Example.com', name: 'New Agent', role: 'agent', skillLanguages: ['en'] } });
    assert.equal(res.statusCode, 201);
    assert.equal(res.json().agent.email, 'new.agent@example.com');
    assert.match(res.json().generatedPassword, /^\w{16}$/);
    const audit = await app.http.inject({ method: 'GET', url: `/api/v1/audit-events?action=agent.created&actorId=${info.id}`, headers: admin.headers });
    assert.equal(audit.json().items.length, 1);
    assert.equal(audit.json().items[0].actorType, 'api_token');
  });

  test('revoked and expired tokens and garbage are refused', async () => {
    const { token, info } = (await create({ name: 'temp', scopes: ['teams:read'] })).json();
    assert.equal((await app.http.inject({ method: 'GET', url: '/api/v1/teams', headers: bearer(token) })).statusCode, 200);
    assert.equal((await app.http.inject({ method: 'DELETE', url: `/api/v1/api-tokens/${info.id}`, headers: admin.headers })).statusCode, 204);
    const revoked = await app.http.inject({ method: 'GET', url: '/api/v1/teams', headers: bearer(token) });
    assert.equal(revoked.statusCode, 401);
    assert.equal(revoked.json().error.code, 'INVALID_TOKEN');

    const expired = (await create({ name: 'old', scopes: ['teams:read'], expiresAt: new Date(Date.now() + 60_000).toISOString() })).json();
    await app.db.query(`update api_tokens set expires_at = now() - interval '1 minute' where id = $1`, [expired.info.id]);
    assert.equal((await app.http.inject({ method: 'GET', url: '/api/v1/teams', headers: bearer(expired.token) })).statusCode, 401);
    assert.equal((await app.http.inject({ method: 'GET', url: '/api/v1/teams', headers: bearer('wdk_guess') })).statusCode, 401);
    assert.equal((await app.http.inject({ method: 'GET', url: '/api/v1/teams', headers: bearer('not-even-a-token') })).statusCode, 401);
  });

  test('unknown scopes are refused at creation', async () => {
    const res = await create({ name: 'bad', scopes: ['everything'] });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'VALIDATION_FAILED');
  });
});
