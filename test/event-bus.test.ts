import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryBus } from '../src/platform/events/memory-bus.js';
import { redisBus } from '../src/platform/events/redis-bus.js';
import type { EventBus, EventEnvelope } from '../src/platform/events/index.js';
import { redisUrl } from './support/databases.js';

type Factory = (onError: (err: unknown, e: EventEnvelope) => void) => Promise<EventBus>;
const channel = `walletdesk:test:${process.pid}:${Date.now()}`;
const implementations: [string, Factory][] = [['memory', async (onError) => memoryBus(onError)]];
if (redisUrl) {
  const url = redisUrl;
  implementations.push(['redis', (onError) => redisBus(url, onError, channel)]);
}

const waitFor = <T>(fn: (resolve: (v: T) => void) => void, ms = 3000) =>
  Promise.race([new Promise<T>(fn), new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timed out')), ms))]);

for (const [kind, open] of implementations) {
  describe(`event bus (${kind})`, () => {
    test('subscribers get typed events with id and time; unsubscribe stops delivery', async () => {
      const bus = await open(() => {});
      try {
        const got: EventEnvelope<'agent.presence_changed'>[] = [];
        const unsubscribe = bus.subscribe('agent.presence_changed', (e) => void got.push(e));
        const second = waitFor<EventEnvelope<'agent.presence_changed'>>((resolve) => bus.subscribe('agent.presence_changed', resolve));
        await bus.publish('agent.presence_changed', { agentId: 'a1', presence: 'online' });
        const event = await second;
        assert.deepEqual(event.payload, { agentId: 'a1', presence: 'online' });
        assert.match(event.id, /^[0-9a-f-]{36}$/);
        assert.ok(!Number.isNaN(Date.parse(event.at)));
        unsubscribe();
        const third = waitFor((resolve) => bus.subscribe('agent.presence_changed', resolve));
        await bus.publish('agent.presence_changed', { agentId: 'a2', presence: 'away' });
        await third;
        assert.deepEqual(got.map((e) => e.payload.agentId), ['a1']);
      } finally {
        await bus.close();
      }
    });

    test('a failing handler is reported and does not stop other handlers', async () => {
      const errors: unknown[] = [];
      const bus = await open((err) => errors.push(err));
      try {
        bus.subscribe('team.changed', () => {
          throw new Error('boom');
        });
        const ok = waitFor((resolve) => bus.subscribe('team.changed', resolve));
        await bus.publish('team.changed', { teamId: 't', deleted: false });
        await ok;
        await new Promise((r) => setTimeout(r, 20));
        assert.equal((errors[0] as Error).message, 'boom');
      } finally {
        await bus.close();
      }
    });

    test('publish does not run handlers inside the caller', async () => {
      const bus = await open(() => {});
      try {
        let ran = false;
        const done = waitFor((resolve) => bus.subscribe('agent.created', () => { ran = true; resolve(undefined); }));
        await bus.publish('agent.created', { agentId: 'x' });
        assert.equal(ran, false);
        await done;
        assert.equal(ran, true);
      } finally {
        await bus.close();
      }
    });
  });
}

const crossNodeUrl = redisUrl;
if (crossNodeUrl) {
  test('events cross nodes through Redis, each node delivering once', async () => {
    const nodeA = await redisBus(crossNodeUrl, () => {}, `${channel}:x`);
    const nodeB = await redisBus(crossNodeUrl, () => {}, `${channel}:x`);
    try {
      const atA: string[] = [];
      const atB: string[] = [];
      nodeA.subscribe('agent.created', (e) => void atA.push(e.payload.agentId));
      const both = waitFor((resolve) => nodeB.subscribe('agent.created', (e) => { atB.push(e.payload.agentId); if (atB.length === 2) resolve(undefined); }));
      await nodeA.publish('agent.created', { agentId: 'from-a' });
      await nodeB.publish('agent.created', { agentId: 'from-b' });
      await both;
      await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual(atB.sort(), ['from-a', 'from-b']);
      assert.deepEqual(atA.sort(), ['from-a', 'from-b']);
    } finally {
      await Promise.all([nodeA.close(), nodeB.close()]);
    }
  });
}
