// Requests (工单) in the chat widget, in headless Chromium: a customer files a request with a
// screenshot and an amount (the form shows the server's verdict on a missing field next to it),
// finds it in "My requests", an agent answers through the REST API and the widget marks it unread
// live; the customer opens it, answers, and it is back in progress. Then, in English on a phone,
// the after-hours "leave a request" choice opens the same form.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { signIn, testApp } from './support/app.js';
import { suiteBrowser } from './support/browser.js';
import { allowedSamples } from './support/sample-files.js';
import { askForHuman, demoCustomerToken, horizontalOverflow, newCustomerContext, openChatPage, openDemoWallet, openWidget, screenshot } from './support/widget-page.js';
import { toMinorUnits } from '../web/widget/src/tickets/money.js';
import { upsertTicket, type CustomerTicket } from '../web/widget/src/tickets/tickets.js';

describe('amounts typed in the request form', () => {
  test('become integer minor units by moving digits, never through a float', () => {
    assert.equal(toMinorUnits('123.45'), 12345);
    assert.equal(toMinorUnits('0.29'), 29); // 0.29 * 100 is 28.999999999999996 as a float
    assert.equal(toMinorUnits('1,000'), 100000);
    assert.equal(toMinorUnits(' 12.5 '), 1250);
    assert.equal(toMinorUnits('.5'), 50);
    assert.equal(toMinorUnits('１２３．４５'), 12345, 'full-width digits from a Chinese keyboard');
    assert.equal(toMinorUnits('90071992547409.92'), null, 'beyond what an integer holds exactly');
    for (const bad of ['', '12.345', '-5', '1e3', 'abc', '1.2.3', '.', '12.']) assert.equal(toMinorUnits(bad), null, bad);
  });
});

describe('the request list', () => {
  const ticket = (id: string, updatedAt: string, unread = false): CustomerTicket => ({ id, reference: `WD-${id}`, type: 'request', category: 'other', subject: id, status: 'open', createdAt: '2026-11-01T00:00:00.000Z', updatedAt, unread });

  test('keeps the most recent activity first and never lets an older copy replace a newer one', () => {
    let items = [ticket('a', '2026-11-02T00:00:00.000Z'), ticket('b', '2026-11-01T00:00:00.000Z')];
    items = upsertTicket(items, ticket('b', '2026-11-03T00:00:00.000Z', true));
    assert.deepEqual(items.map((t) => t.id), ['b', 'a']);
    items = upsertTicket(items, ticket('b', '2026-11-01T00:00:00.000Z'));
    assert.equal(items[0]!.unread, true, 'a stale fetch does not undo a push');
    items = upsertTicket(items, ticket('b', '2026-11-03T00:00:00.000Z', false));
    assert.equal(items[0]!.unread, false, 'opening it clears the mark at the same updatedAt');
  });
});

