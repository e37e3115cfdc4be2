import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Database, Orm } from '../src/platform/db/database.js';
import { openPostgres } from '../src/platform/db/postgres-database.js';
import type { DomainEvents, EventBus, EventName } from '../src/platform/events/index.js';
import { systemActor } from '../src/platform/http/access.js';
import { AppError } from '../src/platform/http/app-error.js';
import { createLogger } from '../src/platform/log.js';
import { auditService } from '../src/modules/audit/index.js';
import { maskDeep } from '../src/modules/guard/index.js';
import { businessHoursSchema, type BusinessHours } from '../src/modules/people/index.js';
import { slaSeeders } from '../src/modules/tickets/sla.seed.js';
import { slaService, type SlaTicket } from '../src/modules/tickets/sla.service.js';
import { slaStore } from '../src/modules/tickets/sla.store.js';
import { signIn, testApp } from './support/app.js';
import { backends, freshDatabase } from './support/databases.js';

const TIMEOUT = { timeout: 60_000 };

// Shanghai (UTC+8), weekdays 09:00-18:00. 2026-11-23 is a Monday.
const shanghai = businessHoursSchema.parse({
  timeZone: 'Asia/Shanghai',
  weekly: { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '18:00']] },
});

type Published = { [N in EventName]: { name: N; payload: DomainEvents[N] } }[EventName];

/** A bus that keeps what was published, shared by the "nodes" of a test. */
function recordingBus(log: Published[]): EventBus {
  return {
    kind: 'memory',
    async publish(name, payload) {
      log.push({ name, payload } as Published);
    },
    subscribe: () => () => {},
    close: async () => {},
  };
}

interface World {
  db: Database;
  clock: { now: Date };
  published: Published[];
  escalations: string[];
  teamId: string;
  contactId: string;
  hours: Map<string, BusinessHours | null>;
}

/**
 * One node's SLA service. Team hours are read through the connection handed in, as the real port
 * must: inside a ticket's transaction on PGlite, a read beside it would wait forever.
 */
function node(w: World, options: { db?: Database; bus?: EventBus; failEscalation?: boolean } = {}) {
  const db = options.db ?? w.db;
  return slaService({
    orm: db.orm,
    bus: options.bus ?? recordingBus(w.published),
    clock: () => w.clock.now,
    logger: createLogger('silent'),
    audit: auditService(db.orm, maskDeep),
    pollMs: 60_000,
    businessHoursOf: async (teamId: string, orm: Orm) => {
      const rows = await orm.execute(sql`select id from teams where id = ${teamId}`);
      if ((Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows).length === 0) throw new AppError('TEAM_NOT_FOUND');
      return w.hours.get(teamId) ?? null;
    },
    escalate: {
      async raisePriority(ticketId) {
        if (options.failEscalation) throw new Error('tickets unavailable');
        w.escalations.push(`raise:${ticketId}`);
      },
      async reassign(ticketId) {
        w.escalations.push(`reassign:${ticketId}`);
      },
    },
  });
}

async function world(backend: (typeof backends)[number]): Promise<World> {
  const db = await freshDatabase(backend);
  for (const seeder of slaSeeders(db.orm)) await seeder.run();
  const teamId = uuidv7();
  const contactId = uuidv7();
  await db.query('insert into teams (id, name) values ($1, $2)', [teamId, `Payments ${teamId}`]);
  await db.query('insert into contacts (id, email) values ($1, $2)', [contactId, `c-${contactId}@example.com`]);
  return { db, clock: { now: new Date('2026-11-23T01:00:00Z') }, published: [], escalations: [], teamId, contactId, hours: new Map([[teamId, shanghai]]) };
}

async function newTicket(w: World, over: Partial<SlaTicket> = {}): Promise<SlaTicket> {
  const t: SlaTicket = { id: uuidv7(), type: 'request', priority: 'normal', status: 'new', teamId: w.teamId, ...over };
  await w.db.query(
    `insert into tickets (id, reference, type, category, subject, status, priority, channel, contact_id, team_id) values ($1, $2, $3, 'top_up', 'Top-up missing', $4, $5, 'web', $6, $7)`,
    [t.id, `WD-${t.id.slice(-8).toUpperCase()}`, t.type, t.status, t.priority, w.contactId, t.teamId],
  );
  return t;
}

