import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { signIn, testApp } from './support/app.js';
import { openSocket, type TestSocket } from './support/ws.js';

type Frame = Record<string, unknown>;
interface ChatMessage {
  seq: number;
  author: string;
  kind: string;
  text: string;
  payload: Record<string, unknown>;
}

/** The bot over the real WebSocket, with the trained model and the demo wallet. */
describe('the bot in a live chat', async () => {
  const app = await testApp({ env: { BOT_ENABLED: 'true' } });
  await app.bot.models.ready();
  const base = await app.listen();
  const wsUrl = `${base.replace(/^http/, 'ws')}/api/v1/realtime`;
  const admin = await signIn(app, 'admin@walletdesk.local', 'admin-demo-2026');
  let clientIds = 0;

  async function chat(token: string, language?: string) {
    const ws = await openSocket(wsUrl);
    const ready = await ws.request({ type: 'auth', token, ...(language ? { language } : {}) });
    const conversationId = (ready.conversation as { id: string }).id;
    return { ws, conversationId, ...talk(ws) };
  }

  function talk(ws: TestSocket) {
    const fromBot = (f: Frame) => f.type === 'message' && (f.message as ChatMessage).author === 'bot';
    return {
      /** Sends, then collects the bot's messages until one matches `until`. */
      async say(text: string, until: (m: ChatMessage) => boolean, extra: Frame = {}): Promise<ChatMessage[]> {
        const ack = await ws.request({ type: 'send', clientId: `c${++clientIds}`, text, ...extra });
        assert.equal(ack.type, 'ack', JSON.stringify(ack));
        return collect(until);
      },
      collect,
    };
    async function collect(until: (m: ChatMessage) => boolean): Promise<ChatMessage[]> {
      const seen: ChatMessage[] = [];
      for (;;) {
        const frame = await ws.next(fromBot, 15_000).catch((err: Error) => {
          throw new Error(`${err.message}; the bot had said: ${JSON.stringify(seen.map((m) => [m.kind, m.text, m.payload]))}`);
        });
        const m = frame.message as ChatMessage;
        seen.push(m);
        if (until(m)) return seen;
      }
    }
  }

  const conversation = async (id: string) => (await app.http.inject({ method: 'GET', url: `/api/v1/conversations/${id}`, headers: admin.headers })).json().conversation;
  const notes = async (id: string) => (await app.http.inject({ method: 'GET', url: `/api/v1/conversations/${id}/notes`, headers: admin.headers })).json().items as { text: string }[];
  const customerToken = (id: string, locale: 'zh-CN' | 'en' = 'zh-CN') => app.conversations.tokens.signCustomer(id, { locale });
  const visitorToken = async () => (await app.conversations.tokens.issueVisitor()).token;
  const isSolvedCheck = (m: ChatMessage) => m.kind === 'quick_replies' && (m.payload.options as { value: string }[]).some((o) => o.value === 'solved:yes');

  test('a new chat is greeted with the issue-type menu in its language', async () => {
    const c = await chat(await visitorToken(), 'en');
    const [greeting, menu] = await c.collect((m) => m.kind === 'quick_replies');
    assert.match(greeting!.text, /WalletDesk assistant/);
    const options = menu!.payload.options as { value: string; label: string }[];
    assert.ok(options.some((o) => o.value === 'intent:top_up_not_arrived'));
    assert.ok(options.some((o) => o.value === 'human'));
  });

  test('a verified customer asking "我昨天的转账怎么还没到" gets that transfer diagnosed', async () => {
    const c = await chat(await customerToken('demo-chen'));
    await c.collect((m) => m.kind === 'quick_replies');
    const replies = await c.say('我昨天的转账怎么还没到', isSolvedCheck);
    const card = replies.find((m) => m.kind === 'card');
    const transaction = (card?.payload.card as { type: string; transaction: { type: string; status: string; amount: { amount: number } } }).transaction;
    assert.deepEqual([transaction.type, transaction.status, transaction.amount.amount], ['transfer', 'pending', 300_000]);
    assert.ok(replies.some((m) => /审核/.test(m.text)), replies.map((m) => m.text).join(' | '));

    // "Did this solve it?" - "Yes": the bot contained it.
    await c.say('已解决', (m) => m.kind === 'text', { quickReply: 'solved:yes' });
    const [session] = await app.db.query<{ outcome: string }>('select outcome from bot_sessions where conversation_id = $1', [c.conversationId]);
    assert.equal(session!.outcome, 'contained');
  });

  test('"转人工" hands over with a summary the agent can read, and the bot then stays quiet', async () => {
    const c = await chat(await customerToken('demo-alice'));
    await c.collect((m) => m.kind === 'quick_replies');
    const asked = await c.say('付款失败了', (m) => m.kind === 'quick_replies');
    const options = asked[asked.length - 1]!.payload.options as { value: string; label: string }[];
    if (options[0]!.value.startsWith('tx:')) {
      // Several failed payments: the bot asks which one; the customer taps the newest.
      await c.say(options[0]!.label, isSolvedCheck, { quickReply: options[0]!.value });
    }
    await c.say('转人工', (m) => /人工客服/.test(m.text));
    const handed = await conversation(c.conversationId);
    assert.ok(['queued', 'assigned'].includes(handed.status));
    assert.equal(handed.category, 'payment_failed');
    const [summary] = await notes(c.conversationId);
    assert.match(summary!.text, /机器人小结/);
    assert.match(summary!.text, /客户要求转人工/);
    assert.match(summary!.text, /payment_failed/);
    assert.match(summary!.text, /INSUFFICIENT_BALANCE/);
    assert.match(summary!.text, /PY\d{8}/, 'the referenced transaction');

    await c.ws.request({ type: 'send', clientId: `c${++clientIds}`, text: '还在吗？' });
    await assert.rejects(c.ws.next((f) => f.type === 'message' && (f.message as ChatMessage).author === 'bot', 800), 'no bot message once a person is on the way');
  });

  test('a scam story takes the emergency path: advice at once, a person at top priority', async () => {
    const c = await chat(await visitorToken());
    await c.collect((m) => m.kind === 'quick_replies');
    const replies = await c.say('有人打电话说是客服，说我账户有风险，让我把钱转到安全账户，还要我报验证码', (m) => /安全专员/.test(m.text));
    assert.ok(replies.some((m) => /安全账户|诈骗|scam/i.test(m.text)));
    const handed = await conversation(c.conversationId);
    assert.equal(handed.priority, 'urgent');
    assert.ok(['queued', 'assigned'].includes(handed.status));
    // And a return visit is planned to check the customer is safe (the seeded security rule).
    const planned = async () => app.db.query<{ purpose: string; priority: string }>('select purpose, priority from call_tasks where conversation_id = $1', [c.conversationId]);
    for (let i = 0; i < 50 && (await planned()).length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual((await planned()).map((t) => ({ ...t })), [{ purpose: 'problem_check', priority: 'urgent' }]);
  });

  test('an English speaker is answered in English, and a visitor is never shown account data', async () => {
    const c = await chat(await visitorToken());
    await c.collect((m) => m.kind === 'quick_replies');
    const replies = await c.say('hi, my top up has not arrived in my balance yet', isSolvedCheck);
    assert.ok(replies.every((m) => !/[\u4e00-\u9fff]/.test(m.text)), replies.map((m) => m.text).join(' | '));
    assert.ok(replies.some((m) => /signed in/.test(m.text)));
    assert.ok(!replies.some((m) => m.kind === 'card' && (m.payload.card as { type: string }).type === 'transaction'));
    assert.equal((await conversation(c.conversationId)).language, 'en');
  });

  test('two unsure turns in a row hand over, and the questions land in the knowledge-gap review', async () => {
    const c = await chat(await visitorToken());
    await c.collect((m) => m.kind === 'quick_replies');
    await c.say('我想问一下你们支持用数字人民币硬钱包碰一碰吗', (m) => m.kind === 'quick_replies' || m.kind === 'card');
    const [gap] = await app.db.query<{ text: string }>('select text from knowledge_gaps where conversation_id = $1', [c.conversationId]);
    assert.ok(gap, 'the first unsure question is recorded');
    const second = await c.say('就是那个碰一碰的数字人民币硬钱包啊到底行不行', (m) => /人工客服|quick_replies/.test(m.text) || m.kind === 'quick_replies');
    const last = second[second.length - 1]!;
    if (last.kind === 'quick_replies') {
      // The second guess was a reading the bot offered: a third unsure turn hands over.
      await c.say('都不是，我说的是数字人民币硬钱包', (m) => /人工客服/.test(m.text));
    }
    assert.ok(['queued', 'assigned'].includes((await conversation(c.conversationId)).status));
    const review = await app.http.inject({ method: 'GET', url: '/api/v1/bot/gaps', headers: admin.headers });
    assert.equal(review.statusCode, 200);
    const group = (review.json().items as { question: string; count: number; gaps: { id: string }[] }[]).find((g) => /数字人民币/.test(g.question));
    assert.ok(group && group.count >= 2, JSON.stringify(review.json().items.slice(0, 3)));

    const drafted = await app.http.inject({ method: 'POST', url: '/api/v1/bot/gaps/article', headers: admin.headers, payload: { gapIds: group.gaps.map((g) => g.id), title: '支持数字人民币硬钱包吗？', lang: 'zh-CN' } });
    assert.equal(drafted.statusCode, 201, drafted.body);
    const article = (await app.http.inject({ method: 'GET', url: `/api/v1/kb/articles/${drafted.json().articleId}`, headers: admin.headers })).json();
    assert.equal(article.status, 'draft');
  });

  test('admins teach a new intent and the model retrains; agents may not', async () => {
    const agent = await signIn(app, 'li.na@walletdesk.local', 'agent-demo-2026');
    const body = { category: 'top_up', description: { 'zh-CN': '数字人民币', en: 'Digital yuan' }, examples: { 'zh-CN': ['数字人民币能充值吗', '支持数字人民币吗', '数币钱包怎么用'], en: ['can I top up with e-CNY', 'do you support digital yuan'] } };
    assert.equal((await app.http.inject({ method: 'PUT', url: '/api/v1/bot/intents/digital_yuan', headers: agent.headers, payload: body })).statusCode, 403);
    const secret = await app.http.inject({ method: 'PUT', url: '/api/v1/bot/intents/digital_yuan', headers: admin.headers, payload: { ...body, examples: { ...body.examples, en: ['my password is Hunter2!x9 help'] } } });
    assert.equal(secret.statusCode, 400, 'a secret pasted into an example is refused');
    assert.equal((await app.http.inject({ method: 'PUT', url: '/api/v1/bot/intents/digital_yuan', headers: admin.headers, payload: body })).statusCode, 200);
    const before = app.bot.models.current()!.version;
    const trained = await app.http.inject({ method: 'POST', url: '/api/v1/bot/models', headers: admin.headers });
    assert.equal(trained.statusCode, 200);
    assert.ok(trained.json().active > before);
    assert.ok(app.bot.models.current()!.model.intents.includes('digital_yuan'));
  });

  test('follow-ups keep the topic: "昨天那笔呢" diagnoses yesterday\'s failed payment', async () => {
    const c = await chat(await customerToken('demo-frank'));
    await c.collect((m) => m.kind === 'quick_replies');
    const first = await c.say('付款失败了', (m) => m.kind === 'quick_replies');
    assert.ok((first[first.length - 1]!.payload.options as { value: string }[])[0]!.value.startsWith('tx:'), 'several failed payments: the bot asks which');
    let replies = await c.say('昨天那笔呢', (m) => isSolvedCheck(m) || m.kind === 'quick_replies');
    const again = replies[replies.length - 1]!;
    if (!isSolvedCheck(again)) {
      // Just after midnight (China time) the payment made ten minutes ago was also "yesterday":
      // the bot rightly asks again, among yesterday's payments only.
      const options = again.payload.options as { value: string; label: string }[];
      assert.ok(options.length < (first[first.length - 1]!.payload.options as unknown[]).length, 'the date narrowed the choice');
      const meituan = options.find((o) => o.label.includes('159'))!;
      replies = await c.say(meituan.label, isSolvedCheck, { quickReply: meituan.value });
    }
    const card = replies.find((m) => m.kind === 'card')!.payload.card as { transaction: { type: string; status: string; amount: { amount: number } } };
    assert.deepEqual([card.transaction.type, card.transaction.amount.amount], ['payment', 15_900], 'the 美团外卖 payment that timed out yesterday');
  });


  test('how vs mine: asking how to withdraw with one in flight offers to check it; asking after one that does not exist brings the general answer', async () => {
    const c = await chat(await customerToken('demo-dana'));
    await c.collect((m) => m.kind === 'quick_replies');
    const replies = await c.say('怎么把钱包里的钱提现到银行卡', isSolvedCheck);
    assert.ok(replies.some((m) => m.kind === 'card' && (m.payload.card as { type: string }).type === 'article'), 'the how-to is answered from the knowledge base');
    const mine = (replies[replies.length - 1]!.payload.options as { value: string; label: string }[]).find((o) => o.value === 'intent:withdrawal_pending');
    assert.ok(mine, 'the withdrawal of four hours ago, still pending, is offered');
    assert.match(mine.label, /提现.*200\.00.*处理中/);
    const checked = await c.say(mine.label, isSolvedCheck, { quickReply: mine.value });
    const card = checked.find((m) => m.kind === 'card')!.payload.card as { transaction: { type: string; status: string; amount: { amount: number } } };
    assert.deepEqual([card.transaction.type, card.transaction.status, card.transaction.amount.amount], ['withdrawal', 'pending', 20_000]);

    // Someone with nothing in flight gets the how-to alone.
    const other = await chat(await customerToken('demo-0007'));
    await other.collect((m) => m.kind === 'quick_replies');
    const plain = await other.say('怎么把钱包里的钱提现到银行卡', isSolvedCheck);
    assert.deepEqual((plain[plain.length - 1]!.payload.options as { value: string }[]).map((o) => o.value), ['solved:yes', 'solved:no']);

    // Asking after one of their own when there is none: told so, given the general answer, and
    // (a person can search further than the bot) handed over.
    await app.wallet.ledger.createCustomer({ externalId: 'new-customer', displayName: '新用户', phone: '13900009999' });
    const fresh = await chat(await customerToken('new-customer'));
    await fresh.collect((m) => m.kind === 'quick_replies');
    const none = await fresh.say('我提现的钱怎么还没到账', (m) => /转接/.test(m.text));
    assert.ok(none.some((m) => /没有找到|找不到|没找到/.test(m.text)), none.map((m) => m.text).join(' | '));
    assert.ok(none.some((m) => m.kind === 'card' && (m.payload.card as { type: string }).type === 'article'), none.map((m) => m.text).join(' | '));
  });

  test('an angry customer is handed over at high priority', async () => {
    const c = await chat(await visitorToken());
    await c.collect((m) => m.kind === 'quick_replies');
    await c.say('什么破APP，充值半天不到账，垃圾！！！', (m) => /人工客服/.test(m.text));
    const handed = await conversation(c.conversationId);
    assert.equal(handed.priority, 'high');
    assert.match((await notes(c.conversationId))[0]!.text, /客户情绪激动/);
  });

  test('"给我回个电话" is offered a booked call back or a person now, and nobody is queued yet', async () => {
    const c = await chat(await customerToken('demo-eve', 'zh-CN'), 'zh-CN');
    await c.collect((m) => m.kind === 'quick_replies');
    const offer = await c.say('给我回个电话吧', (m) => m.kind === 'quick_replies');
    const last = offer[offer.length - 1]!;
    assert.match(last.text, /预约客服回电/);
    assert.deepEqual((last.payload.options as { value: string }[]).map((o) => o.value), ['callback', 'human']);
    assert.equal((await conversation(c.conversationId)).status, 'bot');
  });

  test("outside the team's hours the bot offers a request or a call back, and a request waits in the queue labelled", async () => {
    const teams = (await app.http.inject({ method: 'GET', url: '/api/v1/teams', headers: admin.headers })).json().items as { id: string; name: string }[];
    const security = teams.find((t) => t.name.includes('Security'))!;
    const closed = { timeZone: 'Asia/Shanghai', weekly: {}, holidays: [] };
    assert.equal((await app.http.inject({ method: 'PATCH', url: `/api/v1/teams/${security.id}`, headers: admin.headers, payload: { businessHours: closed } })).statusCode, 200);
    try {
      const c = await chat(await customerToken('demo-bob', 'en'), 'en');
      await c.collect((m) => m.kind === 'quick_replies');
      const offer = await c.say('I want to make a formal complaint about your service', (m) => m.kind === 'quick_replies');
      const last = offer[offer.length - 1]!;
      assert.match(last.text, /offline/);
      assert.deepEqual((last.payload.options as { value: string }[]).map((o) => o.value), ['ticket', 'callback']);
      assert.equal((await conversation(c.conversationId)).status, 'bot', 'not queued for nobody');
      await c.say('Leave a request', (m) => /recorded/.test(m.text), { quickReply: 'ticket' });
      const waiting = await conversation(c.conversationId);
      assert.equal(waiting.status, 'queued');
      assert.ok(waiting.labels.includes('after_hours'));
    } finally {
      await app.http.inject({ method: 'PATCH', url: `/api/v1/teams/${security.id}`, headers: admin.headers, payload: { businessHours: null } });
    }
  });
});
