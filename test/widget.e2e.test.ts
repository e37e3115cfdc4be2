// The customer's side in headless Chromium: the demo wallet page embeds the widget with its one
// script tag, signed as a demo customer; the customer sees the bot's transaction card and answers
// its quick reply, has a seed phrase hidden, asks for a person, sees the verified agent type
// and answer, sends an image, survives a dropped connection without losing or doubling a message,
// downloads the transcript and rates 5 with the keyboard. Then the full-page chat on a 360-pixel
// phone, an anonymous visitor who comes back, and the after-hours request form.
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { signIn, testApp } from './support/app.js';
import { suiteBrowser } from './support/browser.js';
import { allowedSamples } from './support/sample-files.js';
import { openSocket } from './support/ws.js';
import {
  askForHuman,
  demoCustomerToken,
  horizontalOverflow,
  messages,
  newCustomerContext,
  openChatPage,
  openDemoWallet,
  openWidget,
  rate,
  screenshot,
  send,
  sendAndWait,
  shownSeqs,
  waitForMessage,
} from './support/widget-page.js';

const seedPhrase = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';

describe('chat widget in headless Chromium', async () => {
  const app = await testApp();
  const base = await app.listen();
  const browser = await suiteBrowser();
  const lina = await signIn(app, 'li.na@walletdesk.local', 'agent-demo-2026');
  const inject = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object) => app.http.inject({ method, url, headers: lina.headers, payload });
  const conversationOf = async (customerId: string) => {
    const [row] = await app.db.query<{ id: string }>('select c.id from conversations c join contacts ct on ct.id = c.contact_id where ct.wallet_customer_id = $1 order by c.created_at desc limit 1', [customerId]);
    return row!.id;
  };

  test('a demo customer on a desktop: bot card and quick reply, masked secret, a verified agent, a file, a reconnect, the transcript and a rating', async () => {
    const context = await newCustomerContext(browser, { viewport: 'desktop', locale: 'zh-CN' });
    try {
      const page = await openDemoWallet(context, base, { customer: 'demo-alice', lang: 'zh-CN' });
      assert.match(await page.locator('.demo-amount').first().innerText(), /¥/);
      assert.ok((await page.locator('.demo-transactions li').count()) > 0, 'the wallet shows recent transactions');
      await screenshot(page, 'demo-desktop');

      const chat = await openWidget(page);
      assert.equal(await page.locator('.wd-launcher').getAttribute('aria-expanded'), 'true');
      // Opening the widget moves the focus to the message box (waits until it has it).
      await chat.locator('.wd-composer textarea:focus').waitFor();
      assert.match(await chat.getByRole('note').innerText(), /绝不会.*密码.*验证码.*助记词/);
      assert.equal(await chat.locator('html').getAttribute('lang'), 'zh-CN');

      // The bot's quick replies and a transaction card, in the shape the bot sends them.
      const conversationId = await conversationOf('demo-alice');
      await app.conversations.conversations.sendAsBot(conversationId, {
        clientId: 'bot-card',
        kind: 'card',
        text: '这是您最近一笔付款：',
        payload: { card: { type: 'transaction', transaction: { reference: 'T-DEMO-1', type: 'payment', amount: { amount: 380000, currency: 'CNY' }, status: 'failed', createdAt: new Date().toISOString(), counterparty: '携程旅行' } } },
      });
      await app.conversations.conversations.sendAsBot(conversationId, { clientId: 'bot-options', kind: 'quick_replies', text: '是这笔吗？', payload: { options: [{ value: 'yes', label: '是的' }, { value: 'no', label: '不是' }] } });
      const card = await waitForMessage(chat, 'bot', '这是您最近一笔付款');
      assert.match(await card.innerText(), /付款[\s\S]*失败[\s\S]*¥3,800\.00[\s\S]*携程旅行[\s\S]*T-DEMO-1/);
      await chat.getByRole('button', { name: '是的' }).click();
      await waitForMessage(chat, 'customer', '是的');
      assert.equal(await chat.getByRole('button', { name: '不是' }).count(), 0, 'answered quick replies go away');

      // A seed phrase never leaves the customer's browser in the clear, not even in their own view.
      const masked = await sendAndWait(chat, /\[助记词已隐藏\]/, `我的助记词是 ${seedPhrase}`);
      assert.doesNotMatch(await masked.innerText(), /abandon/);
      assert.match(await masked.innerText(), /已隐藏这条消息中的敏感信息/);
      await screenshot(page, 'widget-desktop');

      await askForHuman(chat, '转人工客服');
      await chat.getByText('目前没有客服在线').waitFor();
      assert.equal((await inject('PUT', '/api/v1/me/presence', { presence: 'online' })).statusCode, 200);
      await chat.locator('.wd-header .wd-agent', { hasText: '李娜' }).waitFor();
      assert.match(await chat.locator('.wd-header .wd-agent').innerText(), /认证员工/);

      const agentSocket = await openSocket(`${base.replace('http', 'ws')}/api/v1/realtime`, { cookie: lina.headers.cookie! });
      await agentSocket.request({ type: 'agent.follow', conversationId });
      agentSocket.send({ type: 'agent.typing', conversationId, typing: true });
      await chat.getByText('李娜 正在输入').waitFor();
      assert.equal((await inject('POST', `/api/v1/conversations/${conversationId}/messages`, { clientId: 'a-1', text: '您好，我是李娜，我来帮您查看这笔付款。' })).statusCode, 201);
      const reply = await waitForMessage(chat, 'agent', '我来帮您查看');
      assert.match(await reply.innerText(), /李娜[\s\S]*认证员工/);
      await chat.getByText('正在输入').waitFor({ state: 'detached' });

      // An image: shown to the customer through its signed link once stored.
      await chat.locator('input[type=file]').setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: allowedSamples['image/png'] });
      const image = messages(chat, 'customer').locator('img[alt="receipt.png"]');
      await image.waitFor();
      assert.match((await image.getAttribute('src')) ?? '', /\/api\/v1\/attachments\//);

      // The connection drops (a node restarts): what the agent sends meanwhile and what the customer
      // types meanwhile both arrive once.
      app.gateway.closeAll();
      await send(chat, '网络好像断了一下');
      assert.equal((await inject('POST', `/api/v1/conversations/${conversationId}/messages`, { clientId: 'a-2', text: '我还在，请稍等。' })).statusCode, 201);
      await waitForMessage(chat, 'agent', '我还在，请稍等。');
      await waitForMessage(chat, 'customer', '网络好像断了一下');
      const seqs = await shownSeqs(chat);
      assert.deepEqual(seqs, seqs.map((_, i) => i + 1), 'every stored message is shown once, in order, none missing');
      assert.equal(await messages(chat).filter({ hasText: '网络好像断了一下' }).count(), 1);
      const [stored] = await app.db.query<{ n: number }>("select count(*)::int as n from messages where conversation_id = $1 and text = '网络好像断了一下'", [conversationId]);
      assert.equal(stored!.n, 1, 'the message sent while disconnected is stored once');

      const [download] = await Promise.all([page.waitForEvent('download'), chat.getByRole('button', { name: '下载聊天记录' }).click()]);
      const transcript = readFileSync((await download.path())!, 'utf8');
      assert.match(transcript, /我来帮您查看这笔付款/);
      assert.doesNotMatch(transcript, /abandon/);
      await screenshot(page, 'widget-agent-desktop');

      assert.equal((await inject('POST', `/api/v1/conversations/${conversationId}/resolve`, { resolutionCode: 'answered' })).statusCode, 200);
      await rate(chat, '5 分（满分 5 分）', '提交评价');
      await chat.getByText('感谢您的评价').waitFor();
      const [rating] = await app.db.query<{ score: number }>('select score from conversation_ratings where conversation_id = $1', [conversationId]);
      assert.equal(rating?.score, 5);
      agentSocket.close();
    } finally {
      await inject('PUT', '/api/v1/me/presence', { presence: 'offline' });
      await context.close();
    }
  });

  test('on a 360-pixel phone: the demo wallet, the widget full screen, and the full-page chat in English with a language switch', async () => {
    const context = await newCustomerContext(browser, { viewport: 'phone', locale: 'en-US' });
    try {
      const page = await openDemoWallet(context, base, { customer: 'demo-bob', lang: 'en' });
      assert.match(await page.locator('.demo-status').innerText(), /frozen/i);
      assert.ok((await horizontalOverflow(page)) <= 0, 'the demo page fits the phone');
      await screenshot(page, 'demo-phone');
      const chat = await openWidget(page);
      const frame = await page.locator('iframe.wd-frame').boundingBox();
      assert.deepEqual([frame?.width, frame?.height], [360, 740], 'on a phone the chat takes the whole screen');
      await screenshot(page, 'widget-phone');
      await chat.getByRole('button', { name: 'Close chat' }).click();
      await page.locator('.wd-launcher:focus').waitFor(); // closing returns the focus to the launcher
      assert.equal(await page.locator('.wd-launcher').getAttribute('aria-expanded'), 'false');
      assert.equal(await page.locator('iframe.wd-frame').isVisible(), false);

      const webView = await openChatPage(context, base, { token: await demoCustomerToken(base, 'demo-dana'), lang: 'en' });
      assert.doesNotMatch(webView.url(), /token=/, 'the token leaves the address bar');
      assert.match(await webView.getByRole('note').innerText(), /never ask for your password, verification codes or seed phrase/);
      await sendAndWait(webView, 'My transfer to my sister has not arrived');
      assert.ok((await horizontalOverflow(webView)) <= 0, 'the chat fits a 360-pixel screen');
      await screenshot(webView, 'chat-phone');
      await webView.getByRole('button', { name: 'Switch to Chinese' }).click();
      await webView.getByRole('button', { name: '转人工客服' }).waitFor();
      assert.equal(await webView.getAttribute('html', 'lang'), 'zh-CN');
    } finally {
      await context.close();
    }
  });

  test('an anonymous visitor gets their conversation back after a reload, each message once', async () => {
    const context = await newCustomerContext(browser, { viewport: 'desktop', locale: 'en-GB' });
    try {
      const page = await openChatPage(context, base, { lang: 'en' });
      await sendAndWait(page, 'Is there a fee for withdrawals?');
      await page.reload();
      await waitForMessage(page, 'customer', 'Is there a fee for withdrawals?');
      assert.equal(await messages(page).filter({ hasText: 'Is there a fee for withdrawals?' }).count(), 1);
      await screenshot(page, 'chat-desktop');
    } finally {
      await context.close();
    }
  });

  test('outside business hours the customer is offered a callback booking instead of waiting', async () => {
    const admin = await signIn(app, 'admin@walletdesk.local', 'admin-demo-2026');
    const teams = (await app.http.inject({ method: 'GET', url: '/api/v1/teams', headers: admin.headers })).json().items as { id: string; categories: string[] }[];
    const security = teams.find((t) => t.categories.includes('account_security'))!;
    const closedAllWeek = { timeZone: 'Asia/Shanghai', weekly: {}, holidays: [] };
    assert.equal((await app.http.inject({ method: 'PATCH', url: `/api/v1/teams/${security.id}`, headers: admin.headers, payload: { businessHours: closedAllWeek } })).statusCode, 200);
    const context = await newCustomerContext(browser, { viewport: 'phone', locale: 'en-US' });
    try {
      const page = await openChatPage(context, base, { token: await demoCustomerToken(base, 'demo-eve'), lang: 'en' });
      await page.getByRole('button', { name: 'Talk to a person' }).waitFor();
      // The issue is known to be about security (as the bot would have classified it).
      const conversationId = await conversationOf('demo-eve');
      assert.equal((await app.http.inject({ method: 'PATCH', url: `/api/v1/conversations/${conversationId}`, headers: admin.headers, payload: { category: 'account_security' } })).statusCode, 200);
      await askForHuman(page, 'Talk to a person');
      await page.getByText('Our team is away right now.').waitFor();
      await page.getByRole('radio', { name: 'Request a callback' }).check();
      await screenshot(page, 'after-hours-phone');
      // The callback choice opens the booking form (test/widget-callbacks.e2e.test.ts books one);
      // a team closed all week has no time to offer, and says so.
      await page.getByRole('button', { name: 'Choose a time' }).click();
      await page.getByRole('heading', { name: 'Book a callback' }).waitFor();
      await page.getByLabel('What is it about?').selectOption({ label: 'Account security' });
      await page.getByText('There is no free time to call in the next days.').waitFor();
      const [posted] = await app.db.query<{ n: number }>("select count(*)::int as n from messages where conversation_id = $1 and author_type = 'customer'", [conversationId]);
      assert.equal(posted!.n, 0, 'nothing is posted in the chat');
    } finally {
      await app.http.inject({ method: 'PATCH', url: `/api/v1/teams/${security.id}`, headers: admin.headers, payload: { businessHours: null } });
      await context.close();
    }
  });
});