/** What the ticket service does: the SLA change joins the transaction that changes the ticket. */
function inTx<T>(w: World, sla: ReturnType<typeof node>, fn: (timers: ReturnType<ReturnType<typeof node>['timers']>) => Promise<T>): Promise<T> {
  return w.db.orm.transaction((tx) => fn(sla.timers(tx as unknown as Orm)));
}

const at = (w: World, iso: string) => {
  w.clock.now = new Date(iso);
};
const breaches = (w: World) => w.published.filter((e) => e.name === 'ticket.sla_breached');
const warnings = (w: World) => w.published.filter((e) => e.name === 'ticket.sla_warning');

for (const backend of backends) {
  describe(`SLA timers (${backend})`, () => {
    let w: World;
    before(async () => {
      w = await world(backend);
    });
    after(() => w.db.close());
    // Each test starts from a quiet clock: timers a test left counting would fire in the next one.
    afterEach(async () => {
      await w.db.query(`update sla_timers set status = 'cancelled', running_since = null, due_at = null where status in ('running', 'paused')`);
      w.published.length = 0;
      w.escalations.length = 0;
    });

    test('resolution pauses while pending and breaches on time in business hours', TIMEOUT, async () => {
      const sla = node(w);
      at(w, '2026-11-23T01:00:00Z'); // Monday 09:00 Shanghai
      const t = await newTicket(w);
      await inTx(w, sla, (timers) => timers.ticketCreated(t));
      // Request, normal: first response 240, next response 480, resolution 1440 business minutes.
      const created = await sla.view(t.id);
      assert.deepEqual(created.map((v) => [v.metric, v.status, v.dueAt?.toISOString()]), [
        ['first_response', 'running', '2026-11-23T05:00:00.000Z'], // Monday 13:00
        ['resolution', 'running', '2026-11-25T07:00:00.000Z'], // Wednesday 15:00 (9 h + 9 h + 6 h)
      ]);

      // Monday 10:00: the agent answers and waits on the customer.
      at(w, '2026-11-23T02:00:00Z');
      const pending = { ...t, status: 'pending' as const };
      await inTx(w, sla, async (timers) => {
        await timers.agentReplied(t);
        await timers.statusChanged(pending, 'new', 'pending');
      });
      const paused = await sla.view(t.id);
      assert.deepEqual(paused.map((v) => [v.metric, v.status, v.remainingSeconds]), [['first_response', 'met', null], ['resolution', 'paused', 23 * 3600]]);

      // Long past the unpaused deadline, nothing fires.
      at(w, '2026-11-27T02:00:00Z'); // Friday 10:00
      assert.deepEqual(await sla.runDue(), { warned: 0, breached: 0 });

      // The customer answers on Friday 10:00: resolution resumes with 23 h left, next response starts.
      const open = { ...t, status: 'open' as const };
      await inTx(w, sla, async (timers) => {
        await timers.statusChanged(open, 'pending', 'open');
        await timers.customerReplied(open);
      });
      const resumed = new Map((await sla.view(t.id)).map((v) => [v.metric, v]));
      assert.equal(resumed.get('resolution')?.dueAt?.toISOString(), '2026-12-01T07:00:00.000Z'); // Tuesday 15:00: Fri 8 h, Mon 9 h, Tue 6 h
      assert.equal(resumed.get('next_response')?.dueAt?.toISOString(), '2026-11-27T10:00:00.000Z'); // Friday 18:00
      at(w, '2026-11-27T03:00:00Z');
      await inTx(w, sla, (timers) => timers.agentReplied(open));

      // One minute before the deadline only the warning (80 %) has gone out.
      at(w, '2026-12-01T06:59:00Z');
      assert.deepEqual(await sla.runDue(), { warned: 1, breached: 0 });
      assert.deepEqual(warnings(w).map((e) => e.payload), [{ ticketId: t.id, metric: 'resolution', dueAt: '2026-12-01T07:00:00.000Z' }]);

      at(w, '2026-12-01T07:00:00Z');
      assert.deepEqual(await sla.runDue(), { warned: 0, breached: 1 });
      assert.deepEqual(breaches(w).map((e) => e.payload), [{ ticketId: t.id, metric: 'resolution', dueAt: '2026-12-01T07:00:00.000Z', actions: ['notify'] }]);
      const [resolution] = (await sla.view(t.id)).filter((v) => v.metric === 'resolution');
      assert.deepEqual(resolution, { metric: 'resolution', status: 'breached', dueAt: new Date('2026-12-01T07:00:00Z'), remainingSeconds: null, breachedAt: new Date('2026-12-01T07:00:00Z') });
      assert.deepEqual(await sla.runDue(), { warned: 0, breached: 0 }, 'a breach fires once');
    });

    test('a late poll records the breach at the instant it fell due and skips the stale warning', TIMEOUT, async () => {
      const sla = node(w);
      at(w, '2026-11-23T01:00:00Z');
      const t = await newTicket(w);
      await inTx(w, sla, (timers) => timers.ticketCreated(t));
      at(w, '2026-11-23T09:00:00Z'); // Monday 17:00, hours after first response fell due at 13:00
      assert.deepEqual(await sla.runDue(), { warned: 0, breached: 1 });
      assert.deepEqual(breaches(w)[0]?.payload, { ticketId: t.id, metric: 'first_response', dueAt: '2026-11-23T05:00:00.000Z', actions: ['notify'] });
      const [fr] = await sla.view(t.id);
      assert.equal(fr?.breachedAt?.toISOString(), '2026-11-23T05:00:00.000Z');
      assert.equal(warnings(w).length, 0);
      // Answered late: the breach stays on record.
      await inTx(w, sla, (timers) => timers.agentReplied(t));
      assert.equal((await sla.view(t.id))[0]?.status, 'breached');
    });

    test('next response: each unanswered customer message gets a clock, breaches and resets with the next one', TIMEOUT, async () => {
      const sla = node(w);
      at(w, '2026-11-23T01:00:00Z');
      const t = { ...(await newTicket(w)), status: 'open' as const };
      await inTx(w, sla, (timers) => timers.ticketCreated(t));
      await inTx(w, sla, (timers) => timers.customerReplied(t));
      assert.deepEqual((await sla.view(t.id)).map((v) => v.metric), ['first_response', 'resolution'], 'the first response is still owed');
      await inTx(w, sla, (timers) => timers.agentReplied(t));
      at(w, '2026-11-23T02:00:00Z');
      await inTx(w, sla, (timers) => timers.customerReplied(t));
      at(w, '2026-11-23T06:00:00Z');
      await inTx(w, sla, (timers) => timers.customerReplied(t)); // a second message keeps the first one's clock
      at(w, '2026-11-24T02:00:00Z'); // Tuesday 10:00; 8 business hours after Monday 10:00 was Monday 18:00
      await sla.runDue();
      assert.deepEqual(breaches(w).map((e) => [e.payload.metric, e.payload.dueAt]), [['next_response', '2026-11-23T10:00:00.000Z']]);
      await inTx(w, sla, (timers) => timers.agentReplied(t));
      at(w, '2026-11-24T03:00:00Z');
      await inTx(w, sla, (timers) => timers.customerReplied(t));
      const [, next] = await sla.view(t.id);
      // Tuesday 11:00 + 8 business hours: 7 on Tuesday, 1 on Wednesday.
      assert.deepEqual(next, { metric: 'next_response', status: 'running', dueAt: new Date('2026-11-25T02:00:00Z'), remainingSeconds: 8 * 3600, breachedAt: null });
      at(w, '2026-11-25T02:00:00Z');
      await sla.runDue();
      assert.equal(breaches(w).filter((e) => e.payload.metric === 'next_response').length, 2, 'the new clock breaches on its own');
    });

    test('a complaint must be acknowledged, and its breach escalates through the tickets port', TIMEOUT, async () => {
      const sla = node(w);
      at(w, '2026-11-23T01:00:00Z');
      const acked = await newTicket(w, { type: 'complaint' });
      const ignored = await newTicket(w, { type: 'complaint', priority: 'high' });
      await inTx(w, sla, async (timers) => {
        await timers.ticketCreated(acked);
        await timers.ticketCreated(ignored);
      });
      assert.deepEqual((await sla.view(acked.id)).map((v) => [v.metric, v.dueAt?.toISOString()]), [
        ['acknowledgement', '2026-11-23T02:00:00.000Z'], // normal complaint: 60 minutes
        ['first_response', '2026-11-23T03:00:00.000Z'],
        ['resolution', '2026-11-24T08:00:00.000Z'],
      ]);
      at(w, '2026-11-23T01:20:00Z');
      await inTx(w, sla, (timers) => timers.acknowledged(acked));
      at(w, '2026-11-23T01:30:00Z'); // high complaint: acknowledgement due after 30 minutes
      // Its warning point (75 %) passed unseen, but a warning for a timer already due is not sent.
      assert.deepEqual(await sla.runDue(), { warned: 0, breached: 1 });
      assert.deepEqual(breaches(w).map((e) => e.payload), [{ ticketId: ignored.id, metric: 'acknowledgement', dueAt: '2026-11-23T01:30:00.000Z', actions: ['notify', 'raise_priority'] }]);
      assert.deepEqual(w.escalations, [`raise:${ignored.id}`]);
      assert.equal((await sla.view(acked.id))[0]?.status, 'met');
    });

    test('a priority change re-targets counting timers; solving stops them and merging cancels them', TIMEOUT, async () => {
      const sla = node(w);
      at(w, '2026-11-23T01:00:00Z');
      const t = await newTicket(w);
      await inTx(w, sla, (timers) => timers.ticketCreated(t));
      at(w, '2026-11-23T01:30:00Z');
      const urgent = { ...t, priority: 'urgent' as const };
      await inTx(w, sla, (timers) => timers.priorityChanged(urgent));
      const retargeted = await sla.view(t.id);
      // Urgent request: first response 30 minutes, already used up; resolution 240 minutes with 30 used.
      assert.deepEqual(retargeted.map((v) => [v.metric, v.dueAt?.toISOString(), v.remainingSeconds]), [
        ['first_response', '2026-11-23T01:30:00.000Z', 0],
        ['resolution', '2026-11-23T05:00:00.000Z', 210 * 60],
      ]);
      await inTx(w, sla, (timers) => timers.statusChanged({ ...urgent, status: 'solved' }, 'new', 'solved'));
      assert.deepEqual((await sla.view(t.id)).map((v) => v.status), ['cancelled', 'met']);
      // Reopened the next day: resolution picks up with the 30 minutes already used.
      at(w, '2026-11-24T01:00:00Z');
      await inTx(w, sla, (timers) => timers.statusChanged({ ...urgent, status: 'open' }, 'solved', 'open'));
      assert.deepEqual((await sla.view(t.id)).map((v) => [v.status, v.remainingSeconds]), [['cancelled', null], ['running', 210 * 60]]);
      await inTx(w, sla, (timers) => timers.merged(t.id));
      assert.deepEqual((await sla.view(t.id)).map((v) => v.status), ['cancelled', 'cancelled']);
      assert.deepEqual(await sla.runDue(), { warned: 0, breached: 0 });
    });

    test('a ticket without a team counts around the clock, or in the hours the policy names', TIMEOUT, async () => {
      const sla = node(w);
      at(w, '2026-11-28T02:00:00Z'); // Saturday 10:00 Shanghai
      const loose = await newTicket(w, { teamId: null, priority: 'high' });
      await inTx(w, sla, (timers) => timers.ticketCreated(loose));
      assert.equal((await sla.view(loose.id))[0]?.dueAt?.toISOString(), '2026-11-28T03:00:00.000Z');
      const [policy] = (await sla.policies.list()).filter((p) => p.ticketType === 'request' && p.priority === 'low');
      await sla.policies.update(policy!.id, { hoursTeamId: w.teamId }, systemActor);
      const lowLoose = await newTicket(w, { teamId: null, priority: 'low' });
      await inTx(w, sla, (timers) => timers.ticketCreated(lowLoose));
      // 480 business minutes from the weekend: Monday 09:00-17:00.
      assert.equal((await sla.view(lowLoose.id))[0]?.dueAt?.toISOString(), '2026-11-30T09:00:00.000Z');
    });

    test('policies: admins change targets (audited); impossible settings are refused', TIMEOUT, async () => {
      const sla = node(w);
      const list = await sla.policies.list();
      assert.equal(list.length, 8);
      assert.deepEqual(list.slice(0, 4).map((p) => [p.ticketType, p.priority]), [['complaint', 'low'], ['complaint', 'normal'], ['complaint', 'high'], ['complaint', 'urgent']]);
      const request = list.find((p) => p.ticketType === 'request' && p.priority === 'urgent')!;
      const updated = await sla.policies.update(request.id, { firstResponseMinutes: 15, breachActions: ['notify', 'notify', 'reassign'] }, { type: 'agent', id: null, ip: '127.0.0.1' });
      assert.equal(updated.firstResponseMinutes, 15);
      assert.deepEqual(updated.breachActions, ['notify', 'reassign']);
      const [audit] = await w.db.query<{ action: string; target_id: string }>(`select action, target_id from audit_events where action = 'sla_policy.updated' order by id desc limit 1`);
      assert.equal(audit?.target_id, request.id);
      await assert.rejects(() => sla.policies.update(request.id, { acknowledgementMinutes: 30 }, systemActor), (err: AppError) => err.code === 'SLA_POLICY_INVALID');
      await assert.rejects(() => sla.policies.update(uuidv7(), { active: false }, systemActor), (err: AppError) => err.code === 'SLA_POLICY_NOT_FOUND');
      await assert.rejects(() => sla.policies.update(request.id, { hoursTeamId: uuidv7() }, systemActor), (err: AppError) => err.code === 'TEAM_NOT_FOUND');
      // An inactive policy starts no timers.
      await sla.policies.update(request.id, { active: false }, systemActor);
      const t = await newTicket(w, { priority: 'urgent' });
      await inTx(w, sla, (timers) => timers.ticketCreated(t));
      assert.deepEqual(await sla.view(t.id), []);
      await sla.policies.update(request.id, { active: true }, systemActor);
    });
  });

  describe(`SLA timers across nodes and restarts (${backend})`, () => {
    test('two nodes firing at once announce and escalate each breach exactly once', TIMEOUT, async () => {
      const w = await world(backend);
      // On PostgreSQL the second node has its own connection pool, as a second process would.
      const other = backend === 'postgres' ? await openPostgres((w.db as unknown as { url: string }).url, 3) : w.db;
      try {
        const a = node(w);
        const b = node(w, { db: other });
        at(w, '2026-11-23T01:00:00Z');
        const tickets: SlaTicket[] = [];
        for (let i = 0; i < 60; i++) tickets.push(await newTicket(w, { type: 'complaint', priority: 'low' }));
        await inTx(w, a, async (timers) => {
          for (const t of tickets) await timers.ticketCreated(t);
        });
        at(w, '2026-11-23T03:00:00Z'); // acknowledgement (120 min) due for all 60: more than one batch
        const [ra, rb] = await Promise.all([a.runDue(), b.runDue()]);
        assert.equal(ra.breached + rb.breached, 60);
        const fired = breaches(w).map((e) => `${e.payload.ticketId}:${e.payload.metric}`);
        assert.equal(new Set(fired).size, 60);
        assert.equal(fired.length, 60);
        assert.equal(w.escalations.length, 60);
        assert.equal(new Set(w.escalations).size, 60);
        assert.deepEqual([await a.runDue(), await b.runDue()], [{ warned: 0, breached: 0 }, { warned: 0, breached: 0 }]);
      } finally {
        if (other !== w.db) await other.close();
        await w.db.close();
      }
    });

    test('a node that dies after claiming leaves its breaches to another node once the lease runs out', TIMEOUT, async () => {
      const w = await world(backend);
      try {
        const sla = node(w);
        at(w, '2026-11-23T01:00:00Z');
        const t = await newTicket(w, { priority: 'high' });
        await inTx(w, sla, (timers) => timers.ticketCreated(t));
        at(w, '2026-11-23T02:05:00Z');
        // The dying node: both claims commit, nothing is announced.
        const store = slaStore(w.db.orm);
        const lease = new Date(w.clock.now.getTime() + 60_000);
        assert.equal((await store.claimBreaches(w.clock.now, lease, 50)).length, 1);
        assert.deepEqual(await sla.runDue(), { warned: 0, breached: 0 }, 'claimed and leased');
        at(w, '2026-11-23T02:06:01Z');
        assert.deepEqual(await sla.runDue(), { warned: 0, breached: 1 });
        assert.deepEqual(breaches(w)[0]?.payload, { ticketId: t.id, metric: 'first_response', dueAt: '2026-11-23T02:00:00.000Z', actions: ['notify'] });
        at(w, '2026-11-23T02:10:00Z');
        assert.deepEqual(await sla.runDue(), { warned: 0, breached: 0 });

        // Same for a warning claimed and never sent.
        const u = await newTicket(w, { priority: 'high' });
        at(w, '2026-11-23T03:00:00Z');
        await inTx(w, sla, (timers) => timers.ticketCreated(u));
        at(w, '2026-11-23T03:50:00Z'); // 80 % of 60 minutes passed at 03:48
        assert.equal((await store.claimWarnings(w.clock.now, new Date(w.clock.now.getTime() + 60_000), 50)).length, 1);
        assert.deepEqual(await sla.runDue(), { warned: 0, breached: 0 });
        at(w, '2026-11-23T03:51:01Z');
        assert.deepEqual(await sla.runDue(), { warned: 1, breached: 0 });
        assert.deepEqual(warnings(w).map((e) => e.payload), [{ ticketId: u.id, metric: 'first_response', dueAt: '2026-11-23T04:00:00.000Z' }]);
      } finally {
        await w.db.close();
      }
    });

    test('an announcement that fails is retried after the lease; a failed escalation is not', TIMEOUT, async () => {
      const w = await world(backend);
      try {
        const flaky = node(w, { failEscalation: true });
        at(w, '2026-11-23T01:00:00Z');
        const t = await newTicket(w, { type: 'complaint' });
        await inTx(w, flaky, (timers) => timers.ticketCreated(t));
        at(w, '2026-11-23T02:00:00Z');
        assert.deepEqual(await flaky.runDue(), { warned: 0, breached: 1 }, 'announced although the escalation failed');
        assert.deepEqual(w.escalations, []);

        const u = await newTicket(w, { priority: 'urgent' });
        await inTx(w, flaky, (timers) => timers.ticketCreated(u));
        const down = node(w, { bus: { ...recordingBus(w.published), publish: () => Promise.reject(new Error('bus down')) } });
        // The complaint's first response warns (75 % of 120 minutes at 02:30) and the urgent request breaches.
        at(w, '2026-11-23T02:31:00Z');
        assert.deepEqual(await down.runDue(), { warned: 0, breached: 0 });
        assert.deepEqual(await flaky.runDue(), { warned: 0, breached: 0 }, 'still leased');
        at(w, '2026-11-23T02:32:01Z');
        assert.deepEqual(await flaky.runDue(), { warned: 1, breached: 1 });
        assert.deepEqual(breaches(w).map((e) => e.payload.ticketId), [t.id, u.id]);
        assert.deepEqual(warnings(w).map((e) => [e.payload.ticketId, e.payload.metric]), [[t.id, 'first_response']]);
      } finally {
        await w.db.close();
      }
    });

    test('timers survive a restart: a new node with nothing in memory fires them on time', TIMEOUT, async () => {
      const w = await world(backend);
      try {
        const first = node(w);
        first.start();
        at(w, '2026-11-23T01:00:00Z');
        const t = await newTicket(w, { priority: 'high' });
        await inTx(w, first, (timers) => timers.ticketCreated(t));
        await first.stop();
        const second = node(w);
        at(w, '2026-11-23T01:59:59Z');
        assert.deepEqual(await second.runDue(), { warned: 1, breached: 0 });
        at(w, '2026-11-23T02:00:00Z');
        assert.deepEqual(await second.runDue(), { warned: 0, breached: 1 });
      } finally {
        await w.db.close();
      }
    });
  });
}

