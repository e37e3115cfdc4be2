// Callbacks (预约回电) in the chat widget, in headless Chromium: a verified demo customer books a
// call from the header, sees the masked wallet number and times in their own zone, gets the
// confirmation, finds the booking in "My callbacks", sees an agent's move arrive live, moves it
// themselves and cancels it. An anonymous visitor outside business hours picks the callback choice:
// the form opens linked to the chat, a number the server cannot call is refused in Chinese next to
// the field, a good one is booked. The slot rules the form relies on are checked first, without a
// browser.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { groupSlotsByDay, localDay, slotText, timeRange, upsertCallback, zoneLabel, type CustomerCallback, type Slot } from '../web/widget/src/callbacks/callbacks.js';
import { signIn, testApp } from './support/app.js';
import { suiteBrowser } from './support/browser.js';
import { askForHuman, demoCustomerToken, horizontalOverflow, openChatPage, openDemoWallet, openWidget, screenshot, viewports, type ViewportName } from './support/widget-page.js';

const wait = { timeout: 15_000 };

describe('callback slots in the widget', () => {
  const slot = (startsAt: string, minutes = 30, remaining = 2): Slot => ({ startsAt, endsAt: new Date(Date.parse(startsAt) + minutes * 60_000).toISOString(), remaining });

  test('are grouped by the day they start on in the customer’s zone, not the server’s', () => {
    // 15:30 UTC is 23:30 in Shanghai (still the 26th) and 00:30 on the 27th in Tokyo.
    const slots = [slot('2026-11-26T16:00:00.000Z'), slot('2026-11-26T02:00:00.000Z'), slot('2026-11-26T15:30:00.000Z')];
    assert.deepEqual(
      groupSlotsByDay(slots, 'Asia/Shanghai').map((d) => [d.day, d.slots.length]),
      [['2026-11-26', 2], ['2026-11-27', 1]],
    );
    assert.deepEqual(
      groupSlotsByDay(slots, 'Asia/Tokyo').map((d) => [d.day, d.slots.map((s) => s.startsAt)]),
      [['2026-11-26', ['2026-11-26T02:00:00.000Z']], ['2026-11-27', ['2026-11-26T15:30:00.000Z', '2026-11-26T16:00:00.000Z']]],
      'earliest first within a day',
    );
    assert.equal(localDay('2026-03-08T07:30:00.000Z', 'America/New_York'), '2026-03-08', 'a daylight-saving morning');
    assert.deepEqual(groupSlotsByDay([], 'Asia/Shanghai'), []);
  });

  test('read as local times and zones in both languages', () => {
    assert.equal(timeRange('2026-11-26T01:00:00.000Z', '2026-11-26T01:30:00.000Z', 'Asia/Shanghai', 'zh-CN'), '09:00–09:30');
    assert.equal(timeRange('2026-11-26T01:00:00.000Z', '2026-11-26T01:30:00.000Z', 'Europe/London', 'en'), '01:00–01:30');
    assert.match(slotText('2026-11-26T01:00:00.000Z', '2026-11-26T01:30:00.000Z', 'Asia/Shanghai', 'zh-CN'), /11月26日.*周四.*09:00–09:30/);
    assert.equal(zoneLabel('Asia/Shanghai', '2026-11-26T01:00:00.000Z', 'en'), 'Asia/Shanghai (GMT+8)');
    assert.equal(zoneLabel('Europe/London', '2026-07-01T12:00:00.000Z', 'en'), 'Europe/London (GMT+1)', 'summer time');
  });

  test('the list keeps the newest booking first and never lets an older copy replace a newer one', () => {
    const callback = (id: string, createdAt: string, updatedAt: string, status: CustomerCallback['status'] = 'scheduled'): CustomerCallback => ({
      id, reference: `CB-${id}`, status, topic: 'other', language: 'zh-CN', timezone: 'Asia/Shanghai', phoneMasked: '138****8001',
      slotStartsAt: '2026-11-26T01:00:00.000Z', slotEndsAt: '2026-11-26T01:30:00.000Z', conversationId: null, ticketId: null, createdAt, updatedAt,
    });
    let items = [callback('a', '2026-11-02T00:00:00.000Z', '2026-11-02T00:00:00.000Z')];
    items = upsertCallback(items, callback('b', '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z'));
    assert.deepEqual(items.map((c) => c.id), ['a', 'b']);
    items = upsertCallback(items, callback('b', '2026-11-01T00:00:00.000Z', '2026-11-03T00:00:00.000Z', 'cancelled'));
    items = upsertCallback(items, callback('b', '2026-11-01T00:00:00.000Z', '2026-11-02T00:00:00.000Z', 'scheduled'));
    assert.equal(items.find((c) => c.id === 'b')!.status, 'cancelled', 'a stale fetch does not undo a push');
    assert.deepEqual(items.map((c) => c.id), ['a', 'b'], 'a change does not reorder');
  });
});

