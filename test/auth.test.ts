import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, signIn } from './support/app.js';
import { backends, noticeSkippedBackends } from './support/databases.js';

noticeSkippedBackends();

for (const backend of backends) {
  describe(`sign-in and sessions (${backend})`, async () => {
    const app = await testApp({ backend, env: { LOGIN_MAX_FAILURES: '3', LOGIN_LOCKOUT_MINUTES: '10' } });

    test('the demo admin signs in; the cookie is HTTP-only, Secure and SameSite', async () => {
      const res = await app.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'Admin@WalletDesk.local', password: 'admin-demo-2026' } });
      assert.equal(res.statusCode, 200);
      const cookie = res.cookies.find((c) => c.name === 'wd_session');
      assert.ok(cookie);
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.secure, true);
      assert.equal(cookie.sameSite, 'Lax');
      const me = await app.http.inject({ method: 'GET', url: '/api/v1/me', cookies: { wd_session: cookie.value } });
      assert.equal(me.statusCode, 200);
      assert.equal(me.json().agent.role, 'admin');
    });

    test('a wrong password is refused with a localized message and audited', async () => {
      const res = await app.http.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'accept-language': 'en' }, payload: { email: 'li.na@walletdesk.local', password: 'not-the-password' } });
      assert.equal(res.statusCode, 401);
      assert.deepEqual(res.json().error, { code: 'INVALID_CREDENTIALS', message: 'The e-mail or password is wrong.' });
      const zh = await app.http.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'accept-language': 'zh-CN' }, payload: { email: 'nobody@example.com', password: 'whatever-123' } });
      assert.equal(zh.json().error.message, '邮箱或密码错误。');
      const admin = await signIn(app, 'admin@walletdesk.local', 'admin-demo-2026');
      const audit = await app.http.inject({ method: 'GET', url: '/api/v1/audit-events?action=auth.login_failed', headers: admin.headers });
      assert.equal(audit.statusCode, 200);
      assert.ok(audit.json().items.length >= 2);
    });

    test('repeated failures lock the account, even for the right password, until the lock expires', async () => {
      const attempt = (password: string) =>
        app.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'sam.chen@walletdesk.local', password } });
      assert.equal((await attempt('wrong-password-1')).statusCode, 401);
      assert.equal((await attempt('wrong-password-2')).statusCode, 401);
      const third = await attempt('wrong-password-3');
      assert.equal(third.statusCode, 423);
      assert.equal(third.json().error.code, 'ACCOUNT_LOCKED');
      assert.equal((await attempt('agent-demo-2026')).statusCode, 423);
      await app.db.query(`update agents set locked_until = now() - interval '1 second' where email = 'sam.chen@walletdesk.local'`);
      assert.equal((await attempt('agent-demo-2026')).statusCode, 200);
    });

    test('writes with a session cookie need the CSRF token', async () => {
      const s = await signIn(app, 'li.na@walletdesk.local', 'agent-demo-2026');
      const without = await app.http.inject({ method: 'PUT', url: '/api/v1/me/presence', headers: { cookie: s.headers.cookie! }, payload: { presence: 'online' } });
      assert.equal(without.statusCode, 403);
      assert.equal(without.json().error.code, 'CSRF_FAILED');
      const withToken = await app.http.inject({ method: 'PUT', url: '/api/v1/me/presence', headers: s.headers, payload: { presence: 'online' } });
      assert.equal(withToken.statusCode, 200);
      assert.equal(withToken.json().presence, 'online');
    });

    test('logout ends the session', async () => {
      const s = await signIn(app, 'supervisor@walletdesk.local', 'supervisor-demo-2026');
      assert.equal((await app.http.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: s.headers })).statusCode, 204);
      const me = await app.http.inject({ method: 'GET', url: '/api/v1/me', headers: s.headers });
      assert.equal(me.statusCode, 401);
      assert.equal(me.json().error.code, 'SESSION_EXPIRED');
    });
  });
}

test('sign-in attempts from one address are rate limited', async () => {
  const app = await testApp();
  const codes: number[] = [];
  for (let i = 0; i < 22; i++) {
    const res = await app.http.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '203.0.113.9', payload: { email: `guess${i}@example.com`, password: 'guess-password' } });
    codes.push(res.statusCode);
    if (res.statusCode === 429) assert.equal(res.json().error.code, 'RATE_LIMITED');
  }
  assert.deepEqual(codes.slice(0, 20), Array(20).fill(401));
  assert.deepEqual(codes.slice(20), [429, 429]);
  const other = await app.http.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '203.0.113.10', payload: { email: 'admin@walletdesk.local', password: 'admin-demo-2026' } });
  assert.equal(other.statusCode, 200);
});