for (const backend of backends) {
  describe(`SLA through the API (${backend})`, async () => {
    const clock = { now: new Date('2026-11-23T01:00:00Z') }; // Monday 09:00 Shanghai
    const app = await testApp({ backend, clock: () => clock.now });
    const agent = await signIn(app, 'li.na@walletdesk.local', 'agent-demo-2026');
    const admin = await signIn(app, 'admin@walletdesk.local', 'admin-demo-2026');
    const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object, headers = agent.headers) => app.http.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    const payments = (await app.people.teams.list()).find((t) => t.categories.includes('top_up'))!;
    await app.people.teams.update(payments.id, { businessHours: shanghai }, systemActor);
    const policyOf = async (type: string, priority: string) => ((await call('GET', '/api/v1/sla-policies')).json().items as { id: string; ticketType: string; priority: string }[]).find((p) => p.ticketType === type && p.priority === priority)!;

    test('staff read the policies; only admins change them, in the caller\'s language when refused', TIMEOUT, async () => {
      const list = await call('GET', '/api/v1/sla-policies');
      assert.equal(list.statusCode, 200);
      assert.equal(list.json().items.length, 8);
      const policy = await policyOf('request', 'high');
      assert.equal((await call('PUT', `/api/v1/sla-policies/${policy.id}`, { warnAtPercent: 90 })).statusCode, 403);
      assert.equal((await call('PUT', `/api/v1/sla-policies/${policy.id}`, { warnAtPercent: 90 }, { cookie: admin.headers.cookie! })).statusCode, 403, 'CSRF token required');
      const refused = await call('PUT', `/api/v1/sla-policies/${policy.id}`, { acknowledgementMinutes: 30 }, { ...admin.headers, 'accept-language': 'zh-CN' });
      assert.equal(refused.statusCode, 400);
      assert.equal(refused.json().error.code, 'SLA_POLICY_INVALID');
      assert.match(refused.json().error.message, /投诉/);
      assert.equal((await call('PUT', `/api/v1/sla-policies/${policy.id}`, { warnAtPercent: 100 }, admin.headers)).statusCode, 400);
      const changed = await call('PUT', `/api/v1/sla-policies/${policy.id}`, { breachActions: ['notify', 'raise_priority'] }, admin.headers);
      assert.equal(changed.statusCode, 200, changed.body);
      assert.deepEqual(changed.json().breachActions, ['notify', 'raise_priority']);
    });

    test('a ticket in team hours pauses while pending, breaches on time and has its priority raised', TIMEOUT, async () => {
      const breached = new Promise<DomainEvents['ticket.sla_breached']>((resolve) => app.bus.subscribe('ticket.sla_breached', (e) => resolve(e.payload)));
      clock.now = new Date('2026-11-23T01:00:00Z');
      const created = await call('POST', '/api/v1/tickets', { category: 'top_up', description: 'Top-up of 500 CNY has not arrived', email: 'zhou@example.com', priority: 'high', teamId: payments.id });
      assert.equal(created.statusCode, 201, created.body);
      const id = created.json().id as string;
      const sla = async () => (await call('GET', `/api/v1/tickets/${id}`)).json().sla as { metric: string; status: string; dueAt: string | null; remainingSeconds: number | null; breachedAt: string | null }[];
      // High request: first response 60, resolution 480 business minutes.
      assert.deepEqual((await sla()).map((v) => [v.metric, v.status, v.dueAt]), [['first_response', 'running', '2026-11-23T02:00:00.000Z'], ['resolution', 'running', '2026-11-23T09:00:00.000Z']]);

      clock.now = new Date('2026-11-23T01:30:00Z');
      const reply = await call('POST', `/api/v1/tickets/${id}/replies`, { body: 'Could you send the bank receipt?', status: 'pending' });
      assert.equal(reply.statusCode, 201, reply.body);
      assert.deepEqual((await sla()).map((v) => [v.metric, v.status, v.remainingSeconds]), [['first_response', 'met', null], ['resolution', 'paused', 450 * 60]]);

      clock.now = new Date('2026-11-25T01:00:00Z'); // Wednesday 09:00: the unpaused deadline passed on Monday
      assert.deepEqual(await app.tickets.sla.runDue(), { warned: 0, breached: 0 });
      assert.equal((await call('PATCH', `/api/v1/tickets/${id}`, { status: 'open' })).statusCode, 200);
      const [, resolution] = await sla();
      assert.equal(resolution?.dueAt, '2026-11-25T08:30:00.000Z'); // 7.5 h left: Wednesday 16:30

      clock.now = new Date('2026-11-25T08:30:00Z');
      assert.deepEqual(await app.tickets.sla.runDue(), { warned: 0, breached: 1 });
      assert.deepEqual(await breached, { ticketId: id, metric: 'resolution', dueAt: '2026-11-25T08:30:00.000Z', actions: ['notify', 'raise_priority'] });
      const after = (await call('GET', `/api/v1/tickets/${id}`)).json();
      assert.equal(after.ticket.priority, 'urgent');
      assert.equal(after.sla[1].status, 'breached');
      assert.equal(after.sla[1].breachedAt, '2026-11-25T08:30:00.000Z');
    });
  });
}
