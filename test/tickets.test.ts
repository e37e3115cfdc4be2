import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { allowedSamples } from './support/sample-files.js';
import { backends } from './support/databases.js';
import { signIn, testApp } from './support/app.js';

for (const backend of backends) {
  describe(`tickets (${backend})`, async () => {
    const app = await testApp({ backend });
    const agent = await signIn(app, 'li.na@walletdesk.local', 'agent-demo-2026');
    const supervisor = await signIn(app, 'supervisor@walletdesk.local', 'supervisor-demo-2026');
    const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, headers = agent.headers) => app.http.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    const visitor = async () => {
      const token = (await app.conversations.tokens.issueVisitor()).token;
      return {
        call: (method: 'GET' | 'POST', url: string, payload?: object) => app.http.inject({ method, url, headers: { 'x-customer-token': token }, ...(payload ? { payload } : {}) }),
        token,
      };
    };

    test('a customer files a request with the seeds of a good ticket; the amount stays in minor units and secrets are masked', async () => {
      const customer = await visitor();
      const upload = await app.http.inject({ method: 'POST', url: '/api/v1/widget/attachments?name=receipt.png', headers: { 'x-customer-token': customer.token, 'content-type': 'image/png' }, payload: allowedSamples['image/png'] });
      assert.equal(upload.statusCode, 201, upload.body);
      const created = await customer.call('POST', '/api/v1/widget/tickets', {
        category: 'top_up',
        description: '充值 500 元还没到账，我的支付密码是 839201，验证码 552901',
        transaction: { reference: 'TX-20261124-0042', amount: { amount: 50_000, currency: 'CNY' }, occurredAt: '2026-11-24T08:30:00Z', errorMessage: 'Processing' },
        fields: { top_up_method: 'bank_card', bank_name: '招商银行' },
        email: 'wang.fang@example.com',
        attachmentIds: [upload.json().id],
      });
      assert.equal(created.statusCode, 201, created.body);
      const mine = created.json();
      assert.match(mine.reference, /^WD-[0-9A-Z]{8}$/);
      assert.equal(mine.status, 'new');

      const detail = (await call('GET', `/api/v1/tickets/${mine.id}`)).json();
      assert.deepEqual(detail.ticket.transaction.amount, { amount: 50_000, currency: 'CNY' });
      assert.equal(detail.ticket.requesterEmail, 'wang.fang@example.com');
      assert.equal(detail.ticket.fields.top_up_method, 'bank_card');
      const first = detail.entries[0];
      assert.ok(!first.body.includes('839201') && !first.body.includes('552901'), first.body);
      assert.equal(first.attachments.length, 1);
      assert.equal(first.attachments[0].contentType, 'image/png');
      const file = await app.http.inject({ method: 'GET', url: first.attachments[0].url.replace(app.config.publicUrl, '') });
      assert.equal(file.statusCode, 200);

      // The same file cannot be claimed twice, nor by someone else.
      const other = await visitor();
      const stolen = await other.call('POST', '/api/v1/widget/tickets', { category: 'other', description: 'hello', attachmentIds: [upload.json().id] });
      assert.equal(stolen.statusCode, 404);
    });

    test("required custom fields bind the customer's form and are reported together", async () => {
      const customer = await visitor();
      const res = await customer.call('POST', '/api/v1/widget/tickets', { category: 'top_up', description: 'not arrived', fields: { top_up_method: 'pigeon', nonsense: 'x' } });
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().error.code, 'TICKET_FIELDS_INVALID');
      assert.deepEqual(Object.keys(res.json().error.details.fields).sort(), ['nonsense', 'top_up_method']);
    });

    test("customers see only their own tickets and public entries; a reply on a pending ticket reopens it", async () => {
      const customer = await visitor();
      const stranger = await visitor();
      const { id } = (await customer.call('POST', '/api/v1/widget/tickets', { category: 'refund', description: 'Refund from merchant missing', fields: { merchant: 'Coffee Co' } })).json();
      assert.equal((await stranger.call('GET', `/api/v1/widget/tickets/${id}`)).statusCode, 404);

      assert.equal((await call('POST', `/api/v1/tickets/${id}/notes`, { body: 'Finance says the merchant refunded late' })).statusCode, 201);
      const reply = await call('POST', `/api/v1/tickets/${id}/replies`, { body: 'Could you send the refund confirmation screen?', status: 'pending' });
      assert.equal(reply.statusCode, 201, reply.body);

      const list = (await customer.call('GET', '/api/v1/widget/tickets')).json().items;
      assert.equal(list[0].status, 'pending');
      assert.equal(list[0].unread, true);
      const seen = (await customer.call('GET', `/api/v1/widget/tickets/${id}`)).json();
      assert.ok(seen.entries.every((e: { kind: string }) => e.kind !== 'note'), 'notes stay internal');
      assert.ok(seen.entries.some((e: { body: string }) => e.body.includes('confirmation screen')));
      assert.equal((await customer.call('GET', '/api/v1/widget/tickets')).json().items[0].unread, false);

      assert.equal((await customer.call('POST', `/api/v1/widget/tickets/${id}/replies`, { body: 'Here it is' })).statusCode, 201);
      assert.equal((await call('GET', `/api/v1/tickets/${id}`)).json().ticket.status, 'open');
    });

    test('a chat becomes a ticket with its link and transcript, and the customer is told the reference in the chat', async () => {
      const customer = await visitor();
      const conversation = (await customer.call('POST', '/api/v1/widget/conversations', { channel: 'web', language: 'en' })).json();
      await customer.call('POST', `/api/v1/widget/conversations/${conversation.id}/messages`, { clientId: 'c1', text: 'My withdrawal has been pending for 3 days, my password is Hunter2!pass' });
      const res = await call('POST', `/api/v1/conversations/${conversation.id}/ticket`, { subject: 'Withdrawal pending 3 days', note: 'Bank trace requested' });
      assert.equal(res.statusCode, 201, res.body);
      const ticket = res.json();
      assert.equal(ticket.conversationId, conversation.id);
      assert.equal(ticket.channel, 'chat');

      const detail = (await call('GET', `/api/v1/tickets/${ticket.id}`)).json();
      const transcript = detail.entries[0];
      assert.equal(transcript.kind, 'note');
      assert.match(transcript.body, /withdrawal has been pending/);
      assert.ok(!transcript.body.includes('Hunter2'), 'the transcript carries masked text only');
      assert.ok(detail.entries.some((e: { body: string }) => e.body === 'Bank trace requested'));

      const history = (await customer.call('GET', `/api/v1/widget/conversations/${conversation.id}/messages?afterSeq=0`)).json().items as { text: string }[];
      assert.ok(history.some((m) => m.text.includes(ticket.reference)), 'the chat says which request was opened');
      const mine = (await customer.call('GET', '/api/v1/widget/tickets')).json().items;
      assert.equal(mine[0].id, ticket.id);
    });

    test('a complaint cannot be solved before a supervisor approved its outcome; the review is recorded', async () => {
      const customer = await visitor();
      const { id } = (await customer.call('POST', '/api/v1/widget/tickets', { category: 'complaint', description: 'Charged twice and nobody answered for a week', fields: { expected_resolution: 'refund' } })).json();
      const fresh = (await call('GET', `/api/v1/tickets/${id}`)).json().ticket;
      assert.equal(fresh.type, 'complaint');
      assert.equal(fresh.priority, 'high', 'complaints start above normal');

      assert.equal((await call('POST', `/api/v1/tickets/${id}/acknowledge`)).json().complaint.acknowledgedAt !== null, true);
      const early = await call('PATCH', `/api/v1/tickets/${id}`, { status: 'solved' });
      assert.equal(early.statusCode, 409);
      assert.equal(early.json().error.code, 'COMPLAINT_REVIEW_REQUIRED');
      const byReply = await call('POST', `/api/v1/tickets/${id}/replies`, { body: 'Refunded.', status: 'solved' });
      assert.equal(byReply.json().error.code, 'COMPLAINT_REVIEW_REQUIRED');
      assert.ok(!(await call('GET', `/api/v1/tickets/${id}`)).json().entries.some((e: { body: string }) => e.body === 'Refunded.'), 'a refused reply writes nothing');

      assert.equal((await call('POST', `/api/v1/tickets/${id}/review`, { decision: 'approve', note: 'ok' })).statusCode, 403, 'agents cannot review');
      assert.equal((await call('POST', `/api/v1/tickets/${id}/review`, { decision: 'approve', note: 'ok', outcome: { code: 'refund', summary: 'x' } }, supervisor.headers)).json().error.code, 'COMPLAINT_REVIEW_NOT_REQUESTED');
      assert.equal((await call('POST', `/api/v1/tickets/${id}/review-request`, { note: 'Refund of the duplicate charge proposed' })).json().complaint.reviewStatus, 'requested');
      const approved = await call('POST', `/api/v1/tickets/${id}/review`, { decision: 'approve', note: 'Refund approved', outcome: { code: 'refund', summary: 'Duplicate charge refunded', compensation: { amount: 1000, currency: 'CNY' } } }, supervisor.headers);
      assert.equal(approved.statusCode, 200, approved.body);
      assert.deepEqual(approved.json().complaint.outcome, { code: 'refund', summary: 'Duplicate charge refunded', compensation: { amount: 1000, currency: 'CNY' } });

      const solved = await call('PATCH', `/api/v1/tickets/${id}`, { status: 'solved' });
      assert.equal(solved.statusCode, 200, solved.body);
      assert.equal(solved.json().status, 'solved');
      const audit = (await call('GET', `/api/v1/audit-events?action=ticket.review`, undefined, (await signIn(app, 'admin@walletdesk.local', 'admin-demo-2026')).headers)).json();
      assert.ok(audit.items.some((a: { targetId: string }) => a.targetId === id));
    });

    test('a duplicate merges into the ticket that stays: closed, pointing there, its request copied as a note, replies by the customer refused there', async () => {
      const customer = await visitor();
      const keep = (await customer.call('POST', '/api/v1/widget/tickets', { category: 'transfer', description: 'Transfer stuck', fields: { recipient: '138****0000' } })).json();
      const dup = (await customer.call('POST', '/api/v1/widget/tickets', { category: 'transfer', description: 'Transfer still stuck, second try', fields: { recipient: '138****0000' } })).json();
      const other = (await (await visitor()).call('POST', '/api/v1/widget/tickets', { category: 'other', description: 'unrelated' })).json();
      assert.equal((await call('POST', `/api/v1/tickets/${dup.id}/merge`, { intoId: other.id })).json().error.code, 'TICKET_MERGE_INVALID', "another customer's ticket is not a duplicate");

      const merged = await call('POST', `/api/v1/tickets/${dup.id}/merge`, { intoId: keep.id });
      assert.equal(merged.statusCode, 200, merged.body);
      const source = (await call('GET', `/api/v1/tickets/${dup.id}`)).json();
      assert.equal(source.ticket.status, 'closed');
      assert.equal(source.ticket.mergedIntoId, keep.id);
      assert.deepEqual(source.links.map((l: { kind: string }) => l.kind), ['merged_into']);
      const target = (await call('GET', `/api/v1/tickets/${keep.id}`)).json();
      assert.ok(target.entries.some((e: { kind: string; body: string }) => e.kind === 'note' && e.body.includes('second try')));
      assert.deepEqual(target.links.map((l: { ticketId: string; kind: string }) => [l.ticketId, l.kind]), [[dup.id, 'merged_from']]);
      assert.equal((await call('POST', `/api/v1/tickets/${dup.id}/merge`, { intoId: keep.id })).json().error.code, 'TICKET_MERGED');
      assert.equal((await customer.call('POST', `/api/v1/widget/tickets/${dup.id}/replies`, { body: 'hello?' })).json().error.code, 'TICKET_MERGED');
      assert.ok(!(await customer.call('GET', '/api/v1/widget/tickets')).json().items.some((t: { id: string }) => t.id === dup.id), 'a merged duplicate leaves the customer list');
    });

    test('related tickets list each other; links come off again', async () => {
      const a = (await call('POST', '/api/v1/tickets', { category: 'scam', description: 'Caller claimed to be support', email: 'li@example.com' })).json();
      const b = (await call('POST', '/api/v1/tickets', { category: 'scam', description: 'Same caller number', email: 'zhao@example.com' })).json();
      assert.equal((await call('POST', `/api/v1/tickets/${a.id}/links`, { relatedId: b.id })).statusCode, 204);
      assert.deepEqual((await call('GET', `/api/v1/tickets/${b.id}`)).json().links.map((l: { ticketId: string }) => l.ticketId), [a.id]);
      assert.equal((await call('DELETE', `/api/v1/tickets/${b.id}/links/${a.id}`)).statusCode, 204);
      assert.deepEqual((await call('GET', `/api/v1/tickets/${a.id}`)).json().links, []);
    });

    test("staff replies go through the guard: asking for a code is refused and audited; status rules hold", async () => {
      const t = (await call('POST', '/api/v1/tickets', { category: 'login', description: 'Cannot log in', email: 'qian@example.com' })).json();
      const refused = await call('POST', `/api/v1/tickets/${t.id}/replies`, { body: 'Please send me the verification code you received by SMS' });
      assert.equal(refused.statusCode, 422);
      assert.equal(refused.json().error.code, 'AGENT_MESSAGE_REFUSED');
      assert.equal((await call('PATCH', `/api/v1/tickets/${t.id}`, { status: 'closed' })).json().error.code, 'TICKET_STATUS_INVALID', 'a new ticket is solved before it is closed');
      assert.equal((await call('PATCH', `/api/v1/tickets/${t.id}`, { status: 'solved' })).statusCode, 200);
      assert.equal((await call('PATCH', `/api/v1/tickets/${t.id}`, { status: 'closed' })).statusCode, 200);
      assert.equal((await call('POST', `/api/v1/tickets/${t.id}/replies`, { body: 'one more thing' })).json().error.code, 'TICKET_CLOSED');
    });

    test('the queue filters by view, status, type and reference, with cursor paging', async () => {
      const me = (await call('GET', '/api/v1/me')).json().agent.id;
      const mine = (await call('POST', '/api/v1/tickets', { category: 'fees', description: 'Fee question', email: 'sun@example.com', assigneeId: me })).json();
      assert.equal(mine.status, 'open', 'an assigned ticket is in work');
      const listed = (await call('GET', '/api/v1/tickets?view=mine')).json().items.map((t: { id: string }) => t.id);
      assert.ok(listed.includes(mine.id));
      assert.equal((await call('GET', `/api/v1/tickets?q=${mine.reference}`)).json().items[0].id, mine.id);
      assert.ok((await call('GET', '/api/v1/tickets?type=complaint')).json().items.every((t: { type: string }) => t.type === 'complaint'));
      const page1 = (await call('GET', '/api/v1/tickets?view=all&limit=2')).json();
      assert.equal(page1.items.length, 2);
      const page2 = (await call('GET', `/api/v1/tickets?view=all&limit=2&cursor=${page1.nextCursor}`)).json();
      assert.ok(page2.items.every((t: { id: string }) => !page1.items.some((p: { id: string }) => p.id === t.id)));
      assert.equal((await call('GET', '/api/v1/tickets?cursor=zzz')).statusCode, 400);
    });
  });
}
