import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sampled } from '../src/modules/callbacks/return-visits.js';
import type { DomainEvents } from '../src/platform/events/index.js';
import { signIn, testApp, type Session } from './support/app.js';
import { backends } from './support/databases.js';

interface Task { id: string; kind: string; purpose: string; status: string; priority: string; dueAt: string; deadlineAt: string; ticketId: string | null; conversationId: string | null; ruleId: string | null; phoneMasked: string | null }
interface Rule { id: string; name: string; trigger: string; sampleRate: number; purpose: string; priority: string }

for (const backend of backends) {
  describe(`return visits (${backend})`, async () => {
    const clock = { now: new Date('2026-11-23T02:00:00Z') }; // Monday 10:00 in Shanghai
    const app = await testApp({ backend, clock: () => clock.now });
    const agent = await signIn(app, 'li.na@walletdesk.local', 'agent-demo-2026');
    const supervisor = await signIn(app, 'supervisor@walletdesk.local', 'supervisor-demo-2026');
    const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, who: Session = agent) => app.http.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
    const ok = async (res: Awaited<ReturnType<typeof call>>, status = 200) => {
      assert.equal(res.statusCode, status, res.body);
      return res.json();
    };
    const rules = (await ok(await call('GET', '/api/v1/return-visit-rules', undefined, supervisor))).items as Rule[];
    const ruleOf = (trigger: string) => rules.find((r) => r.trigger === trigger)!;
    const tasks = async () => (await ok(await call('GET', '/api/v1/calls?view=all&status=all&limit=200'))).items as Task[];
    /** The next task a handler makes that `match` accepts. */
    const nextCreated = (match: (e: DomainEvents['call_task.created']) => boolean) =>
      new Promise<DomainEvents['call_task.created']>((resolve) => app.bus.subscribe('call_task.created', (e) => void (match(e.payload) && resolve(e.payload))));
    const conversation = async () => {
      const token = (await app.conversations.tokens.issueVisitor()).token;
      return (await ok(await app.http.inject({ method: 'POST', url: '/api/v1/widget/conversations', headers: { 'x-customer-token': token }, payload: { channel: 'web', language: 'en' } }))).id as string;
    };

    test('every install has the default rules', () => {
      assert.deepEqual(rules.map((r) => [r.trigger, r.purpose, r.priority, r.sampleRate]).sort(), [
        ['conversation_resolved', 'satisfaction_survey', 'low', 10],
        ['low_rating', 'satisfaction_survey', 'high', 100],
        ['security_emergency', 'problem_check', 'urgent', 100],
        ['ticket_solved', 'problem_check', 'normal', 100],
      ]);
    });

    test('a solved payment failure gets a problem check the next day; the agent finds it not solved and reopens the ticket', async () => {
      const token = await app.conversations.tokens.signCustomer('demo-frank');
      const ticket = await ok(
        await app.http.inject({
          method: 'POST',
          url: '/api/v1/widget/tickets',
          headers: { 'x-customer-token': token },
          payload: { category: 'payment_failed', description: 'My card payment to the taxi failed twice', transaction: { reference: 'PY20261122TAXI', errorMessage: 'Channel timeout' } },
        }),
        201,
      );
      const created = nextCreated((e) => e.ruleId === ruleOf('ticket_solved').id);
      await ok(await call('PATCH', `/api/v1/tickets/${ticket.id}`, { status: 'solved' }));
      const event = await created;
      assert.equal(event.purpose, 'problem_check');
      assert.equal(event.dueAt, '2026-11-24T02:00:00.000Z', '24 hours after it was solved');

      // A day later the agent takes it from the list, with the customer's context and the script.
      clock.now = new Date('2026-11-24T02:30:00Z');
      const mine = (await ok(await call('GET', '/api/v1/calls?view=unassigned'))).items as Task[];
      const listed = mine.find((t) => t.id === event.taskId)!;
      assert.deepEqual([listed.kind, listed.ticketId, listed.phoneMasked, listed.deadlineAt], ['return_visit', ticket.id, '138****8006', '2026-11-26T02:00:00.000Z']);
      assert.equal((await ok(await call('POST', `/api/v1/calls/${event.taskId}/claim`))).status, 'in_progress');
      const detail = await ok(await call('GET', `/api/v1/calls/${event.taskId}`));
      assert.equal(detail.context.ticket.reference, ticket.reference);
      assert.equal(detail.context.ticket.status, 'solved');
      assert.match(detail.context.diagnosis, /Channel timeout/);
      assert.deepEqual(detail.script.questions.map((q: { id: string; kind: string }) => [q.id, q.kind]), [['resolved', 'yes_no'], ['still_issue', 'choice']]);
      assert.match(detail.script.intro, new RegExp(ticket.reference), "the intro names the customer's request");
      assert.equal((await app.audit.list({ action: 'wallet.profile_viewed', targetId: 'demo-frank', limit: 5 })).length > 0, true, 'reading the task reads the wallet profile, audited');

      const bad = await call('POST', `/api/v1/calls/${event.taskId}/outcome`, { outcome: 'reached', answers: { resolved: 'maybe' } });
      assert.deepEqual([bad.statusCode, bad.json().error.code, bad.json().error.details.questions], [400, 'CALL_OUTCOME_INVALID', ['resolved']]);

      const done = await ok(
        await call('POST', `/api/v1/calls/${event.taskId}/outcome`, {
          outcome: 'reached',
          answers: { resolved: false, still_issue: 'same_problem' },
          reason: 'product_issue',
          note: 'Still fails at the same taxi company, he said his password is Hunter2!pass',
          followUp: { action: 'reopen_ticket' },
        }),
      );
      assert.deepEqual([done.task.status, done.task.outcome, done.ticketId], ['done', 'reached', ticket.id]);
      const reopened = await ok(await call('GET', `/api/v1/tickets/${ticket.id}`));
      assert.equal(reopened.ticket.status, 'open');
      const note = reopened.entries.find((e: { kind: string; body: string }) => e.kind === 'note' && e.body.startsWith('回访'));
      assert.ok(note, 'the ticket carries the visit as an internal note');
      assert.match(note.body, /问题未解决/);
      assert.match(note.body, /Still fails at the same taxi company/);
      assert.ok(!note.body.includes('Hunter2'), 'the note is guarded');

      const results = await ok(await call('GET', '/api/v1/analytics/return-visits?from=2026-11-24T00:00:00Z&to=2026-11-25T00:00:00Z', undefined, supervisor));
      assert.deepEqual(results, { visits: 1, reached: 1, reachRate: 1, satisfaction: { avg: null, count: 0 }, chatRating: { avg: null, count: 0 }, reasons: [{ reason: 'product_issue', count: 1 }], reopened: 1, reopenRate: 1 });
    });

    test('the same occasion handled again, as every node does, makes no second task; solving again later is a new occasion', async () => {
      const ticket = await ok(await call('POST', '/api/v1/tickets', { category: 'frozen_account', description: 'Account frozen after a new phone', email: 'again@example.com' }), 201);
      const created = nextCreated((e) => e.ruleId === ruleOf('ticket_solved').id);
      await ok(await call('PATCH', `/api/v1/tickets/${ticket.id}`, { status: 'solved' }));
      await created;
      assert.deepEqual(await Promise.all([app.callbacks.visits.ticketSolved(ticket.id), app.callbacks.visits.ticketSolved(ticket.id)]), [0, 0]);
      const mine = (await tasks()).filter((t) => t.ticketId === ticket.id);
      assert.equal(mine.length, 1);
      assert.equal(mine[0]!.phoneMasked, null, 'no number known: the agent sees "no number"');

      clock.now = new Date(clock.now.getTime() + 3_600_000);
      await ok(await call('PATCH', `/api/v1/tickets/${ticket.id}`, { status: 'open' }));
      await ok(await call('PATCH', `/api/v1/tickets/${ticket.id}`, { status: 'solved' }));
      await app.callbacks.visits.ticketSolved(ticket.id);
      assert.equal((await tasks()).filter((t) => t.ticketId === ticket.id).length, 2);

      // Categories no rule names get no visit.
      const other = await ok(await call('POST', '/api/v1/tickets', { category: 'fees', description: 'What does a transfer cost?', email: 'fees@example.com' }), 201);
      await ok(await call('PATCH', `/api/v1/tickets/${other.id}`, { status: 'solved' }));
      assert.equal(await app.callbacks.visits.ticketSolved(other.id), 0);
    });

    test('a low rating gets a satisfaction call within hours, a security emergency an urgent check', async () => {
      const rated = await conversation();
      const low = nextCreated((e) => e.ruleId === ruleOf('low_rating').id);
      await app.bus.publish('conversation.rated', { conversationId: rated, score: 2 });
      const survey = await low;
      assert.equal(survey.purpose, 'satisfaction_survey');
      assert.equal(survey.dueAt, new Date(clock.now.getTime() + 2 * 3_600_000).toISOString());
      assert.equal(await app.callbacks.visits.conversationRated(await conversation(), 4), 0, 'a good rating gets no call');

      // The survey: the score is kept, and what the customer misunderstood goes to the knowledge-gap review.
      const surveyed = await ok(
        await call('POST', `/api/v1/calls/${survey.taskId}/outcome`, {
          outcome: 'reached',
          answers: { satisfaction: 2, agent_helpful: true, reason: 'misuse' },
          note: 'Thought the payment PIN was the login password',
        }),
      );
      assert.deepEqual([surveyed.task.satisfaction, surveyed.task.reason, surveyed.ticketId], [2, 'misuse', null]);
      const gaps = (await ok(await call('GET', '/api/v1/bot/gaps', undefined, supervisor))).items as { gaps: { text: string; conversationId: string | null }[] }[];
      assert.ok(gaps.some((c) => c.gaps.some((g) => g.text === 'Thought the payment PIN was the login password' && g.conversationId === rated)));

      const scared = await conversation();
      const urgent = nextCreated((e) => e.ruleId === ruleOf('security_emergency').id);
      await app.bus.publish('bot.security_emergency', { conversationId: scared, intent: 'report_scam' });
      const check = await urgent;
      const task = (await tasks()).find((t) => t.id === check.taskId)!;
      assert.deepEqual([task.purpose, task.priority, task.conversationId], ['problem_check', 'urgent', scared]);
      const list = (await ok(await call('GET', '/api/v1/calls?view=unassigned&limit=200'))).items as Task[];
      const sameTime = list.filter((t) => t.dueAt === task.dueAt);
      assert.equal(sameTime[0]!.priority, 'urgent');
    });

    test('sampling is decided by rule and subject, the same on every node and every time', async () => {
      const rule = await ok(
        await call('POST', '/api/v1/return-visit-rules', { name: 'Half of the middling ratings', trigger: 'low_rating', maxRating: 4, sampleRate: 50, delayMinutes: 60, dueWithinMinutes: 600, purpose: 'education' }, supervisor),
        201,
      );
      const invalid = await call('POST', '/api/v1/return-visit-rules', { name: 'x', trigger: 'ticket_solved', maxRating: 2, delayMinutes: 0, dueWithinMinutes: 60, purpose: 'problem_check' }, supervisor);
      assert.deepEqual([invalid.statusCode, invalid.json().error.code], [400, 'RETURN_VISIT_RULE_INVALID']);

      const ids: string[] = [];
      for (let i = 0; i < 16; i++) ids.push(await conversation());
      for (const id of ids) await app.callbacks.visits.conversationRated(id, 3);
      for (const id of ids) await app.callbacks.visits.conversationRated(id, 3);
      const made = (await tasks()).filter((t) => t.ruleId === rule.id).map((t) => t.conversationId).sort();
      assert.deepEqual(made, ids.filter((id) => sampled(rule.id, id, 50)).sort());

      await ok(await call('PATCH', `/api/v1/return-visit-rules/${rule.id}`, { active: false }, supervisor));
      assert.equal(await app.callbacks.visits.conversationRated(await conversation(), 3), 0, 'an inactive rule plans nothing');
      assert.equal((await call('DELETE', `/api/v1/return-visit-rules/${rule.id}`, undefined, supervisor)).statusCode, 204);
    });
  });
}
