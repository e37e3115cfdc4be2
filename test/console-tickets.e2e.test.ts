// Tickets in the staff console, in a real browser: an agent turns a chat into a ticket from the
// conversation view, writes an internal note and a public reply that sets it pending (with a file,
// and a refused reply first); a complaint cannot be solved before review, a supervisor told of the
// request approves it with an outcome and compensation, then it can be solved; a duplicate is
// merged into another ticket of the same customer; an admin tunes an SLA policy. The rules the
// screens rely on (money typed as "12.34", references, event texts) are checked first, without a
// browser.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { en } from '../web/console/src/i18n/en.js';
import { zhCN } from '../web/console/src/i18n/zh-CN.js';
import { eventText, noticeText } from '../web/console/src/tickets/events.js';
import { formatMinor, normalizeReference, parseMinor, statusChoices } from '../web/console/src/tickets/rules.js';
import { signIn, testApp } from './support/app.js';
import { suiteBrowser } from './support/browser.js';
import { newStaffContext, openAssignment, setPresence, shootBoth, signInToConsole, waitForTimelineMessage } from './support/console-page.js';
import { allowedSamples } from './support/sample-files.js';
import { demoCustomerToken, horizontalOverflow, screenshot, viewports } from './support/widget-page.js';
import { openSocket } from './support/ws.js';

const wait = { timeout: 15_000 };

describe('ticket rules in the console', () => {
  test('money typed as "12.34" becomes minor units by string arithmetic, never through a float', () => {
    assert.equal(parseMinor('12.34'), 1234);
    // 0.29 * 100 is 28.999999999999996 in floating point: the string path cannot get it wrong.
    assert.equal(parseMinor('0.29'), 29);
    assert.equal(parseMinor('1,234.5'), 123450);
    assert.equal(parseMinor(' 7 '), 700);
    assert.equal(parseMinor('19.999'), null, 'a third decimal is refused, not rounded');
    for (const bad of ['', '-1', '1e3', 'abc', '1.2.3', '.5']) assert.equal(parseMinor(bad), null, bad);
    assert.equal(formatMinor(1234), '12.34');
    assert.equal(formatMinor(5), '0.05');
    assert.equal(parseMinor(formatMinor(100_000_007)), 100_000_007);
  });

  test('references are found however they are typed; status choices follow the ticket rules', () => {
    assert.equal(normalizeReference(' #wd-ab12cd34 '), 'WD-AB12CD34');
    assert.equal(normalizeReference('ab12cd34'), 'WD-AB12CD34');
    assert.equal(normalizeReference('WD-AB12CD3I'), null, 'I is not in the alphabet');
    assert.equal(normalizeReference('refund delay'), null);
    assert.deepEqual(statusChoices('solved'), ['solved', 'open', 'closed']);
    assert.deepEqual(statusChoices('closed'), ['closed']);
  });

  test('timeline events and pushes read in both languages', () => {
    const names = { agentName: (id: string) => (id === 'a1' ? '李娜' : undefined), teamName: () => 'Payments' };
    assert.equal(eventText({ event: 'status_changed', from: 'open', to: 'pending' }, zhCN, names), '状态：处理中 → 待客户回复');
    assert.equal(eventText({ event: 'status_changed', from: 'open', to: 'pending' }, en, names), 'Status: Open → Pending');
    assert.equal(eventText({ event: 'assigned', agentId: 'a1', teamId: 't1' }, en, names), 'Assigned to 李娜 · Payments');
    assert.equal(eventText({ event: 'assigned', agentId: null, teamId: null }, en, names), 'Unassigned');
    assert.equal(eventText({ event: 'reviewed', decision: 'rejected' }, zhCN, names), '主管驳回了处理结果');
    assert.equal(eventText({ event: 'something_new' }, en, names), 'Event: something_new');
    assert.equal(noticeText({ type: 'ticket.sla_breached', ticketId: 'x', reference: 'WD-AB12CD34', metric: 'first_response' }, zhCN), '工单 WD-AB12CD34 SLA 超时：首次响应');
    assert.equal(noticeText({ type: 'message' }, en), null);
  });
});

