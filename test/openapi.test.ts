import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { testApp } from './support/app.js';

test('the OpenAPI document describes every /api/v1 route, generated from the route schemas', async () => {
  const app = await testApp();
  const res = await app.http.inject({ method: 'GET', url: '/api/openapi.json' });
  assert.equal(res.statusCode, 200);
  const doc = res.json();
  assert.equal(doc.openapi, '3.1.0');
  const documented = new Set<string>();
  for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
    for (const method of Object.keys(ops)) documented.add(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
  }
  const routes = app.routes.filter((r) => r.url.startsWith('/api/v1/') && r.method !== 'HEAD');
  // OpenAPI cannot describe a WebSocket; its frames are documented in docs/realtime-protocol.md.
  const realtime = readFileSync('docs/realtime-protocol.md', 'utf8');
  const missing = routes
    .map((r) => `${r.method} ${r.url}`)
    .filter((r) => !documented.has(r))
    .filter((r) => !(r === 'GET /api/v1/realtime' && realtime.includes('/api/v1/realtime')));
  assert.deepEqual(missing, []);
  const login = doc.paths['/api/v1/auth/login'].post;
  assert.deepEqual(login.requestBody.content['application/json'].schema.required.sort(), ['email', 'password']);
  const docs = await app.http.inject({ method: 'GET', url: '/api/docs/' });
  assert.equal(docs.statusCode, 200);
  assert.match(docs.body, /swagger/i);
});
