// The examples in docs/realtime-protocol.md are run against the server: the document cannot
// drift from the code.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { testApp } from './support/app.js';
import { openSocket } from './support/ws.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const doc = readFileSync('docs/realtime-protocol.md', 'utf8');
const examples = [...doc.matchAll(/```frames\n([\s\S]*?)```/g)].map((m) =>
  m[1]!
    .trim()
    .split('\n')
    .map((line) => ({ direction: line.startsWith('→') ? ('send' as const) : ('receive' as const), frame: JSON.parse(line.slice(1).trim()) as Json })),
);

const placeholder = /^<(\w+)>$/;

/** Replaces "<name>" values with remembered ones, for frames the client sends. */
function fill(value: Json, vars: Map<string, Json>): Json {
  if (typeof value === 'string') {
    const name = placeholder.exec(value)?.[1];
    if (name && !vars.has(name)) throw new Error(`example uses <${name}> before it is known`);
    return name ? vars.get(name)! : value;
  }
  if (Array.isArray(value)) return value.map((v) => fill(v, vars));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, vars)]));
  return value;
}

/** Checks a received frame against the documented one; "<name>" matches anything once, then the same value. */
function match(expected: Json, actual: Json, vars: Map<string, Json>, path = '$'): void {
  if (typeof expected === 'string') {
    const name = placeholder.exec(expected)?.[1];
    if (name) {
      if (vars.has(name)) assert.deepEqual(actual, vars.get(name), `${path}: <${name}> should be ${JSON.stringify(vars.get(name))}`);
      else vars.set(name, actual);
      return;
    }
  }
  if (expected && typeof expected === 'object') {
    assert.ok(actual && typeof actual === 'object', `${path}: expected an object or array, got ${JSON.stringify(actual)}`);
    assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), `${path}: keys differ`);
    for (const [k, v] of Object.entries(expected)) match(v, (actual as Record<string, Json>)[k] as Json, vars, `${path}.${k}`);
    return;
  }
  assert.deepEqual(actual, expected, `${path}`);
}

describe('docs/realtime-protocol.md examples run as written', async () => {
  const app = await testApp();
  const base = await app.listen();

  test('the document has examples', () => assert.ok(examples.length >= 4));

  examples.forEach((steps, i) => {
    test(`example ${i + 1}`, async () => {
      const vars = new Map<string, Json>([['visitorToken', (await app.http.inject({ method: 'POST', url: '/api/v1/widget/visitors' })).json().token]]);
      const ws = await openSocket(`${base.replace(/^http/, 'ws')}/api/v1/realtime`);
      for (const step of steps) {
        if (step.direction === 'send') {
          ws.send(fill(step.frame, vars) as Record<string, unknown>);
          continue;
        }
        const expected = step.frame as Record<string, Json>;
        const frame = await ws.next((f) => f.type === expected.type && (expected.ref === undefined || f.ref === expected.ref));
        match(expected, frame as Json, vars);
      }
      ws.close();
    });
  });
});