describe('tickets in the staff console (headless Chromium)', async () => {
  const app = await testApp();
  const base = await app.listen();
  const browser = await suiteBrowser();
  const wsUrl = `${base.replace(/^http/, 'ws')}/api/v1/realtime`;
  const admin = await signIn(app, 'admin@walletdesk.local', 'admin-demo-2026');
  const asAdmin = async <T = Record<string, unknown>>(method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object): Promise<T> => {
    const res = await app.http.inject({ method, url, headers: admin.headers, ...(payload ? { payload } : {}) });
    assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json() as T;
  };
  const ticketDetail = (id: string) => asAdmin<{ ticket: { contactId: string; status: string; priority: string; fields: Record<string, unknown>; mergedIntoId: string | null; complaint: Record<string, unknown> }; entries: { kind: string; body: string; attachments: { name: string }[] }[]; links: { ticketId: string; kind: string }[] }>('GET', `/api/v1/tickets/${id}`);


  /** Waits until the console shows this ticket (or, without an id, any ticket) and returns its id. */
  async function openedTicket(page: Page, id?: string): Promise<string> {
    // The console routes with pushState, which waitForURL does not see as a navigation: read the location.
    const path = id ? `/console/tickets/${id}` : null;
    await page.waitForFunction(path ? `location.pathname === ${JSON.stringify(path)}` : '/^\\/console\\/tickets\\/[0-9a-f-]{36}$/.test(location.pathname)', undefined, wait);
    await page.locator(`[data-testid=ticket]${id ? `[data-ticket-id="${id}"]` : ''}`).waitFor(wait);
    return page.url().split('/').pop()!;
  }

  /** Resolves when a console page of this context has said hello on its socket, so pushes reach it. */
  const socketReady = (context: BrowserContext) =>
    new Promise<void>((resolve) =>
      context.on('page', (page) => page.on('websocket', (ws) => ws.on('framereceived', (f) => String(f.payload).includes('"agent.ready"') && resolve()))),
    );

  const entry = (page: Page, kind: 'reply' | 'note' | 'event', text: string | RegExp) => page.locator(`[data-testid=ticket-timeline] li[data-kind=${kind}]`).filter({ hasText: text }).last();
  const ticketStatus = (page: Page, status: string) => page.locator(`[data-testid=ticket][data-ticket-status=${status}]`).waitFor(wait);

  let contactId = '';
  let customerToken = '';

  test('an agent turns a chat into a ticket, adds an internal note, and replies publicly with a file, setting it pending', async () => {
    const context = await newStaffContext(browser, { viewport: 'desktop', locale: 'zh-CN' });
    try {
      const page = await signInToConsole(context, base, 'li.na@walletdesk.local', 'agent-demo-2026');
      await setPresence(page, 'online');

      customerToken = await demoCustomerToken(base, 'demo-alice');
      const ws = await openSocket(wsUrl);
      const ready = await ws.request({ type: 'auth', token: customerToken, language: 'zh-CN' });
      const conversationId = (ready.conversation as { id: string }).id;
      await ws.request({ type: 'send', clientId: 'c-1', text: '我昨天充值的 500 元还没到账' });
      await ws.request({ type: 'handover', category: 'top_up' });
      await ws.next((f) => f.type === 'assigned');
      assert.equal(await openAssignment(page), conversationId);
      await waitForTimelineMessage(page, 'customer', '还没到账');

      // 转工单 from the conversation view: the ticket opens with the chat transcript as an internal entry.
      await page.getByRole('button', { name: '转工单' }).click();
      const form = page.getByRole('form', { name: '将此会话转为工单' });
      await form.getByLabel('标题（可选）').fill('充值 500 元未到账，需财务核查');
      await form.getByLabel('优先级').selectOption('high');
      await form.getByLabel('内部备注（可选）').fill('客户提供了银行扣款截图');
      await form.getByRole('button', { name: '创建并打开' }).click();
      const ticketId = await openedTicket(page);
      const reference = (await page.getByTestId('ticket-reference').textContent())!.trim();
      assert.match(reference, /^WD-[0-9A-HJKMNP-TV-Z]{8}$/);
      await entry(page, 'note', '我昨天充值的 500 元还没到账').waitFor(wait);
      await entry(page, 'note', '客户提供了银行扣款截图').waitFor(wait);
      // The customer is told the reference in the chat.
      const told = await ws.next((f) => f.type === 'message' && String((f.message as { text: string }).text).includes(reference));
      assert.equal((told.message as { author: string }).author, 'bot');

      // An internal note, marked as such and never shown to the customer.
      const reply = page.getByTestId('ticket-reply');
      await reply.getByLabel('内部备注', { exact: true }).check();
      await page.getByTestId('ticket-composer').fill('已提交财务核查，预计明天有结果');
      await reply.getByRole('button', { name: '添加备注' }).click();
      await entry(page, 'note', '已提交财务核查').waitFor(wait);

      // A reply asking for a code is refused by the guard, with the reason, and the text stays.
      await reply.getByLabel('公开回复', { exact: true }).check();
      await page.getByTestId('ticket-composer').fill('请把短信验证码发给我，我帮您查询');
      await reply.getByRole('button', { name: '发送回复' }).click();
      const refusal = page.getByTestId('guard-refusal');
      await refusal.waitFor(wait);
      assert.match((await refusal.textContent()) ?? '', /未发送.*验证码/);
      assert.equal(await page.getByTestId('ticket-composer').inputValue(), '请把短信验证码发给我，我帮您查询');

      // The public reply, with a file, moves the ticket to pending (waiting on the customer).
      await page.getByTestId('ticket-composer').fill('您好，我们已联系银行核查，请提供扣款短信的截图（请遮住卡号）。');
      await reply.locator('input[type=file]').setInputFiles({ name: 'bank-receipt.png', mimeType: 'image/png', buffer: allowedSamples['image/png'] });
      await reply.getByText('bank-receipt.png').waitFor(wait);
      await page.getByTestId('reply-status').selectOption('pending');
      await reply.getByRole('button', { name: '发送回复' }).click();
      const sent = entry(page, 'reply', '我们已联系银行核查');
      await sent.waitFor(wait);
      assert.equal(await sent.getAttribute('data-author'), 'agent');
      assert.match((await sent.getByRole('link', { name: 'bank-receipt.png' }).getAttribute('href')) ?? '', /\/api\/v1\/attachments\//);
      await ticketStatus(page, 'pending');
      await entry(page, 'event', '状态：处理中 → 待客户回复').waitFor(wait);
      await shootBoth(page, 'console-ticket');

      // The questions of the issue type (top-up): a choice and a text, saved on the ticket.
      const fields = page.getByTestId('ticket-fields');
      await fields.getByRole('combobox', { name: /^充值方式/ }).selectOption('bank_card');
      await fields.getByLabel('银行名称').fill('招商银行');
      const patched = page.waitForResponse((r) => r.url().endsWith(`/api/v1/tickets/${ticketId}`) && r.request().method() === 'PATCH');
      await fields.getByRole('button', { name: '保存详细信息' }).click();
      assert.equal((await patched).status(), 200);

      const stored = await ticketDetail(ticketId);
      assert.equal(stored.ticket.status, 'pending');
      assert.deepEqual(stored.ticket.fields, { top_up_method: 'bank_card', bank_name: '招商银行' });
      assert.deepEqual(stored.entries.filter((e) => e.kind === 'reply').map((e) => e.attachments.map((a) => a.name)), [['bank-receipt.png']]);
      // The customer's view of the ticket has the reply but none of the notes.
      const mine = await app.http.inject({ method: 'GET', url: `/api/v1/widget/tickets/${ticketId}`, headers: { 'x-customer-token': customerToken } });
      const bodies = (mine.json() as { entries: { body: string }[] }).entries.map((e) => e.body).join('\n');
      assert.match(bodies, /我们已联系银行核查/);
      assert.doesNotMatch(bodies, /财务核查|扣款截图/);
      contactId = stored.ticket.contactId;
    } finally {
      await context.close();
    }
  });

  test('a complaint cannot be solved before review; the supervisor, told of the request, approves an outcome; then it is solved', async () => {
    const agentContext = await newStaffContext(browser, { viewport: 'desktop', locale: 'en' });
    const supervisorContext = await newStaffContext(browser, { viewport: 'desktop', locale: 'en' });
    try {
      const ready = Promise.all([socketReady(agentContext), socketReady(supervisorContext)]);
      const agent = await signInToConsole(agentContext, base, 'li.na@walletdesk.local', 'agent-demo-2026');
      const supervisor = await signInToConsole(supervisorContext, base, 'supervisor@walletdesk.local', 'supervisor-demo-2026');
      await ready;
      await supervisor.getByRole('link', { name: 'Tickets' }).click();
      await supervisor.getByTestId('ticket-list').waitFor(wait);
      const me = await app.http.inject({ method: 'GET', url: '/api/v1/me', headers: (await signIn(app, 'li.na@walletdesk.local', 'agent-demo-2026')).headers });
      const agentId = (me.json() as { agent: { id: string } }).agent.id;

      // A complaint filed for the customer and given to the agent: she is told in the console.
      const complaint = await asAdmin<{ id: string; reference: string }>('POST', '/api/v1/tickets', {
        type: 'complaint', category: 'complaint', subject: 'Charged twice for one top-up', description: 'I was charged twice for the same top-up and nobody answers.', contactId, assigneeId: agentId,
        transaction: { reference: 'TX-20261124-0042', amount: { amount: 50000, currency: 'CNY' } },
      });
      const toast = agent.getByTestId('ticket-toast').filter({ hasText: complaint.reference });
      await toast.waitFor(wait);
      assert.match((await toast.textContent()) ?? '', /assigned to you: Charged twice/);
      await toast.getByRole('link').click();
      await openedTicket(agent, complaint.id);
      assert.equal(await agent.getByTestId('ticket-toast').count(), 0, 'opening the ticket clears its notice');

      const panel = agent.getByTestId('complaint-panel');
      await panel.getByRole('button', { name: 'Acknowledge receipt' }).click();
      await panel.getByText(/^Acknowledged /).waitFor(wait);

      // Solving before a supervisor approved is refused, with the server's localized reason.
      await agent.getByTestId('ticket-status').selectOption('solved');
      const refused = agent.getByTestId('ticket-error');
      await refused.waitFor(wait);
      assert.equal(await refused.textContent(), 'A complaint can be solved only after a supervisor approved its outcome.');
      assert.equal(await agent.getByTestId('ticket-status').inputValue(), 'open');
      assert.notEqual((await ticketDetail(complaint.id)).ticket.status, 'solved');

      await panel.getByLabel('What you propose (for the reviewer)').fill('Refund the second charge of 500.00 and apologise.');
      await panel.getByRole('button', { name: 'Request review' }).click();
      await panel.getByTestId('review-status').filter({ hasText: 'Waiting for a supervisor' }).waitFor(wait);
      assert.equal(await panel.getByTestId('review-form').count(), 0, 'agents cannot review');

      // The supervisor is told, opens it and approves with an outcome and compensation typed as money.
      const ask = supervisor.getByTestId('ticket-toast').filter({ hasText: `Complaint ${complaint.reference} waits for your review` });
      await ask.waitFor(wait);
      await ask.getByRole('link').click();
      await openedTicket(supervisor, complaint.id);
      const review = supervisor.getByTestId('review-form');
      await review.getByLabel('Review note').fill('Duplicate charge confirmed by finance.');
      await review.getByRole('combobox', { name: /^Outcome/ }).selectOption('partially_upheld');
      await review.getByLabel('Outcome summary').fill('Second charge refunded; fee waived.');
      await review.getByLabel('Compensation (optional, e.g. 12.34)').fill('12.3');
      await review.getByRole('button', { name: 'Record decision' }).click();
      const supervisorPanel = supervisor.getByTestId('complaint-panel');
      await supervisorPanel.getByTestId('review-status').filter({ hasText: 'Approved' }).waitFor(wait);
      await supervisorPanel.getByText('Partly upheld').waitFor(wait);
      await supervisorPanel.getByText(/12\.30/).waitFor(wait);
      await shootBoth(supervisor, 'console-ticket-complaint');
      const outcome = (await ticketDetail(complaint.id)).ticket.complaint.outcome as { code: string; compensation: { amount: number; currency: string } };
      assert.deepEqual([outcome.code, outcome.compensation], ['partially_upheld', { amount: 1230, currency: 'CNY' }]);

      // Now the agent can solve it, after one step up the escalation path (priority raised).
      await agent.reload();
      await agent.getByTestId('complaint-panel').getByTestId('review-status').filter({ hasText: 'Approved' }).waitFor(wait);
      await panel.getByLabel('Why (optional)').fill('Customer threatens to go to the regulator');
      await panel.getByRole('button', { name: 'Escalate' }).click();
      await panel.getByText('Escalation level 1').waitFor(wait);
      await entry(agent, 'event', 'Escalated to level 1').filter({ hasText: 'regulator' }).waitFor(wait);
      assert.equal((await ticketDetail(complaint.id)).ticket.priority, 'urgent');
      await agent.getByTestId('ticket-status').selectOption('solved');
      await ticketStatus(agent, 'solved');
      assert.equal((await ticketDetail(complaint.id)).ticket.status, 'solved');
    } finally {
      await agentContext.close();
      await supervisorContext.close();
    }
  });

  test('a duplicate is found in the queue, linked tickets come and go, and the duplicate is merged into the ticket kept', async () => {
    const file = (subject: string) => asAdmin<{ id: string; reference: string }>('POST', '/api/v1/tickets', { category: 'refund', subject, description: `${subject}: merchant order 7781`, contactId });
    const kept = await file('Refund for cancelled order 7781');
    const duplicate = await file('Where is my refund? (order 7781)');
    const other = await file('Question about withdrawal limits');

    const context = await newStaffContext(browser, { viewport: 'desktop', locale: 'zh-CN' });
    try {
      const page = await signInToConsole(context, base, 'supervisor@walletdesk.local', 'supervisor-demo-2026');
      await page.getByRole('link', { name: '工单' }).click();
      await page.getByRole('tab', { name: '全部' }).click();
      await page.getByTestId('ticket-search').fill(duplicate.reference.toLowerCase());
      const row = page.locator(`[data-testid=ticket-list] a[data-ticket-id="${duplicate.id}"]`);
      await row.waitFor(wait);
      await page.waitForFunction(`document.querySelectorAll('[data-testid=ticket-list] a[data-ticket-id]').length === 1`, undefined, wait);
      await row.click();
      await openedTicket(page, duplicate.id);

      // Related by reference, typed loosely; then unlinked.
      const links = page.getByTestId('link-picker');
      await links.getByRole('searchbox').fill(other.reference.slice(3).toLowerCase());
      await links.getByRole('button', { name: '查找' }).click();
      await links.locator(`li[data-ticket-id="${other.id}"]`).getByRole('button', { name: '关联' }).click();
      const related = page.getByTestId('ticket-links').locator('li[data-link-kind=related]').filter({ hasText: other.reference });
      await related.waitFor(wait);
      assert.deepEqual((await ticketDetail(other.id)).links.map((l) => [l.ticketId, l.kind]), [[duplicate.id, 'related']], 'both sides list the relation');
      await related.getByRole('button', { name: '取消关联' }).click();
      await related.waitFor({ state: 'detached', ...wait });

      // Merge: the customer's other open tickets are offered; a confirmation says what happens.
      const merge = page.getByTestId('merge-picker');
      await merge.locator(`li[data-ticket-id="${kept.id}"]`).getByRole('button', { name: '合并到这个工单' }).click();
      const dialog = page.getByRole('alertdialog', { name: '确定合并这个工单？' });
      await dialog.getByText(`${duplicate.reference} 将被关闭并合并到 ${kept.reference}`).waitFor(wait);
      await shootBoth(page, 'console-ticket-merge');
      await dialog.getByRole('button', { name: '合并' }).click();

      await openedTicket(page, kept.id);
      await page.getByTestId('ticket-links').locator('li[data-link-kind=merged_from]').filter({ hasText: duplicate.reference }).waitFor(wait);
      await entry(page, 'note', 'Where is my refund?').waitFor(wait);
      await page.getByText(`被合并工单 ${duplicate.reference} 的原始请求`).waitFor(wait);
      const source = await ticketDetail(duplicate.id);
      assert.deepEqual([source.ticket.status, source.ticket.mergedIntoId], ['closed', kept.id]);

      // The duplicate, opened by the link form e-mails carry, says where it went and takes no more replies.
      await page.goto(`${base}/console/tickets/${duplicate.id}`);
      await openedTicket(page, duplicate.id);
      await page.getByText(`已合并到 ${kept.reference}，请在那里继续处理。`).waitFor(wait);
      assert.equal(await page.getByTestId('ticket-reply').count(), 0);
      assert.equal(await page.getByTestId('ticket-status').isDisabled(), true);
    } finally {
      await context.close();
    }
  });

  test('an admin tunes an SLA policy; the queue opens on a phone', async () => {
    const context = await newStaffContext(browser, { viewport: 'desktop', locale: 'en' });
    try {
      const page = await signInToConsole(context, base, 'admin@walletdesk.local', 'admin-demo-2026');
      await page.getByRole('link', { name: 'Admin' }).click();
      await page.getByRole('link', { name: 'SLA policies' }).click();
      const row = page.locator('[data-testid=sla-policies] tr[data-policy="complaint:high"]');
      await row.getByRole('button', { name: 'Edit' }).click();
      await page.getByLabel('First response (business minutes)').fill('45');
      await page.getByLabel('Raise priority').uncheck();
      const saved = page.waitForResponse((r) => /\/api\/v1\/sla-policies\/[^/]+$/.test(r.url()) && r.request().method() === 'PUT');
      await page.getByRole('button', { name: 'Save' }).click();
      const policy = await (await saved).json();
      assert.equal(policy.firstResponseMinutes, 45);
      assert.deepEqual(policy.breachActions, ['notify']);
      await row.getByRole('cell', { name: '45', exact: true }).waitFor(wait);
      await page.getByRole('heading', { name: 'SLA policies' }).scrollIntoViewIfNeeded();
      await shootBoth(page, 'console-admin-sla');

      await page.setViewportSize(viewports.phone);
      await page.getByRole('link', { name: 'Tickets' }).click();
      await page.getByRole('tab', { name: 'All' }).click();
      await page.locator('[data-testid=ticket-list] a[data-ticket-id]').first().waitFor(wait);
      await screenshot(page, 'console-tickets-phone');
      assert.ok((await horizontalOverflow(page)) <= 0, 'the ticket queue scrolls sideways on a phone');
    } finally {
      await context.close();
    }
  });
});
