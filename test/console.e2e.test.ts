// The staff console in a real browser: a supervisor adds a canned response; an agent goes online,
// gets a handed-over Chinese conversation from a verified wallet customer (her wallet beside it),
// sees the customer's seed phrase only masked, is stopped by the guard when asking for a code,
// answers with the canned response and resolves; the customer rates 5; the supervisor dashboard
// counts it; the admin screens open. The customer side talks over the real WebSocket here (the
// widget has its own browser test). Every screen is captured at desktop and phone sizes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { signIn, testApp } from './support/app.js';
import { suiteBrowser } from './support/browser.js';
import { fillCanned, inboxEntry, newStaffContext, openAssignment, openConversation, openDashboard, resolveConversation, sendRefusedReply, sendReply, setPresence, signInToConsole, waitForTimelineMessage } from './support/console-page.js';
import { demoCustomerToken, horizontalOverflow, screenshot, viewports, type ViewportName } from './support/widget-page.js';
import { openSocket } from './support/ws.js';

const seedPhrase = 'abandon ability able about above absent absorb abstract absurd abuse access accident';

describe('staff console in headless Chromium', async () => {
  const app = await testApp();
  const base = await app.listen();
  const browser = await suiteBrowser();
  const wsUrl = `${base.replace(/^http/, 'ws')}/api/v1/realtime`;

  async function shootBoth(page: import('playwright-core').Page, name: string) {
    for (const size of Object.keys(viewports) as ViewportName[]) {
      await page.setViewportSize(viewports[size]);
      await screenshot(page, `${name}-${size}`);
      assert.ok((await horizontalOverflow(page)) <= 0, `${name} scrolls sideways at ${size} size`);
    }
  }

  test('a supervisor adds a canned response in both languages', async () => {
    const context = await newStaffContext(browser, { viewport: 'desktop', locale: 'en' });
    try {
      const page = await signInToConsole(context, base, 'supervisor@walletdesk.local', 'supervisor-demo-2026');
      await page.getByRole('link', { name: 'Admin' }).click();
      await page.getByRole('link', { name: 'Canned responses' }).click();
      await page.getByLabel('Shortcut').fill('topup');
      await page.getByLabel('Title').fill('Top-up on its way');
      await page.getByLabel('Text (中文)').fill('{{customer.name}}您好，我是{{agent.name}}，您的充值正在处理中，请稍候。');
      await page.getByLabel('Text (English)').fill('Hello {{customer.name}}, this is {{agent.name}}: your top-up is on its way.');
      await page.getByRole('button', { name: 'Create' }).click();
      await page.getByRole('cell', { name: '/topup' }).waitFor();
      await shootBoth(page, 'console-canned');
    } finally {
      await context.close();
    }
  });

  const customer = { conversationId: '', ws: undefined as Awaited<ReturnType<typeof openSocket>> | undefined };

  test('an agent answers a handed-over Chinese conversation with a canned response, is stopped by the guard, and resolves', async () => {
    const context = await newStaffContext(browser, { viewport: 'desktop', locale: 'zh-CN' });
    try {
      const login = await context.newPage();
      await login.goto(`${base}/console/inbox`);
      await login.locator('input[type=email]').waitFor();
      await shootBoth(login, 'console-login');
      await login.close();

      const page = await signInToConsole(context, base, 'li.na@walletdesk.local', 'agent-demo-2026');
      await setPresence(page, 'online');

      // The customer asks in Chinese and asks for a person; the conversation is assigned to Li Na.
      const ws = await openSocket(wsUrl);
      const ready = await ws.request({ type: 'auth', token: await demoCustomerToken(base, 'demo-alice'), language: 'zh-CN' });
      customer.conversationId = (ready.conversation as { id: string }).id;
      customer.ws = ws;
      await ws.request({ type: 'send', clientId: 'c-1', text: '我的充值还没到账' });
      await ws.request({ type: 'handover', category: 'top_up' });
      await ws.next((f) => f.type === 'assigned');

      // The agent is told at once, in the page (and by a desktop notification and a chime).
      assert.equal(await openAssignment(page), customer.conversationId);
      await inboxEntry(page, customer.conversationId);
      await waitForTimelineMessage(page, 'customer', '我的充值还没到账');

      // Beside it, the verified customer's wallet: who she is, her money and what the diagnosis finds.
      const panel = page.getByRole('complementary');
      await panel.getByText('王丽').waitFor();
      await panel.getByText('已验证的钱包用户').waitFor();
      await panel.locator('.tx-list li').first().waitFor();
      await panel.locator('.diagnosis').waitFor();

      // The customer types a seed phrase: the agent only ever sees the placeholder.
      await ws.request({ type: 'send', clientId: 'c-2', text: `我的助记词是 ${seedPhrase}` });
      const masked = await waitForTimelineMessage(page, 'customer', /助记词已隐藏/);
      assert.doesNotMatch((await masked.textContent()) ?? '', /abandon|ability/);
      assert.doesNotMatch(await page.content(), /abandon ability/);

      // Asking for a code is refused, with the reason, and the text stays for the agent to fix.
      const refusal = await sendRefusedReply(page, '请把短信验证码发给我');
      assert.match(refusal, /验证码|助记词|密码/);
      assert.equal(await page.getByTestId('composer').inputValue(), '请把短信验证码发给我');

      const filled = await fillCanned(page, 'topup');
      assert.match(filled, /^.*您好，我是李娜，您的充值正在处理中/);
      await sendReply(page);
      const pushed = await ws.next((f) => f.type === 'message' && (f.message as { author: string }).author === 'agent');
      assert.equal((pushed.message as { text: string }).text, filled);

      await shootBoth(page, 'console-conversation');

      await resolveConversation(page, 'answered', '解决');
      await ws.next((f) => f.type === 'rating_request');
      await ws.request({ type: 'rate', conversationId: customer.conversationId, score: 5 });
    } finally {
      await context.close();
    }
  });

  test('the supervisor dashboard counts the conversation, its handover and its rating', async () => {
    const context = await newStaffContext(browser, { viewport: 'desktop', locale: 'en' });
    try {
      const page = await signInToConsole(context, base, 'supervisor@walletdesk.local', 'supervisor-demo-2026');
      const figures = await openDashboard(page, base);
      const expected = (await app.http.inject({ method: 'GET', url: '/api/v1/analytics/dashboard', headers: (await signIn(app, 'admin@walletdesk.local', 'admin-demo-2026')).headers })).json();
      assert.ok(expected.today.conversations >= 1);
      assert.equal(figures.volume, String(expected.today.conversations));
      assert.equal(figures.handedOver, String(expected.today.handedOver));
      assert.equal(figures.rating, '5.0 ★ (1)');
      await shootBoth(page, 'console-dashboard');
    } finally {
      await context.close();
    }
  });

  test('admin screens: agents, team business hours, the knowledge-base editor with its Markdown preview, bot intents, the audit log', async () => {
    const context = await newStaffContext(browser, { viewport: 'desktop', locale: 'zh-CN' });
    try {
      const page = await signInToConsole(context, base, 'admin@walletdesk.local', 'admin-demo-2026');
      await page.getByRole('link', { name: '管理' }).click();
      await page.getByRole('cell', { name: /li\.na@walletdesk\.local/ }).waitFor();
      await shootBoth(page, 'console-admin-agents');

      // Business hours in the team's own time zone, edited as a weekly form.
      await page.getByRole('link', { name: '团队' }).click();
      await page.getByRole('button', { name: '编辑' }).first().click();
      const alwaysOpen = page.getByLabel('全天候');
      if (await alwaysOpen.isChecked()) await alwaysOpen.uncheck();
      await page.getByLabel('时区（IANA，如 Asia/Shanghai）').fill('Asia/Hong_Kong');
      await page.getByLabel('星期一').fill('09:00-12:00, 13:00-18:00');
      await page.getByLabel(/^休息日/).fill('2026-12-25');
      await shootBoth(page, 'console-admin-team-hours');
      const saved = page.waitForResponse((r) => /\/api\/v1\/teams\/[^/]+$/.test(r.url()) && r.request().method() === 'PATCH');
      await page.getByRole('button', { name: '保存' }).click();
      const team = await (await saved).json();
      assert.deepEqual(team.businessHours.weekly.mon, [['09:00', '12:00'], ['13:00', '18:00']]);
      assert.deepEqual([team.businessHours.timeZone, team.businessHours.holidays], ['Asia/Hong_Kong', ['2026-12-25']]);

      await page.getByRole('link', { name: '知识库' }).click();
      await page.locator('.article-list li button.link-button').first().click();
      const body = page.getByLabel('正文（Markdown）');
      await body.fill('## 到账时间\n\n银行卡充值通常 **2 小时内** 到账。\n\n<script>alert(1)</script>');
      const preview = page.locator('.markdown');
      await preview.locator('strong', { hasText: '2 小时内' }).waitFor();
      assert.equal(await preview.locator('script').count(), 0, 'raw HTML stays text in the preview');
      await shootBoth(page, 'console-admin-kb');

      await page.getByRole('link', { name: '机器人' }).click();
      await page.getByRole('cell', { name: /top_up|payment_failed/ }).first().waitFor();
      await shootBoth(page, 'console-admin-bot');

      await page.getByRole('link', { name: '审计日志' }).click();
      await page.getByLabel('操作（如 agent.*）').fill('auth.*');
      await page.getByRole('button', { name: '应用' }).click();
      await page.getByRole('cell', { name: 'auth.login', exact: true }).first().waitFor();
      await shootBoth(page, 'console-admin-audit');
    } finally {
      await context.close();
    }
  });

  test('on a phone the inbox lists the conversations and opens one full-width', async () => {
    const context = await newStaffContext(browser, { viewport: 'phone', locale: 'zh-CN' });
    try {
      const page = await signInToConsole(context, base, 'li.na@walletdesk.local', 'agent-demo-2026');
      await page.getByRole('tab', { name: '全部' }).click();
      await (await inboxEntry(page, customer.conversationId)).waitFor();
      await screenshot(page, 'console-inbox-phone');
      assert.ok((await horizontalOverflow(page)) <= 0, 'the inbox scrolls sideways on a phone');
      await openConversation(page, customer.conversationId);
      assert.equal(await page.locator('.inbox').isVisible(), false, 'the list gives way to the conversation');
    } finally {
      await context.close();
    }
  });
});