describe('requests in the chat widget, headless Chromium', async () => {
  const app = await testApp();
  const base = await app.listen();
  const browser = await suiteBrowser();
  const lina = await signIn(app, 'li.na@walletdesk.local', 'agent-demo-2026');
  const requestsButton = (chat: FrameLocator | Page, name: string | RegExp) => chat.locator('.wd-requests-button').and(chat.getByRole('button', { name }));

  test('a customer files a request with a screenshot and an amount, gets a live answer marked unread, replies, and it is back in progress', async () => {
    const context = await newCustomerContext(browser, { viewport: 'desktop', locale: 'zh-CN' });
    try {
      const page = await openDemoWallet(context, base, { customer: 'demo-chen', lang: 'zh-CN' });
      const chat = await openWidget(page);
      await requestsButton(chat, '我的工单').click();
      await chat.getByText('您还没有工单').waitFor();
      await chat.getByRole('button', { name: '提交工单' }).click();

      // The issue type brings its own questions (a required one among them) from the server.
      await chat.getByLabel('问题类型').selectOption({ label: '充值未到账' });
      await chat.getByLabel('充值方式 *').waitFor();
      await chat.getByLabel('问题描述').fill('昨天银行卡充值，钱已经扣了但钱包余额没有增加。');
      await chat.getByLabel('交易单号或订单号').fill('T-2026-0001');
      await chat.getByLabel('金额').fill('123.45');
      await chat.getByLabel('发生时间').fill('2026-11-24T21:30');
      await chat.getByLabel('App 显示的错误提示').fill('充值处理中，请稍后查看');
      await chat.getByLabel('截图或 PDF（最多 10 个）').setInputFiles({ name: 'bank-sms.png', mimeType: 'image/png', buffer: allowedSamples['image/png'] });
      await chat.locator('.wd-picked img[alt="bank-sms.png"]').waitFor();
      await chat.getByLabel('问题类型').focus();
      await screenshot(page, 'widget-request-form');

      // Three decimals: refused in the browser, next to the amount.
      await chat.getByLabel('金额').fill('123.456');
      await chat.getByRole('button', { name: '提交工单' }).click();
      await chat.locator('.wd-field', { has: chat.getByLabel('金额') }).getByText('最多两位小数').waitFor();
      assert.equal(await chat.getByLabel('金额').getAttribute('aria-invalid'), 'true');
      await chat.getByLabel('金额').fill('123.45');
      // The required top-up method is left out: the server's refusal lands next to it.
      await chat.getByRole('button', { name: '提交工单' }).click();
      await chat.locator('.wd-field', { has: chat.getByLabel('充值方式 *') }).getByText('请填写此项').waitFor();
      assert.equal(await app.db.query('select 1 from tickets').then((r) => r.length), 0, 'nothing was filed yet');
      await chat.getByLabel('充值方式 *').selectOption({ label: '银行卡' });
      assert.equal(await chat.locator('.wd-field-error', { hasText: '请填写此项' }).count(), 0, 'answering the question takes its complaint away');
      await chat.getByRole('button', { name: '提交工单' }).click();

      const notice = chat.locator('.wd-notice[role=status]');
      await notice.waitFor();
      const reference = /WD-[0-9A-Z]{8}/.exec(await notice.innerText())![0];
      assert.match(await notice.innerText(), /已提交/);
      await chat.locator('.wd-timeline img[alt="bank-sms.png"]').waitFor();
      assert.match((await chat.locator('.wd-timeline img[alt="bank-sms.png"]').getAttribute('src')) ?? '', /^\/api\/v1\/attachments\//);
      assert.match(await chat.locator('.wd-request-head').innerText(), /已受理/);

      const [row] = await app.db.query<{ id: string; amount_minor: string; currency: string; category: string; transaction_reference: string; error_message: string; fields: Record<string, unknown>; occurred_at: Date; channel: string }>(
        'select id, amount_minor, currency, category, transaction_reference, error_message, fields, occurred_at, channel from tickets where reference = $1',
        [reference],
      );
      assert.ok(row, 'the request is stored under the reference shown');
      assert.equal(Number(row.amount_minor), 12345);
      assert.equal(row.currency, 'CNY');
      assert.equal(row.category, 'top_up');
      assert.equal(row.transaction_reference, 'T-2026-0001');
      assert.equal(row.error_message, '充值处理中，请稍后查看');
      assert.deepEqual(row.fields, { top_up_method: 'bank_card' });
      assert.equal(row.channel, 'web');
      // The time is typed in the customer's own zone (the browser's, which this test shares).
      assert.equal(new Date(row.occurred_at).toISOString(), new Date('2026-11-24T21:30').toISOString());
      const [attached] = await app.db.query<{ n: number }>('select count(*)::int as n from ticket_attachments where ticket_id = $1', [row.id]);
      assert.equal(attached!.n, 1);

      await chat.getByRole('button', { name: '全部工单' }).click();
      const item = chat.locator('.wd-tickets li', { hasText: reference });
      await item.waitFor();
      assert.match(await item.innerText(), /已受理[\s\S]*昨天银行卡充值[\s\S]*充值未到账/);
      assert.equal(await item.getAttribute('class'), null, 'their own request is not news to them');

      // An agent answers and asks for more: the list shows it at once, marked unread, with the new status.
      const answered = await app.http.inject({ method: 'POST', url: `/api/v1/tickets/${row.id}/replies`, headers: lina.headers, payload: { body: '您好，请提供银行扣款短信的完整截图，我们会尽快核实。', status: 'pending' } });
      assert.equal(answered.statusCode, 201, answered.body);
      await chat.locator('.wd-tickets li.wd-unread', { hasText: reference }).waitFor();
      assert.match(await item.innerText(), /等待您的回复[\s\S]*有新回复/);
      await requestsButton(chat, '我的工单 (1)').waitFor();
      await screenshot(page, 'widget-requests-unread');

      await item.getByRole('button').click();
      const reply = chat.locator('.wd-timeline .wd-from-agent', { hasText: '银行扣款短信' });
      await reply.waitFor();
      assert.match(await reply.innerText(), /客服团队[\s\S]*认证员工/);
      await requestsButton(chat, /^我的工单$/).waitFor();

      await chat.getByLabel('回复内容').fill('截图已经在上面了，扣款时间是晚上九点半。');
      await chat.getByRole('button', { name: '发送回复' }).click();
      await chat.locator('.wd-timeline .wd-from-customer', { hasText: '扣款时间是晚上九点半' }).waitFor();
      await chat.locator('.wd-request-head .wd-pill-open', { hasText: '处理中' }).waitFor();
      await chat.locator('.wd-entry-event', { hasText: '状态：处理中' }).waitFor();
      const [after] = await app.db.query<{ status: string }>('select status from tickets where id = $1', [row.id]);
      assert.equal(after!.status, 'open');
      await screenshot(page, 'widget-request-detail');

      await chat.getByRole('button', { name: '返回对话' }).click();
      await chat.locator('.wd-composer textarea').waitFor();
      assert.equal(await chat.locator('.wd-requests').count(), 0);
    } finally {
      await context.close();
    }
  });

  test('in English on a phone, outside business hours "leave a request" opens the request form', async () => {
    const admin = await signIn(app, 'admin@walletdesk.local', 'admin-demo-2026');
    const teams = (await app.http.inject({ method: 'GET', url: '/api/v1/teams', headers: admin.headers })).json().items as { id: string; categories: string[] }[];
    const payments = teams.find((t) => t.categories.includes('payment_failed'))!;
    const closedAllWeek = { timeZone: 'Asia/Shanghai', weekly: {}, holidays: [] };
    assert.equal((await app.http.inject({ method: 'PATCH', url: `/api/v1/teams/${payments.id}`, headers: admin.headers, payload: { businessHours: closedAllWeek } })).statusCode, 200);
    const context = await newCustomerContext(browser, { viewport: 'phone', locale: 'en-US' });
    try {
      const page = await openChatPage(context, base, { token: await demoCustomerToken(base, 'demo-frank'), lang: 'en' });
      await page.getByRole('button', { name: 'Talk to a person' }).waitFor();
      const [conversation] = await app.db.query<{ id: string }>("select c.id from conversations c join contacts ct on ct.id = c.contact_id where ct.wallet_customer_id = 'demo-frank' order by c.created_at desc limit 1");
      assert.equal((await app.http.inject({ method: 'PATCH', url: `/api/v1/conversations/${conversation!.id}`, headers: admin.headers, payload: { category: 'payment_failed' } })).statusCode, 200);
      await askForHuman(page, 'Talk to a person');
      await page.getByText('Our team is away right now.').waitFor();
      await page.getByRole('radio', { name: 'Leave a request' }).check();
      await page.getByRole('button', { name: 'Write a request' }).click();

      await page.getByLabel('Issue type').selectOption({ label: 'Payment failed' });
      await page.getByLabel('Merchant').waitFor();
      await page.getByLabel('What happened?').fill('My card payment at the cinema failed twice but I was charged once.');
      await page.getByLabel('Amount').fill('12.5');
      await page.getByLabel('Currency').selectOption('USD');
      await page.getByLabel('Merchant').fill('Star Cinema');
      await page.getByLabel('E-mail for updates (optional)').fill('not-an-address');
      await page.getByRole('button', { name: 'Send request' }).click();
      await page.getByText('Enter an e-mail address like name@example.com.').waitFor();
      await page.getByLabel('E-mail for updates (optional)').fill('frank@example.com');
      assert.ok((await horizontalOverflow(page)) <= 0, 'the form fits a 360-pixel screen');
      await screenshot(page, 'chat-request-form-phone');
      await page.getByRole('button', { name: 'Send request' }).click();
      await page.locator('.wd-notice[role=status]', { hasText: 'was sent' }).waitFor();
      assert.match(await page.locator('.wd-request-head').innerText(), /Received[\s\S]*Payment failed/);

      const [row] = await app.db.query<{ amount_minor: string; currency: string; requester_email: string; fields: Record<string, unknown>; language: string }>(
        "select t.amount_minor, t.currency, t.requester_email, t.fields, t.language from tickets t join contacts ct on ct.id = t.contact_id where ct.wallet_customer_id = 'demo-frank'",
      );
      assert.equal(Number(row!.amount_minor), 1250);
      assert.equal(row!.currency, 'USD');
      assert.equal(row!.requester_email, 'frank@example.com');
      assert.deepEqual(row!.fields, { merchant: 'Star Cinema' });
      assert.equal(row!.language, 'en');
      const [posted] = await app.db.query<{ n: number }>("select count(*)::int as n from messages where conversation_id = $1 and author_type = 'customer'", [conversation!.id]);
      assert.equal(posted!.n, 0, 'the request is not posted in the chat as a message');

      await page.getByRole('button', { name: 'Back to chat' }).click();
      await page.getByText('Our team is away right now.').waitFor();
    } finally {
      await app.http.inject({ method: 'PATCH', url: `/api/v1/teams/${payments.id}`, headers: admin.headers, payload: { businessHours: null } });
      await context.close();
    }
  });
});
