import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { signIn, testApp } from './support/app.js';

describe('agents and teams', async () => {
  const app = await testApp();
  const admin = await signIn(app, 'admin@walletdesk.local', 'admin-demo-2026');
  const supervisor = await signIn(app, 'supervisor@walletdesk.local', 'supervisor-demo-2026');
  const call = (method: string, url: string, headers: Record<string, string>, payload?: object) =>
    app.http.inject({ method: method as 'GET', url, headers, payload });

  test('an admin creates a team and an agent in it; skills, capacity and teams round-trip', async () => {
    const team = (await call('POST', '/api/v1/teams', admin.headers, { name: 'VIP', description: 'High-value customers' })).json();
    const res = await call('POST', '/api/v1/agents', admin.headers, {
      email: 'wang.fang@example.com', name: 'Wang Fang', displayName: '王芳', role: 'agent', password: 'correct-horse-battery',
      capacity: 8, skillCategories: ['refund'], skillLanguages: ['zh-CN', 'en'], teamIds: [team.id],
    });
    assert.equal(res.statusCode, 201);
    const { agent, generatedPassword } = res.json();
    assert.equal(generatedPassword, null);
    assert.deepEqual([agent.capacity, agent.skillCategories, agent.teamIds], [8, ['refund'], [team.id]]);
    const listed = (await call('GET', `/api/v1/agents?teamId=${team.id}`, supervisor.headers)).json();
    assert.deepEqual(listed.items.map((a: { email: string }) => a.email), ['wang.fang@example.com']);
    assert.deepEqual((await call('GET', `/api/v1/teams/${team.id}`, supervisor.headers)).json().memberIds, [agent.id]);
    await signIn(app, 'wang.fang@example.com', 'correct-horse-battery');
  });

  test('deactivating an agent ends their sessions and blocks sign-in', async () => {
    const s = await signIn(app, 'sam.chen@walletdesk.local', 'agent-demo-2026');
    const sam = (await call('GET', '/api/v1/me', s.headers)).json().agent;
    assert.equal((await call('DELETE', `/api/v1/agents/${sam.id}`, admin.headers)).json().active, false);
    assert.equal((await call('GET', '/api/v1/me', s.headers)).statusCode, 401);
    const again = await app.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'sam.chen@walletdesk.local', password: 'agent-demo-2026' } });
    assert.equal(again.json().error.code, 'ACCOUNT_DISABLED');
  });

  test('the last active admin cannot be demoted or deactivated', async () => {
    const me = (await call('GET', '/api/v1/me', admin.headers)).json().agent;
    const res = await call('PATCH', `/api/v1/agents/${me.id}`, admin.headers, { role: 'agent' });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().error.code, 'LAST_ADMIN');
  });

  test('pagination walks every agent exactly once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = (await call('GET', `/api/v1/agents?limit=2${cursor ? `&cursor=${cursor}` : ''}`, admin.headers)).json();
      seen.push(...page.items.map((a) => a.id));
      cursor = page.nextCursor;
    } while (cursor);
    const all = await app.db.query<{ id: string }>('select id from agents');
    assert.equal(seen.length, all.length);
    assert.equal(new Set(seen).size, all.length);
  });

  test('presence changes publish an event for routing', async () => {
    const s = await signIn(app, 'li.na@walletdesk.local', 'agent-demo-2026');
    const seen = new Promise<{ presence: string }>((resolve) => app.bus.subscribe('agent.presence_changed', (e) => resolve(e.payload)));
    await call('PUT', '/api/v1/me/presence', s.headers, { presence: 'away' });
    assert.equal((await seen).presence, 'away');
  });

  test('changing my password signs out my other sessions', async () => {
    const a = await signIn(app, 'supervisor@walletdesk.local', 'supervisor-demo-2026');
    const b = await signIn(app, 'supervisor@walletdesk.local', 'supervisor-demo-2026');
    const res = await call('POST', '/api/v1/me/password', a.headers, { currentPassword: 'supervisor-demo-2026', newPassword: 'a-new-long-password' });
    assert.equal(res.statusCode, 204);
    assert.equal((await call('GET', '/api/v1/me', a.headers)).statusCode, 200);
    assert.equal((await call('GET', '/api/v1/me', b.headers)).statusCode, 401);
  });
});
