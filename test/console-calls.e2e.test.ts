// Calls (回访外呼) in the staff console, in a real browser: a payment-failure ticket is solved, the
// default rule plans a return visit, and with the clock past its delay (at a daytime hour in
// Shanghai, so the customer is not in quiet hours) an agent finds it overdue in the call list,
// claims it, dials (the tel: link carries the wallet number, revealed only now), records that the
// customer was reached and the problem is not solved, and reopens the ticket. A supervisor sees the
// plan and edits a return-visit rule. The pure rules the screens use are checked first.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { answerValue, isoToZonedInput, parseSpacing, planTotals, zonedInputToIso } from '../web/console/src/calls/rules.js';
import { callPurposes } from '../web/console/src/calls/types.js';
import { signIn, testApp } from './support/app.js';
import { suiteBrowser } from './support/browser.js';
import { newStaffContext, shootBoth, signInToConsole } from './support/console-page.js';

const wait = { timeout: 15_000 };
const HOUR = 3_600_000;

describe('call rules in the console', () => {
  test('a time typed on the customer’s clock becomes the right instant, wherever the agent sits', () => {
    assert.equal(zonedInputToIso('2026-11-26T10:00', 'Asia/Shanghai'), '2026-11-26T02:00:00.000Z');
    assert.equal(zonedInputToIso('2026-07-01T10:00', 'Europe/London'), '2026-07-01T09:00:00.000Z', 'summer time');
    assert.equal(zonedInputToIso('2026-01-15T10:00', 'Europe/London'), '2026-01-15T10:00:00.000Z');
    assert.equal(zonedInputToIso('2026-11-01T01:30', 'America/New_York'), '2026-11-01T05:30:00.000Z', 'the repeated hour: the first one');
    assert.equal(zonedInputToIso('2026-03-08T02:30', 'America/New_York'), '2026-03-08T07:30:00.000Z', 'a skipped time lands after the jump');
    assert.equal(zonedInputToIso('tomorrow', 'Asia/Shanghai'), null);
    assert.equal(isoToZonedInput('2026-11-26T02:00:00.000Z', 'Asia/Shanghai'), '2026-11-26T10:00');
    assert.equal(isoToZonedInput(zonedInputToIso('2026-12-31T23:45', 'Asia/Tokyo')!, 'Asia/Tokyo'), '2026-12-31T23:45');
  });

  test('answers go to the API typed as the script asks; spacing and plan totals are read strictly', () => {
    assert.equal(answerValue('yes_no', 'false'), false);
    assert.equal(answerValue('yes_no', 'true'), true);
    assert.equal(answerValue('scale', '4'), 4);
    assert.equal(answerValue('choice', 'same_problem'), 'same_problem');
    assert.equal(answerValue('scale', ''), undefined, 'not answered is left out');
    assert.deepEqual(parseSpacing('30, 120，1440'), [30, 120, 1440]);
    for (const bad of ['', '30, -5', '1.5', '0', 'soon']) assert.equal(parseSpacing(bad), null, bad);
    const plan = {
      days: [
        { date: '2026-11-26', byPurpose: { problem_check: { due: 2, done: 1, failed: 0 }, callback: { due: 1, done: 0, failed: 1 } } },
        { date: '2026-11-27', byPurpose: { problem_check: { due: 1, done: 1, failed: 0 } } },
      ],
      upcoming: [],
    };
    const totals = planTotals(plan, callPurposes);
    assert.deepEqual(totals.problem_check, { due: 3, done: 2, failed: 0 });
    assert.deepEqual(totals.callback, { due: 1, done: 0, failed: 1 });
    assert.deepEqual(totals.education, { due: 0, done: 0, failed: 0 });
  });
});

/** From now to the next 10:00 in Shanghai: a time the customer may be called. */
function untilShanghaiMorning(): number {
  const now = Date.now();
  const [h, m] = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now).split(':').map(Number);
  const minutes = (10 * 60 - (h! * 60 + m!) + 24 * 60) % (24 * 60) || 24 * 60;
  return minutes * 60_000;
}

