// The whole support flow in two browsers, with the real bot: a customer opens the widget on the
// demo wallet page and asks in Chinese; the bot answers; the customer types a seed phrase (masked
// on both sides) and asks for a person; an agent in a second browser context sees the
// conversation arrive and answers with a canned response; the agent resolves and the customer
// rates 5; the supervisor dashboard counts it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { signIn, testApp } from './support/app.js';
import { suiteBrowser } from './support/browser.js';
import { fillCanned, newStaffContext, openAssignment, openDashboard, resolveConversation, sendReply, setPresence, signInToConsole, waitForTimelineMessage } from './support/console-page.js';
import { askForHuman, messages, newCustomerContext, openDemoWallet, openWidget, rate, screenshot, sendAndWait, waitForAnswer, waitForMessage } from './support/widget-page.js';

const seedPhrase = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';

describe('the support flow end to end, with the bot', async () => {
  const app = await testApp({ env: { BOT_ENABLED: 'true' } });
  await app.bot.models.ready();
  const base = await app.listen();
  const browser = await suiteBrowser();
  const admin = await signIn(app, 'admin@walletdesk.local', 'admin-demo-2026');

  test('customer, bot, agent and supervisor', async () => {
    const staff = await newStaffContext(browser, { viewport: 'desktop', locale: 'zh-CN' });
    const customer = await newCustomerContext(browser, { viewport: 'desktop', locale: 'zh-CN' });
    const supervisorContext = await newStaffContext(browser, { viewport: 'desktop', locale: 'en' });
    try {
      // Sam Chen is in both the payments and the security team, so whichever the bot hands over to, he answers.
      const console = await signInToConsole(staff, base, 'sam.chen@walletdesk.local', 'agent-demo-2026');
      await setPresence(console, 'online');

      const wallet = await openDemoWallet(customer, base, { customer: 'demo-alice', lang: 'zh-CN' });
      const chat = await openWidget(wallet);
      // The bot greets with its issue-type menu.
      await waitForMessage(chat, 'bot', /智能客服/);
      await chat.getByRole('button', { name: '付款失败' }).first().waitFor();

      // Asked in Chinese, answered by the bot from the customer's own wallet.
      const question = await sendAndWait(chat, '我刚才付款失败了，怎么回事');
      const asked = Number(await question.getAttribute('data-seq'));
      const answer = await waitForAnswer(chat, 'bot', asked);
      assert.match(await answer.innerText(), /[\u4e00-\u9fff]/, 'answered in Chinese');
      await screenshot(wallet, 'flow-bot-answer-desktop');

      await askForHuman(chat, '转人工客服');
      const conversationId = await openAssignment(console);

      // A seed phrase is hidden before anyone sees it, the customer included.
      const masked = await sendAndWait(chat, /\[助记词已隐藏\]/, `我的助记词是 ${seedPhrase}`);
      assert.doesNotMatch(await masked.innerText(), /abandon/);
      const shown = await waitForTimelineMessage(console, 'customer', /助记词已隐藏/);
      assert.doesNotMatch((await shown.textContent()) ?? '', /abandon/);
      assert.doesNotMatch(await console.content(), /abandon abandon/);
      // The bot's handover summary is there for the agent.
      await console.getByText('机器人小结').first().waitFor();

      const filled = await fillCanned(console, 'hello');
      assert.match(filled, /Sam Chen/);
      await sendReply(console);
      const reply = await waitForMessage(chat, 'agent', filled.slice(0, 12));
      assert.match(await reply.innerText(), /Sam Chen/);
      await screenshot(console, 'flow-agent-desktop');
      await screenshot(wallet, 'flow-customer-desktop');

      await resolveConversation(console, 'answered', '解决');
      await rate(chat, '5 分（满分 5 分）', '提交评价');
      const [rating] = await app.db.query<{ score: number }>('select score from conversation_ratings where conversation_id = $1', [conversationId]);
      assert.equal(rating!.score, 5);
      assert.ok((await messages(chat, 'customer').count()) >= 2);

      const supervisor = await signInToConsole(supervisorContext, base, 'supervisor@walletdesk.local', 'supervisor-demo-2026');
      const figures = await openDashboard(supervisor, base);
      const expected = (await app.http.inject({ method: 'GET', url: '/api/v1/analytics/dashboard', headers: admin.headers })).json();
      assert.ok(expected.today.conversations >= 1);
      assert.equal(figures.volume, String(expected.today.conversations));
      assert.equal(figures.rating, '5.0 ★ (1)');
      await screenshot(supervisor, 'flow-dashboard-desktop');
    } finally {
      await Promise.all([staff.close(), customer.close(), supervisorContext.close()]);
    }
  });
});
