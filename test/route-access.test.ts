import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { signIn, testApp } from './support/app.js';

/** Fills path parameters so the request reaches the route's access check, not the router's 404. */
function concrete(url: string): string {
  return url.replace(/:(\w+)/g, '01a20cea-a01c-763a-bdd4-587df45036cb').replace(/\*$/, 'x');
}

describe('every route declares who may call it', async () => {
  const app = await testApp();
  const routes = app.routes.filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS');
  const agent = await signIn(app, 'li.na@walletdesk.local', 'agent-demo-2026');

  test('the registry holds the routes modules registered', () => {
    assert.ok(routes.some((r) => r.url === '/api/v1/agents' && r.method === 'POST'));
    assert.ok(routes.length > 15);
  });

  test('an anonymous call is refused unless the route is declared public', async () => {
    for (const route of routes) {
      const res = await app.http.inject({ method: route.method as 'GET', url: concrete(route.url), payload: route.method === 'GET' || route.method === 'DELETE' ? undefined : {} });
      const isPublic = !!route.access && 'public' in route.access;
      if (isPublic) {
        assert.notEqual(res.statusCode, 401, `${route.method} ${route.url} is public but refused anonymously`);
      } else {
        assert.equal(res.statusCode, 401, `${route.method} ${route.url} answered ${res.statusCode} to an anonymous caller`);
        assert.equal(res.json().error.code, 'AUTH_REQUIRED');
      }
    }
  });

  test('an agent cannot reach admin-only routes, and routes without a declaration refuse everyone', async () => {
    let adminRoutes = 0;
    for (const route of routes) {
      const access = route.access;
      const peerOnly = !!access && 'sharedSecret' in access;
      const adminOnly = !access || ('roles' in access && !access.roles.includes('agent'));
      if (!adminOnly && !peerOnly) continue;
      adminRoutes += 1;
      const res = await app.http.inject({ method: route.method as 'GET', url: concrete(route.url), headers: agent.headers, payload: route.method === 'GET' || route.method === 'DELETE' ? undefined : {} });
      // A console session is no substitute for the peer secret: such routes answer 401, not 403.
      assert.equal(res.statusCode, peerOnly ? 401 : 403, `${route.method} ${route.url} let an agent through (${res.statusCode})`);
    }
    assert.ok(adminRoutes >= 8);
  });
});
