import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { InjectOptions } from 'fastify';
import { signIn, testApp } from './support/app.js';

describe('bad input gets a stable 4xx code and a clear message, never a 500', async () => {
  const app = await testApp({ env: { BODY_LIMIT_BYTES: '2048' } });
  const admin = await signIn(app, 'admin@walletdesk.local', 'admin-demo-2026');
  const json = { ...admin.headers, 'content-type': 'application/json' };

  const cases: { name: string; req: InjectOptions; status: number; code: string }[] = [
    { name: 'malformed JSON', req: { method: 'POST', url: '/api/v1/teams', headers: json, payload: '{"name": ' }, status: 400, code: 'INVALID_JSON' },
    { name: 'wrong type', req: { method: 'POST', url: '/api/v1/teams', headers: json, payload: { name: 42 } }, status: 400, code: 'VALIDATION_FAILED' },
    { name: 'unknown field', req: { method: 'POST', url: '/api/v1/teams', headers: json, payload: { name: 'Ops', colour: 'red' } }, status: 400, code: 'VALIDATION_FAILED' },
    { name: 'oversized body', req: { method: 'POST', url: '/api/v1/teams', headers: json, payload: JSON.stringify({ name: 'x', description: 'y'.repeat(5000) }) }, status: 413, code: 'PAYLOAD_TOO_LARGE' },
    { name: 'bad id', req: { method: 'GET', url: '/api/v1/agents/123', headers: admin.headers }, status: 400, code: 'VALIDATION_FAILED' },
    { name: 'unknown id', req: { method: 'GET', url: '/api/v1/agents/01a20cea-a01c-763a-bdd4-587df45036cb', headers: admin.headers }, status: 404, code: 'AGENT_NOT_FOUND' },
    { name: 'bad cursor', req: { method: 'GET', url: '/api/v1/agents?cursor=%%%', headers: admin.headers }, status: 400, code: 'VALIDATION_FAILED' },
    { name: 'bad limit', req: { method: 'GET', url: '/api/v1/agents?limit=0', headers: admin.headers }, status: 400, code: 'VALIDATION_FAILED' },
    { name: 'unknown query parameter', req: { method: 'GET', url: '/api/v1/agents?sort=name', headers: admin.headers }, status: 400, code: 'VALIDATION_FAILED' },
    { name: 'wrong content type', req: { method: 'POST', url: '/api/v1/teams', headers: { ...admin.headers, 'content-type': 'application/xml' }, payload: '<team/>' }, status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
    { name: 'weak password', req: { method: 'POST', url: '/api/v1/agents', headers: json, payload: { email: 'a@b.cd', name: 'A', role: 'agent', password: 'short' } }, status: 400, code: 'WEAK_PASSWORD' },
    { name: 'duplicate e-mail', req: { method: 'POST', url: '/api/v1/agents', headers: json, payload: { email: 'LI.NA@walletdesk.local', name: 'A', role: 'agent' } }, status: 409, code: 'EMAIL_TAKEN' },
    { name: 'unknown team in agent', req: { method: 'POST', url: '/api/v1/agents', headers: json, payload: { email: 'c@d.ef', name: 'C', role: 'agent', teamIds: ['01a20cea-a01c-763a-bdd4-587df45036cb'] } }, status: 404, code: 'TEAM_NOT_FOUND' },
    { name: 'unknown route', req: { method: 'GET', url: '/api/v1/nothing-here', headers: admin.headers }, status: 404, code: 'ROUTE_NOT_FOUND' },
  ];

  for (const c of cases) {
    test(c.name, async () => {
      const res = await app.http.inject({ ...c.req, headers: { 'accept-language': 'en', ...(c.req.headers as object) } });
      assert.equal(res.statusCode, c.status, res.body);
      const { error } = res.json();
      assert.equal(error.code, c.code);
      assert.ok(error.message.length > 5);
      assert.doesNotMatch(res.body, /\n\s+at |\.ts:\d+/, 'no stack trace');
    });
  }

  test('validation details point at the offending field', async () => {
    const res = await app.http.inject({ method: 'POST', url: '/api/v1/teams', headers: json, payload: { name: 42 } });
    assert.deepEqual(res.json().error.details.issues.map((i: { path: string }) => i.path), ['body.name']);
  });

  test('messages follow Accept-Language', async () => {
    const res = await app.http.inject({ method: 'GET', url: '/api/v1/agents/123', headers: { ...admin.headers, 'accept-language': 'zh-CN,zh;q=0.9' } });
    assert.equal(res.json().error.message, '有字段缺失或格式不正确。');
  });

  test('the server is still healthy afterwards', async () => {
    assert.equal((await app.http.inject({ method: 'GET', url: '/readyz' })).statusCode, 200);
  });
});