describe('calls in the staff console (headless Chromium)', async () => {
  // The app's clock runs with real time, ahead of it: first to a Shanghai morning, later past the
  // rule's delay and due time. Only ever forward, so sessions and cookies stay valid.
  let ahead = untilShanghaiMorning();
  const app = await testApp({ clock: () => new Date(Date.now() + ahead) });
  const base = await app.listen();
  const browser = await suiteBrowser();
  const lina = await signIn(app, 'li.na@walletdesk.local', 'agent-demo-2026');
  const asAgent = async <T = Record<string, unknown>>(method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object): Promise<T> => {
    const res = await app.http.inject({ method, url, headers: lina.headers, ...(payload ? { payload } : {}) });
    assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json() as T;
  };


  test('an agent works a return visit planned by a solved payment-failure ticket: claim, dial, reached, reopen', async () => {
    const contact = await app.conversations.conversations.contactOf({ kind: 'customer', walletCustomerId: 'demo-alice', name: '王丽', locale: 'zh-CN', expiresAt: Date.now() + HOUR });
    const ticket = await asAgent<{ id: string; reference: string }>('POST', '/api/v1/tickets', { category: 'payment_failed', subject: '付款失败，余额不足提示', description: '客户电话反映在携程付款时提示余额不足，但余额充足。', contactId: contact.id });
    await asAgent('PATCH', `/api/v1/tickets/${ticket.id}`, { status: 'solved' });
    // The rule plans the visit from the event: wait until it is there.
    let task: { id: string } | undefined;
    for (const started = Date.now(); !task && Date.now() - started < wait.timeout; await new Promise((r) => setTimeout(r, 100))) {
      [task] = await app.db.query<{ id: string }>("select id from call_tasks where ticket_id = $1 and kind = 'return_visit'", [ticket.id]);
    }
    assert.ok(task, 'a return visit was planned');
    // Past the rule's 24-hour delay and the 48 hours it must be made within: the visit is overdue,
    // and it is 11:00 in Shanghai.
    ahead += 73 * HOUR;

    const context = await newStaffContext(browser, { viewport: 'desktop', locale: 'zh-CN' });
    try {
      const page = await signInToConsole(context, base, 'li.na@walletdesk.local', 'agent-demo-2026');
      await page.getByRole('link', { name: '回访外呼' }).click();
      await page.getByTestId('call-list').waitFor(wait);
      await page.getByRole('tab', { name: '未分配' }).click();
      const row = page.locator(`[data-testid=call-list] a[data-task-id="${task.id}"]`);
      await row.waitFor(wait);
      const rowText = await row.innerText();
      for (const part of ['王丽', '问题确认', '已逾期', '138****8001', '已拨 0/3 次', ticket.reference]) assert.ok(rowText.includes(part), `the row shows ${part}: ${rowText}`);
      assert.equal(await row.getAttribute('data-overdue'), 'true');
      assert.equal(await row.locator('time.overdue').count(), 1, 'the due time is marked overdue');
      await page.getByTestId('call-purpose-filter').selectOption('education');
      await page.locator('[data-testid=call-list] li.muted', { hasText: '没有符合条件的外呼任务' }).waitFor(wait);
      await page.getByTestId('call-purpose-filter').selectOption('problem_check');
      await row.click();

      const view = page.locator(`[data-testid=call-task][data-task-id="${task.id}"]`);
      await view.waitFor(wait);
      assert.match(await page.getByTestId('script-intro').innerText(), /王丽/);
      const side = page.locator('aside.ticket-side');
      assert.ok((await side.innerText()).includes(ticket.reference), 'the ticket is in the context');
      assert.equal(await page.getByTestId('call-phone').innerText(), '138****8001', 'masked until dialing');
      await shootBoth(page, 'console-call-task');

      await view.getByRole('button', { name: '认领' }).click();
      await page.locator(`[data-testid=call-task][data-task-status=in_progress]`).waitFor(wait);
      await page.getByTestId('dial').click();
      const tel = page.getByTestId('tel-link');
      await tel.waitFor(wait);
      assert.equal(await tel.getAttribute('href'), 'tel:+8613800138001');
      assert.match(await page.getByTestId('dial-result').innerText(), /用您的电话应用拨打/, 'no telephone system listens: the link is the way');
      assert.equal(await tel.evaluate((a) => a === (a as unknown as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement), true, 'the link has the focus: Enter opens it');
      const [dialed] = await app.db.query<{ n: number }>("select count(*)::int as n from audit_events where action = 'call_task.dialed'");
      assert.equal(dialed!.n, 1, 'dialing is audited');

      // Reached: the problem is not solved, the same one; a product issue; reopen the ticket.
      const form = page.getByTestId('outcome-form');
      assert.ok(await form.getByRole('radio', { name: '已接通' }).isChecked(), 'reached is the default');
      await form.locator('[data-question=resolved] input[value=false]').check();
      await form.locator('[data-question=still_issue] select').selectOption('same_problem');
      await page.getByTestId('call-reason').selectOption('product_issue');
      await form.getByLabel('备注（仅员工可见）').fill('客户说今天再次付款仍然失败，提示相同。');
      await form.getByRole('radio', { name: '重新打开工单' }).check();
      await form.getByRole('button', { name: '保存结果' }).click();
      const saved = page.getByTestId('outcome-saved');
      await saved.waitFor(wait);
      assert.ok((await saved.innerText()).includes(`工单 ${ticket.reference} 已重新打开。`), await saved.innerText());
      await page.locator(`[data-testid=call-task][data-task-status=done]`).waitFor(wait);
      await page.locator('[data-testid=call-attempts] li', { hasText: '已接通' }).waitFor(wait);

      const [done] = await app.db.query<{ status: string; answers: Record<string, unknown>; reason: string; follow_up: string; outcome: string }>('select status, answers, reason, follow_up, outcome from call_tasks where id = $1', [task.id]);
      assert.deepEqual({ ...done }, { status: 'done', answers: { resolved: false, still_issue: 'same_problem' }, reason: 'product_issue', follow_up: 'reopen_ticket', outcome: 'reached' });

      // The ticket is open again, with the visit's note.
      await saved.getByRole('link', { name: '打开' }).click();
      await page.locator(`[data-testid=ticket][data-ticket-id="${ticket.id}"][data-ticket-status=open]`).waitFor(wait);
      const [reopened] = await app.db.query<{ status: string }>('select status from tickets where id = $1', [ticket.id]);
      assert.equal(reopened!.status, 'open');
    } finally {
      await context.close();
    }
  });

  test('a supervisor sees the return-visit plan and edits a rule', async () => {
    const context = await newStaffContext(browser, { viewport: 'desktop', locale: 'en' });
    try {
      const page = await signInToConsole(context, base, 'supervisor@walletdesk.local', 'supervisor-demo-2026');
      await page.getByRole('link', { name: 'Calls' }).click();
      await page.getByRole('link', { name: 'Return-visit plan' }).click();
      const table = page.getByTestId('plan-table');
      await table.waitFor(wait);
      assert.match(await table.locator('tfoot').innerText(), /1 due · 1 done · 0 failed/, 'the visit worked above is counted');
      await shootBoth(page, 'console-return-visit-plan');

      // The dashboard puts what the call heard beside the chat ratings: one visit, and it reopened the ticket.
      await page.getByRole('link', { name: 'Dashboard' }).click();
      const results = page.getByTestId('return-visit-results');
      await results.waitFor(wait);
      assert.match(await results.getByTestId('kpi-visits').innerText(), /\b1\b/);
      assert.match(await results.getByTestId('kpi-reopen-rate').innerText(), /100\s?%/);
      assert.match(await results.innerText(), /A product problem/, 'the reason the agent recorded');

      await page.goto(`${base}/console/admin/return-visits`);
      const rules = page.getByTestId('return-visit-rules');
      const rule = rules.locator('tr', { hasText: '问题回访' });
      await rule.waitFor(wait);
      await rule.getByRole('button', { name: 'Edit' }).click();
      const form = page.getByTestId('rule-form');
      await form.getByLabel('Sample (% of matches called)').fill('50');
      await form.getByRole('checkbox', { name: 'Refund' }).check();
      await form.getByLabel('Priority').selectOption('high');
      await form.getByRole('button', { name: 'Save' }).click();
      await form.waitFor({ state: 'detached', ...wait });
      await rule.locator('td', { hasText: '50%' }).waitFor(wait);
      assert.match(await rule.innerText(), /Refund[\s\S]*High/);
      const [saved] = await app.db.query<{ sample_rate: number; categories: string[]; priority: string }>("select sample_rate, categories, priority from return_visit_rules where name like '问题回访%'");
      assert.equal(saved!.sample_rate, 50);
      assert.deepEqual([...saved!.categories].sort(), ['complaint', 'frozen_account', 'payment_failed', 'refund']);
      assert.equal(saved!.priority, 'high');
      await shootBoth(page, 'console-return-visit-rules');

      // Supervisors read the call policy and capacity; only admins change them.
      await page.goto(`${base}/console/admin/call-policy`);
      await page.getByTestId('call-policy').waitFor(wait);
      assert.equal(await page.getByLabel('Quiet hours start').inputValue(), '21:00');
      assert.ok(await page.getByLabel('Quiet hours start').isDisabled());
      await page.goto(`${base}/console/admin/callback-capacity`);
      await page.getByTestId('callback-capacity').locator('tbody tr').first().waitFor(wait);
    } finally {
      await context.close();
    }
  });
});
