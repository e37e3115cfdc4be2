import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DomainEvents } from '../src/platform/events/index.js';
import { signIn, testApp, type Session } from './support/app.js';
import { backends } from './support/databases.js';
import { webhookReceiver } from './support/webhook-receiver.js';

interface Task { id: string; status: string; attempts: number; nextAttemptAt: string; ticketId: string | null; callbackId: string | null; phoneMasked: string | null; assigneeId: string | null; kind: string }

for (const backend of backends) {
  describe(`call tasks (${backend})`, async () => {
    // 2026-11-23 is a Monday; 12:30 UTC is 20:30 in Shanghai, half an hour before the quiet hours.
    const clock = { now: new Date('2026-11-23T12:30:00Z') };
    const app = await testApp({ backend, clock: () => clock.now, env: { WEBHOOK_POLL_MS: '50', WEBHOOK_RETRY_BASE_MS: '100' } });
    const agent = await signIn(app, 'li.na@walletdesk.local', 'agent-demo-2026');
    const colleague = await signIn(app, 'sam.chen@walletdesk.local', 'agent-demo-2026');
    const supervisor = await signIn(app, 'supervisor@walletdesk.local', 'supervisor-demo-2026');
    const admin = await signIn(app, 'admin@walletdesk.local', 'admin-demo-2026');
    const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object, who: Session = agent) => app.http.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
    const at = (iso: string) => {
      clock.now = new Date(iso);
    };
    const ok = async (res: Awaited<ReturnType<typeof call>>, status = 200) => {
      assert.equal(res.statusCode, status, res.body);
      return res.json();
    };
    const policy = await ok(await call('PUT', '/api/v1/calls/policy', { quietStart: '21:00', quietEnd: '09:00', maxAttempts: 3, retrySpacingMinutes: [60] }, admin));
    assert.equal(policy.quietStart, '21:00');

    /** A verified wallet customer's payment-failure ticket, solved: the seeded rule plans a problem check. */
    async function returnVisit(customerId = 'demo-alice'): Promise<Task> {
      const token = await app.conversations.tokens.signCustomer(customerId);
      const ticket = await ok(await app.http.inject({ method: 'POST', url: '/api/v1/widget/tickets', headers: { 'x-customer-token': token }, payload: { category: 'payment_failed', description: 'The payment to the coffee shop failed' } }), 201);
      await ok(await call('PATCH', `/api/v1/tickets/${ticket.id}`, { status: 'solved' }));
      // Beside the event handler: both make the same task, one of them wins.
      await app.callbacks.visits.ticketSolved(ticket.id);
      const tasks = (await ok(await call('GET', '/api/v1/calls?view=all&status=all&limit=200'))).items as Task[];
      return tasks.find((t) => t.ticketId === ticket.id)!;
    }

    test('an unanswered customer is tried again after the spacing, never in their quiet hours, and given up after the last attempt', async () => {
      at('2026-11-23T12:30:00Z');
      const task = await returnVisit();
      assert.equal(task.phoneMasked, '138****8001', 'a wallet customer is shown masked, from the wallet');
      await ok(await call('POST', `/api/v1/calls/${task.id}/claim`));

      // 20:30 + 60 minutes is 21:30 local: quiet, so the next try is 09:00 the next morning in Shanghai.
      const first = (await ok(await call('POST', `/api/v1/calls/${task.id}/outcome`, { outcome: 'no_answer', note: 'Rang out' }))).task;
      assert.deepEqual([first.status, first.attempts, first.nextAttemptAt], ['open', 1, '2026-11-24T01:00:00.000Z']);

      at('2026-11-24T01:00:00Z');
      const second = (await ok(await call('POST', `/api/v1/calls/${task.id}/outcome`, { outcome: 'no_answer' }))).task;
      assert.deepEqual([second.status, second.attempts, second.nextAttemptAt], ['open', 2, '2026-11-24T02:00:00.000Z']);

      at('2026-11-24T02:00:00Z');
      const completed = new Promise<DomainEvents['call_task.completed']>((resolve) => app.bus.subscribe('call_task.completed', (e) => void (e.payload.taskId === task.id && e.payload.final && resolve(e.payload))));
      const last = (await ok(await call('POST', `/api/v1/calls/${task.id}/outcome`, { outcome: 'no_answer' }))).task;
      assert.deepEqual([last.status, last.attempts], ['failed', 3]);
      assert.deepEqual(await completed, { taskId: task.id, kind: 'return_visit', callbackId: null, outcome: 'no_answer', final: true });

      const again = await call('POST', `/api/v1/calls/${task.id}/outcome`, { outcome: 'no_answer' });
      assert.deepEqual([again.statusCode, again.json().error.code], [409, 'CALL_TASK_CLOSED']);
      const detail = await ok(await call('GET', `/api/v1/calls/${task.id}`));
      assert.deepEqual(detail.attempts.map((a: { outcome: string }) => a.outcome), ['no_answer', 'no_answer', 'no_answer']);
      assert.equal(detail.attempts[0].note, 'Rang out');
      assert.equal(detail.attempts[0].agentName, '李娜');
    });

    test('"call back later" must name a time in the future outside the quiet hours', async () => {
      at('2026-11-23T12:30:00Z');
      const task = await returnVisit();
      const quiet = await call('POST', `/api/v1/calls/${task.id}/outcome`, { outcome: 'call_back_later', callBackAt: '2026-11-23T14:00:00Z' });
      assert.deepEqual([quiet.statusCode, quiet.json().error.code, quiet.json().error.details.reason], [400, 'CALL_OUTCOME_INVALID', 'call_back_at_in_quiet_hours']);
      const past = await call('POST', `/api/v1/calls/${task.id}/outcome`, { outcome: 'call_back_later', callBackAt: '2026-11-23T12:00:00Z' });
      assert.equal(past.json().error.details.reason, 'call_back_at_in_past');
      const later = (await ok(await call('POST', `/api/v1/calls/${task.id}/outcome`, { outcome: 'call_back_later', callBackAt: '2026-11-24T02:30:00Z' }))).task;
      assert.deepEqual([later.status, later.attempts, later.nextAttemptAt], ['open', 0, '2026-11-24T02:30:00.000Z'], 'an appointment is not held against the attempts');
    });

    test("dialing is refused in the customer's quiet hours; a supervisor may override, and the reveal is audited", async () => {
      at('2026-11-23T13:30:00Z'); // 21:30 in Shanghai
      const task = await returnVisit('demo-chen');
      const refused = await call('POST', `/api/v1/calls/${task.id}/dial`, {});
      assert.deepEqual([refused.statusCode, refused.json().error.code], [409, 'CALL_QUIET_HOURS']);
      assert.equal(refused.json().error.details.callableAt, '2026-11-24T01:00:00.000Z');
      assert.equal((await call('POST', `/api/v1/calls/${task.id}/dial`, { override: true })).statusCode, 403, 'agents cannot override');

      const dialed = await ok(await call('POST', `/api/v1/calls/${task.id}/dial`, { override: true }, supervisor));
      assert.equal(dialed.telUrl, 'tel:+8613800138003');
      const dials = await app.audit.list({ action: 'call_task.dialed', targetId: task.id, limit: 10 });
      assert.deepEqual(dials.map((d) => d.details), [{ quietHours: true, override: true, phoneSource: 'wallet' }]);
      const reveals = await app.audit.list({ action: 'wallet.phone_revealed_for_call', targetId: 'demo-chen', limit: 10 });
      assert.equal(reveals[0]?.details.callTaskId, task.id);
      assert.ok(!JSON.stringify(reveals).includes('13800138003'), 'the audit log records the reveal, not the number');

      // The supervisor now has the call in progress: it is theirs.
      const taken = await call('POST', `/api/v1/calls/${task.id}/claim`, undefined, colleague);
      assert.deepEqual([taken.statusCode, taken.json().error.code], [409, 'CALL_TASK_TAKEN']);
    });

    test('a booked callback becomes exactly one call task, however many nodes handle the booking', async () => {
      at('2026-11-23T02:00:00Z'); // Monday 10:00 in Shanghai
      const token = (await app.conversations.tokens.issueVisitor()).token;
      const customer = (method: 'GET' | 'POST', url: string, payload?: object) => app.http.inject({ method, url, headers: { 'x-customer-token': token }, ...(payload ? { payload } : {}) });
      const options = await ok(await customer('GET', '/api/v1/widget/callbacks/options?timezone=Asia/Shanghai&topic=payment_failed'));
      const slot = options.slots[0];
      const created = new Promise<DomainEvents['call_task.created']>((resolve) => app.bus.subscribe('call_task.created', (e) => void (e.payload.kind === 'callback' && resolve(e.payload))));
      const booked = await ok(await customer('POST', '/api/v1/widget/callbacks', { topic: 'payment_failed', phone: '13900139000', timezone: 'Asia/Shanghai', language: 'zh-CN', slotStartsAt: slot.startsAt }), 201);
      const event = await created;
      assert.equal(event.callbackId, booked.id);
      assert.equal(event.dueAt, new Date(slot.startsAt).toISOString());

      // Two more nodes handle the same booking at once: the unique callback id lets none of them through.
      const copies = await Promise.all([app.callbacks.calls.fromCallback(booked.id), app.callbacks.calls.fromCallback(booked.id)]);
      assert.deepEqual(copies, [undefined, undefined]);
      const tasks = ((await ok(await call('GET', '/api/v1/calls?view=all&status=all&limit=200'))).items as Task[]).filter((t) => t.callbackId === booked.id);
      assert.equal(tasks.length, 1);
      assert.deepEqual([tasks[0]!.kind, tasks[0]!.phoneMasked, tasks[0]!.nextAttemptAt], ['callback', '139****9000', new Date(slot.startsAt).toISOString()]);
      const detail = await ok(await call('GET', `/api/v1/calls/${tasks[0]!.id}`));
      assert.equal(detail.script.purpose, 'callback');
      assert.match(detail.script.intro, /WalletDesk/);
      assert.deepEqual(detail.script.questions.map((q: { id: string }) => q.id), ['resolved']);
      assert.equal(detail.context.callback.slotStartsAt, new Date(slot.startsAt).toISOString());

      // The customer cancels: the task goes with it.
      await ok(await customer('POST', `/api/v1/widget/callbacks/${booked.id}/cancel`));
      await app.callbacks.calls.callbackCancelled(booked.id);
      assert.equal((await ok(await call('GET', `/api/v1/calls/${tasks[0]!.id}`))).task.status, 'cancelled');
    });

    test('dial gives the tel: link and a subscribed telephone system receives the dial request with the number', async () => {
      at('2026-11-23T03:00:00Z'); // 11:00 in Shanghai
      const receiver = await webhookReceiver();
      await ok(await call('POST', '/api/v1/webhooks', { url: receiver.url, events: ['call_task.dial_requested'] }, admin), 201);
      const token = (await app.conversations.tokens.issueVisitor()).token;
      const options = (await app.http.inject({ method: 'GET', url: '/api/v1/widget/callbacks/options?timezone=Asia/Shanghai&topic=refund', headers: { 'x-customer-token': token } })).json();
      const booked = await ok(await app.http.inject({ method: 'POST', url: '/api/v1/widget/callbacks', headers: { 'x-customer-token': token }, payload: { topic: 'refund', phone: '+852 6123 4567', timezone: 'Asia/Shanghai', language: 'en', slotStartsAt: options.slots[0].startsAt } }), 201);
      await app.callbacks.calls.fromCallback(booked.id);
      const taskId = ((await ok(await call('GET', '/api/v1/calls?view=all&limit=200'))).items as Task[]).find((t) => t.callbackId === booked.id)!.id;

      const dialed = await ok(await call('POST', `/api/v1/calls/${taskId}/dial`, {}));
      assert.deepEqual(dialed, { telUrl: 'tel:+85261234567', webhook: true });
      const [delivery] = await receiver.until((r) => r.some((x) => x.body.includes('call_task.dial_requested')));
      const body = JSON.parse(delivery!.body);
      assert.equal(body.type, 'call_task.dial_requested');
      assert.equal(body.data.phone, '+85261234567', 'the telephone system gets the whole number');
      assert.equal(body.data.taskId, taskId);
      assert.equal(body.data.agentId, (await ok(await call('GET', '/api/v1/me'))).agent.id);
      const list = (await ok(await call('GET', '/api/v1/calls?view=mine'))).items as Task[];
      assert.ok(list.some((t) => t.id === taskId && t.status === 'in_progress'), 'dialing takes the task');
    });

    test('agents work the list; supervisors the plan and rules; admins the policy', async () => {
      at('2026-11-23T03:00:00Z');
      for (const [who, method, url, body, status] of [
        [agent, 'GET', '/api/v1/calls?view=unassigned', undefined, 200],
        [agent, 'GET', '/api/v1/calls/policy', undefined, 200],
        [agent, 'GET', '/api/v1/calls/plan', undefined, 403],
        [agent, 'GET', '/api/v1/return-visit-rules', undefined, 403],
        [agent, 'GET', '/api/v1/analytics/return-visits', undefined, 403],
        [supervisor, 'PUT', '/api/v1/calls/policy', { quietStart: '22:00', quietEnd: '08:00', maxAttempts: 3, retrySpacingMinutes: [60] }, 403],
        [supervisor, 'GET', '/api/v1/calls/plan', undefined, 200],
        [supervisor, 'GET', '/api/v1/return-visit-rules', undefined, 200],
      ] as const) {
        const res = await call(method, url, body, who);
        assert.equal(res.statusCode, status, `${method} ${url}: ${res.body}`);
      }
      const plan = await ok(await call('GET', '/api/v1/calls/plan?from=2026-11-23T00:00:00Z&to=2026-12-01T00:00:00Z', undefined, supervisor));
      assert.ok(plan.days.length > 0 && plan.days.every((d: { byPurpose: Record<string, { due: number }> }) => Object.keys(d.byPurpose).length === 4));
      const times = plan.upcoming.map((t: Task) => t.nextAttemptAt);
      assert.deepEqual(times, [...times].sort(), 'the plan lists open calls in queue order');

      // The queue pages by (next attempt, priority, id): every open task once, in order.
      const seen: Task[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: Task[]; nextCursor: string | null } = await ok(await call('GET', `/api/v1/calls?view=all&limit=2${cursor ? `&cursor=${cursor}` : ''}`));
        seen.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      const all = (await ok(await call('GET', '/api/v1/calls?view=all&limit=200'))).items as Task[];
      assert.deepEqual(seen.map((t) => t.id), all.map((t) => t.id));
      assert.ok(all.every((t) => t.status === 'open' || t.status === 'in_progress'));
      assert.equal((await call('GET', '/api/v1/calls?cursor=bm90LWEta2V5')).statusCode, 400);
    });
  });
}