describe('callbacks in the chat widget, headless Chromium', async () => {
  const app = await testApp();
  const base = await app.listen();
  const browser = await suiteBrowser();
  const admin = await signIn(app, 'admin@walletdesk.local', 'admin-demo-2026');
  const lina = await signIn(app, 'li.na@walletdesk.local', 'agent-demo-2026');

  /** A customer's browser in Shanghai, whatever zone the machine running the test is in. */
  const shanghaiContext = (b: Browser, viewport: ViewportName, locale: string): Promise<BrowserContext> =>
    b.newContext({ viewport: viewports[viewport], locale, timezoneId: 'Asia/Shanghai', hasTouch: viewport === 'phone', isMobile: viewport === 'phone' });
  const slotRadios = (chat: FrameLocator | Page) => chat.locator('.wd-slots input[type=radio]');

  test('a verified customer books a call on the wallet number, sees it in My callbacks, gets a live move, moves it and cancels it', async () => {
    const context = await shanghaiContext(browser, 'desktop', 'zh-CN');
    try {
      const page = await openDemoWallet(context, base, { customer: 'demo-alice', lang: 'zh-CN' });
      const chat = await openWidget(page);
      await chat.getByRole('button', { name: '预约回电' }).click();
      await chat.getByRole('heading', { name: '预约回电' }).waitFor(wait);
      await chat.getByText('请先选择问题类型').waitFor(wait);
      await chat.getByLabel('问题类型').selectOption({ label: '支付失败' });

      // The wallet's number, masked; no number to type.
      const walletPhone = chat.getByTestId('callback-wallet-phone');
      await walletPhone.waitFor(wait);
      assert.equal((await walletPhone.innerText()).trim(), '将致电 138****8001');
      assert.equal(await chat.getByLabel('手机号').count(), 0);
      assert.match(await chat.getByLabel('您所在的时区').locator('option:checked').innerText(), /^Asia\/Shanghai \(GMT\+8\)$/);

      // Sending without a time is refused in the browser, next to the times.
      await chat.getByRole('button', { name: '确认预约' }).click();
      await chat.locator('.wd-slots-invalid').getByText('请选择一个时间。').waitFor(wait);
      assert.equal(await app.db.query('select 1 from callback_requests').then((r) => r.length), 0);

      const first = slotRadios(chat).first();
      await first.waitFor({ state: 'attached', ...wait });
      const firstLabel = (await chat.locator('.wd-slot').first().innerText()).trim();
      await chat.locator('.wd-slot').first().click();
      assert.ok(await first.isChecked());
      await chat.getByLabel('打电话前需要我们了解的情况（选填）').fill('上午比较方便，家里座机信号不好请打手机。');
      await screenshot(page, 'widget-callback-form');
      await chat.getByRole('button', { name: '确认预约' }).click();

      const booked = chat.locator('.wd-callback-booked');
      await booked.waitFor(wait);
      const reference = (await booked.getAttribute('data-reference'))!;
      assert.match(reference, /^CB-[0-9A-Z]{8}$/);
      const confirmation = await booked.innerText();
      assert.match(confirmation, /回电已预约/);
      assert.ok(confirmation.includes(`预约编号 ${reference}`), confirmation);
      assert.ok(confirmation.includes(firstLabel.split(/\s/)[0]!), `the time picked (${firstLabel}) is confirmed`);
      assert.match(confirmation, /Asia\/Shanghai \(GMT\+8\)/);
      assert.match(confirmation, /138\*\*\*\*8001/);
      await screenshot(page, 'widget-callback-booked');

      const [row] = await app.db.query<{ id: string; phone_source: string; phone_e164: string | null; timezone: string; topic: string; status: string; slot_starts_at: Date; note: string; language: string }>(
        'select id, phone_source, phone_e164, timezone, topic, status, slot_starts_at, note, language from callback_requests where reference = $1',
        [reference],
      );
      assert.ok(row, 'stored under the reference shown');
      assert.equal(row.phone_source, 'wallet');
      assert.equal(row.phone_e164, null, 'a verified customer’s number stays in the wallet');
      assert.equal(row.timezone, 'Asia/Shanghai');
      assert.equal(row.topic, 'payment_failed');
      assert.equal(row.language, 'zh-CN');
      assert.match(row.note, /上午比较方便/);

      await chat.getByRole('button', { name: '查看我的回电预约' }).click();
      const item = chat.locator(`.wd-callback[data-reference="${reference}"]`);
      await item.waitFor(wait);
      assert.match(await item.innerText(), /已预约[\s\S]*支付失败 · 138\*\*\*\*8001/);

      // An agent moves it (the customer asked on the phone): the list shows the new time at once.
      const token = await demoCustomerToken(base, 'demo-alice');
      const options = (await app.http.inject({ method: 'GET', url: '/api/v1/widget/callbacks/options?timezone=Asia/Shanghai&topic=payment_failed', headers: { 'x-customer-token': token } })).json() as { slots: { startsAt: string; endsAt: string }[] };
      const later = options.slots.filter((s) => Date.parse(s.startsAt) > new Date(row.slot_starts_at).getTime()).at(-1)!;
      assert.ok(later, 'a later slot is free');
      const moved = await app.http.inject({ method: 'POST', url: `/api/v1/callbacks/${row.id}/reschedule`, headers: lina.headers, payload: { slotStartsAt: later.startsAt } });
      assert.equal(moved.statusCode, 200, moved.body);
      await item.locator('.wd-callback-when', { hasText: timeRange(later.startsAt, later.endsAt, 'Asia/Shanghai', 'zh-CN') }).waitFor(wait);

      // The customer moves it again, to the first time offered.
      await item.getByRole('button', { name: '改约时间' }).click();
      const move = item.locator('.wd-reschedule');
      await move.locator('.wd-slot').first().waitFor(wait);
      const target = (await move.locator('.wd-slot').first().innerText()).trim().split(/\s/)[0]!;
      await move.locator('.wd-slot').first().click();
      await move.getByRole('button', { name: '确认改约' }).click();
      await item.locator('.wd-notice', { hasText: '已改约到' }).waitFor(wait);
      assert.ok((await item.locator('.wd-callback-when').innerText()).includes(target), `moved to ${target}`);
      const [after] = await app.db.query<{ slot_starts_at: Date; status: string }>('select slot_starts_at, status from callback_requests where id = $1', [row.id]);
      assert.notEqual(new Date(after!.slot_starts_at).toISOString(), new Date(later.startsAt).toISOString());
      assert.equal(after!.status, 'scheduled');

      // Cancelling asks first; keeping it changes nothing.
      await item.getByRole('button', { name: '取消回电' }).click();
      await item.getByText(/确定取消 .* 的回电吗？/).waitFor(wait);
      await item.getByRole('button', { name: '保留预约' }).click();
      assert.equal((await app.db.query<{ status: string }>('select status from callback_requests where id = $1', [row.id]))[0]!.status, 'scheduled');
      await item.getByRole('button', { name: '取消回电' }).click();
      await item.getByRole('button', { name: '确定取消' }).click();
      await item.locator('.wd-pill', { hasText: '已取消' }).waitFor(wait);
      assert.equal(await item.getByRole('button', { name: '改约时间' }).count(), 0, 'a cancelled call cannot be moved');
      assert.equal((await app.db.query<{ status: string }>('select status from callback_requests where id = $1', [row.id]))[0]!.status, 'cancelled');
      await screenshot(page, 'widget-callbacks-list');

      // "My requests" sits beside it, and back again.
      await chat.getByRole('button', { name: '我的工单 ›' }).click();
      await chat.getByRole('button', { name: '我的回电预约 ›' }).click();
      await item.waitFor(wait);
      await chat.getByRole('button', { name: '返回对话' }).click();
      await chat.locator('.wd-composer textarea').waitFor(wait);
    } finally {
      await context.close();
    }
  });

  test('outside business hours an anonymous visitor books a callback linked to the chat; a number we cannot call is refused in Chinese', async () => {
    const teams = (await app.http.inject({ method: 'GET', url: '/api/v1/teams', headers: admin.headers })).json().items as { id: string; categories: string[] }[];
    const payments = teams.find((t) => t.categories.includes('payment_failed'))!;
    // Closed today (a holiday where the team sits), open the following days: the chat is outside
    // hours, and callbacks can still be booked for tomorrow.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const day = [['09:00', '18:00']];
    const hours = { timeZone: 'Asia/Shanghai', weekly: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day }, holidays: [today] };
    assert.equal((await app.http.inject({ method: 'PATCH', url: `/api/v1/teams/${payments.id}`, headers: admin.headers, payload: { businessHours: hours } })).statusCode, 200);
    const context = await shanghaiContext(browser, 'phone', 'zh-CN');
    try {
      const page = await openChatPage(context, base, { lang: 'zh-CN' });
      await page.getByRole('button', { name: '转人工客服' }).waitFor(wait);
      const [conversation] = await app.db.query<{ id: string }>('select c.id from conversations c join contacts ct on ct.id = c.contact_id where ct.wallet_customer_id is null order by c.created_at desc limit 1');
      assert.equal((await app.http.inject({ method: 'PATCH', url: `/api/v1/conversations/${conversation!.id}`, headers: admin.headers, payload: { category: 'payment_failed' } })).statusCode, 200);
      await askForHuman(page, '转人工客服');
      await page.getByText('客服团队目前不在工作时间。').waitFor(wait);
      await page.getByRole('radio', { name: '预约回电' }).check();
      await page.getByRole('button', { name: '选择回电时间' }).click();

      await page.getByRole('heading', { name: '预约回电' }).waitFor(wait);
      await page.getByLabel('问题类型').selectOption({ label: '支付失败' });
      const phone = page.getByLabel('手机号');
      await phone.waitFor(wait);
      assert.equal(await page.getByTestId('callback-wallet-phone').count(), 0, 'a visitor has no wallet number');
      await phone.fill('12345');
      await page.locator('.wd-slot').first().click();
      await page.getByRole('button', { name: '确认预约' }).click();
      const refusal = page.locator('.wd-field', { has: phone }).locator('.wd-field-error');
      await refusal.waitFor(wait);
      assert.match(await refusal.innerText(), /这个号码无法拨打/);
      assert.equal(await phone.getAttribute('aria-invalid'), 'true');
      assert.equal(await app.db.query('select 1 from callback_requests where conversation_id = $1', [conversation!.id]).then((r) => r.length), 0);
      assert.ok((await horizontalOverflow(page)) <= 0, 'the form fits a 360-pixel screen');
      await screenshot(page, 'chat-callback-form-phone');

      await phone.fill('139 1234 5678');
      assert.equal(await refusal.count(), 0, 'typing takes the complaint away');
      await page.getByRole('button', { name: '确认预约' }).click();
      const booked = page.locator('.wd-callback-booked');
      await booked.waitFor(wait);
      assert.match(await booked.innerText(), /139\*\*\*\*5678/);
      const [row] = await app.db.query<{ phone_source: string; phone_e164: string; conversation_id: string; slot_starts_at: Date }>(
        'select phone_source, phone_e164, conversation_id, slot_starts_at from callback_requests where reference = $1',
        [await booked.getAttribute('data-reference')],
      );
      assert.equal(row!.phone_source, 'entered');
      assert.equal(row!.phone_e164, '+8613912345678');
      assert.equal(row!.conversation_id, conversation!.id, 'linked to the chat it was booked from');
      assert.notEqual(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(row!.slot_starts_at)), today, 'not on the closed day');
      const [posted] = await app.db.query<{ n: number }>("select count(*)::int as n from messages where conversation_id = $1 and author_type = 'customer'", [conversation!.id]);
      assert.equal(posted!.n, 0, 'nothing is posted in the chat as the customer');
      await screenshot(page, 'chat-callback-booked-phone');
    } finally {
      await app.http.inject({ method: 'PATCH', url: `/api/v1/teams/${payments.id}`, headers: admin.headers, payload: { businessHours: null } });
      await context.close();
    }
  });
});
