// Secrets a customer (or anyone) types must not survive in storage, logs or outputs. Each text
// path that exists is listed here with a way to push text through it; modules that add paths
// (chat, tickets, e-mail, webhooks, search) add entries and the same checks cover them.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { Writable } from 'node:stream';
import type { App } from '../src/app.js';
import { signIn, testApp } from './support/app.js';
import { backends } from './support/databases.js';
import { openSocket } from './support/ws.js';
import { webhookReceiver } from './support/webhook-receiver.js';
import { smtpPeer } from './support/smtp-peer.js';
import nodemailer from 'nodemailer';

// A fixed phrase (BIP39 test vector): random words such as "give" or "share" would make the
// agent's quoting reply read as asking for the key, and the guard would refuse it some runs.
const seedPhrase = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
const privateKey = '4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318';
const password = 'Tr0ub4dor&3x';
const code = '483920';
const secrets = { seedPhrase, privateKey, password, code };
const secretText = `help, my seed is ${seedPhrase}, private key ${privateKey}, my password is ${password} and the verification code is ${code}`;

/** The app listens once; every path that needs a socket shares the address. */
const listening = new WeakMap<App, Promise<string>>();
function realtimeUrl(app: App): Promise<string> {
  if (!listening.has(app)) listening.set(app, app.listen());
  return listening.get(app)!.then((base) => `${base.replace(/^http/, 'ws')}/api/v1/realtime`);
}

interface TextPath {
  name: string;
  send(app: App, text: string): Promise<void>;
}

const paths: TextPath[] = [
  {
    name: 'request URLs in the access log',
    async send(app, text) {
      const admin = await signIn(app, 'admin@walletdesk.local', 'admin-demo-2026');
      await app.http.inject({ method: 'GET', url: `/api/v1/audit-events?action=${encodeURIComponent(text)}`, headers: admin.headers });
    },
  },
  {
    name: 'sign-in attempts (audited with the e-mail typed)',
    async send(app, text) {
      await app.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: text.slice(0, 200), password: 'whatever-123' } });
    },
  },
  {
    name: 'audit details written by any module',
    async send(app, text) {
      await app.audit.record({ actor: { type: 'system', id: null, ip: null }, action: 'test.note', details: { reason: text, nested: [{ note: text }] } });
    },
  },
  {
    name: 'wallet account actions: freeze, unfreeze and refund-request reasons',
    async send(app, text) {
      const agent = await signIn(app, 'li.na@walletdesk.local', 'agent-demo-2026');
      const supervisor = await signIn(app, 'supervisor@walletdesk.local', 'supervisor-demo-2026');
      await app.http.inject({ method: 'POST', url: '/api/v1/customers/demo-0030/freeze', headers: agent.headers, payload: { reason: text.slice(0, 500) } });
      await app.http.inject({ method: 'POST', url: '/api/v1/customers/demo-0030/unfreeze', headers: supervisor.headers, payload: { reason: text.slice(0, 500) } });
      const paid = (await app.http.inject({ method: 'GET', url: '/api/v1/customers/demo-0030/transactions?type=payment&status=succeeded&limit=1', headers: agent.headers })).json().items[0];
      const res = await app.http.inject({ method: 'POST', url: `/api/v1/customers/demo-0030/transactions/${paid.reference}/refund-requests`, headers: agent.headers, payload: { reason: text.slice(0, 500) } });
      assert.equal(res.statusCode, 201, res.body);
    },
  },
  {
    name: 'help center: "was this helpful?" comments (API and form) and search queries',
    async send(app, text) {
      const res = await app.http.inject({ method: 'POST', url: '/api/v1/help/articles/reset-login-password/votes', payload: { lang: 'en', helpful: false, comment: text.slice(0, 1000) } });
      assert.equal(res.statusCode, 204, res.body);
      await app.http.inject({ method: 'POST', url: '/help/zh-CN/articles/reset-login-password/vote', payload: new URLSearchParams({ helpful: 'no', comment: text.slice(0, 1000) }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      await app.http.inject({ method: 'GET', url: `/help/en/search?q=${encodeURIComponent(text.slice(0, 200))}` });
      await app.http.inject({ method: 'GET', url: `/api/v1/help/search?q=${encodeURIComponent(text.slice(0, 200))}` });
    },
  },
  {
    name: 'chat messages from customers (WebSocket frames and REST)',
    async send(app, text) {
      const token = (await app.http.inject({ method: 'POST', url: '/api/v1/demo/customer-tokens', payload: { customerId: 'demo-alice' } })).json().token;
      const headers = { 'x-customer-token': token };
      const conversation = (await app.http.inject({ method: 'POST', url: '/api/v1/widget/conversations', headers, payload: { channel: 'api' } })).json();
      const res = await app.http.inject({ method: 'POST', url: `/api/v1/widget/conversations/${conversation.id}/messages`, headers, payload: { clientId: 'leak-1', text } });
      assert.equal(res.statusCode, 201, res.body);
      const ws = await openSocket(await realtimeUrl(app));
      await ws.request({ type: 'auth', token });
      const ack = await ws.request({ type: 'send', clientId: 'leak-2', text });
      assert.equal(ack.type, 'ack', JSON.stringify(ack));
      ws.close();
    },
  },
  {
    name: 'the bot: what it stores of a turn (dialogue state, knowledge gaps) and the handover summary',
    async send(app, text) {
      await app.bot.models.ready();
      const ws = await openSocket(await realtimeUrl(app));
      await ws.request({ type: 'auth', token: (await app.conversations.tokens.issueVisitor()).token });
      const fromBot = (f: Record<string, unknown>) => f.type === 'message' && (f.message as { author: string }).author === 'bot';
      await ws.request({ type: 'send', clientId: 'bot-leak-1', text });
      await ws.next(fromBot, 15_000);
      await ws.request({ type: 'send', clientId: 'bot-leak-2', text: `${text} 转人工` });
      await ws.next((f) => fromBot(f) && /人工|person/.test((f.message as { text: string }).text), 15_000);
      ws.close();
    },
  },
  {
    name: 'tickets: a customer request (subject, description, transaction, custom field) and the agent note and reply',
    async send(app, text) {
      const token = (await app.conversations.tokens.issueVisitor()).token;
      const created = await app.http.inject({
        method: 'POST',
        url: '/api/v1/widget/tickets',
        headers: { 'x-customer-token': token },
        payload: { category: 'top_up', subject: text.slice(0, 200), description: text, email: 'leak@example.com', transaction: { reference: text.slice(0, 100), errorMessage: text.slice(0, 500) }, fields: { top_up_method: 'bank_card', bank_name: text.slice(0, 500) } },
      });
      assert.equal(created.statusCode, 201, created.body);
      const agent = await signIn(app, 'li.na@walletdesk.local', 'agent-demo-2026');
      await app.http.inject({ method: 'POST', url: `/api/v1/tickets/${created.json().id}/notes`, headers: agent.headers, payload: { body: `customer wrote: ${text}` } });
      await app.http.inject({ method: 'POST', url: `/api/v1/tickets/${created.json().id}/replies`, headers: agent.headers, payload: { body: `You wrote: ${text}` } });
      await app.http.inject({ method: 'POST', url: `/api/v1/widget/tickets/${created.json().id}/replies`, headers: { 'x-customer-token': token }, payload: { body: text } });
    },
  },
  {
    name: 'callbacks: the note of a callback request (widget, agent on behalf, help-center form)',
    async send(app, text) {
      const token = (await app.conversations.tokens.issueVisitor()).token;
      const headers = { 'x-customer-token': token };
      const [first, second, third] = (await app.http.inject({ method: 'GET', url: '/api/v1/widget/callbacks/options?topic=top_up&timezone=Asia/Shanghai', headers })).json().slots;
      const booked = await app.http.inject({ method: 'POST', url: '/api/v1/widget/callbacks', headers, payload: { topic: 'top_up', timezone: 'Asia/Shanghai', phone: '13800138009', slotStartsAt: first.startsAt, note: text.slice(0, 1000) } });
      assert.equal(booked.statusCode, 201, booked.body);
      const agent = await signIn(app, 'li.na@walletdesk.local', 'agent-demo-2026');
      const contactId = (await app.http.inject({ method: 'GET', url: '/api/v1/callbacks', headers: agent.headers })).json().items.find((c: { id: string }) => c.id === booked.json().id).contactId;
      const onBehalf = await app.http.inject({ method: 'POST', url: '/api/v1/callbacks', headers: agent.headers, payload: { contactId, topic: 'top_up', timezone: 'Asia/Shanghai', phone: '13800138009', slotStartsAt: second.startsAt, note: `customer said: ${text}`.slice(0, 1000) } });
      assert.equal(onBehalf.statusCode, 201, onBehalf.body);
      const form = new URLSearchParams({ topic: 'top_up', tz: 'Asia/Shanghai', slot: third.startsAt, phone: '+86 138 0013 8009', email: '', note: text.slice(0, 1000) });
      const page = await app.http.inject({ method: 'POST', url: '/help/en/callbacks/new', headers: { origin: app.config.publicUrl, 'content-type': 'application/x-www-form-urlencoded' }, payload: form.toString() });
      assert.equal(page.statusCode, 201, page.body);
    },
  },
  {
    name: 'call tasks: the note of a call (its attempt, the ticket note it leaves, the knowledge gap it logs)',
    async send(app, text) {
      const agent = await signIn(app, 'li.na@walletdesk.local', 'agent-demo-2026');
      const ticket = await app.http.inject({ method: 'POST', url: '/api/v1/tickets', headers: agent.headers, payload: { category: 'payment_failed', description: 'Payment failed at the shop', email: 'visit@example.com' } });
      await app.http.inject({ method: 'PATCH', url: `/api/v1/tickets/${ticket.json().id}`, headers: agent.headers, payload: { status: 'solved' } });
      await app.callbacks.visits.ticketSolved(ticket.json().id);
      const task = (await app.http.inject({ method: 'GET', url: '/api/v1/calls?view=all&limit=200', headers: agent.headers })).json().items.find((t: { ticketId: string }) => t.ticketId === ticket.json().id);
      const done = await app.http.inject({ method: 'POST', url: `/api/v1/calls/${task.id}/outcome`, headers: agent.headers, payload: { outcome: 'reached', answers: { resolved: false }, reason: 'misuse', note: text.slice(0, 4000), followUp: { action: 'reopen_ticket' } } });
      assert.equal(done.statusCode, 200, done.body);
    },
  },
  {
    name: 'e-mail: a mail to the support address (body, subject, sender name) filed as a ticket',
    async send(app, text) {
      const { port } = (await app.email.listen())!;
      await nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true }).sendMail({ from: { name: text.slice(0, 60), address: 'leaky@example.com' }, to: app.config.SUPPORT_EMAIL, subject: text.slice(0, 150), text });
    },
  },
];

function findLeaks(haystack: string): string[] {
  const flat = haystack.replace(/\\n/g, ' ').replace(/\s+/g, ' ');
  return Object.entries(secrets)
    .filter(([, value]) => flat.includes(value.replace(/\s+/g, ' ')) || (value === seedPhrase && flat.includes(seedPhrase.split(' ').slice(0, 8).join(' '))))
    .map(([name]) => name);
}

async function everyTextInTheDatabase(app: App): Promise<string> {
  const columns = await app.db.query<{ table_name: string; column_name: string }>(
    `select table_name, column_name from information_schema.columns
      where table_schema = 'public' and data_type in ('text', 'jsonb', 'json', 'character varying', 'ARRAY')`,
  );
  const parts: string[] = [];
  for (const { table_name, column_name } of columns) {
    const rows = await app.db.query<{ v: string | null }>(`select "${column_name}"::text as v from "${table_name}"`);
    for (const r of rows) if (r.v) parts.push(r.v);
  }
  return parts.join('\n');
}

for (const backend of backends) {
  describe(`no secret survives any text path (${backend})`, async () => {
    let logs = '';
    const logTo = new Writable({ write(chunk, _enc, done) { logs += chunk.toString(); done(); } });
    // Mail goes out through a real SMTP relay, and what it receives is checked like the logs.
    const relay = await smtpPeer();
    const app = await testApp({ backend, env: { LOG_LEVEL: 'info', BOT_ENABLED: 'true', EMAIL_INBOUND: 'true', SMTP_LISTEN_PORT: '0', SMTP_LISTEN_HOST: '127.0.0.1', SMTP_RELAY_URL: relay.url, EMAIL_POLL_MS: '50' }, logTo });
    // Every event of the run goes to a real receiver; what it gets is checked like the logs.
    const receiver = await webhookReceiver();
    const subscribed = await app.http.inject({ method: 'POST', url: '/api/v1/webhooks', headers: (await signIn(app, 'admin@walletdesk.local', 'admin-demo-2026')).headers, payload: { url: receiver.url, events: ['*'] } });
    assert.equal(subscribed.statusCode, 201, subscribed.body);

    for (const path of paths) {
      test(path.name, async () => {
        const logsBefore = logs.length;
        await path.send(app, secretText);
        const stored = await everyTextInTheDatabase(app);
        // The failure names the stored values that leak, so the path is found without a debugger.
        assert.deepEqual(findLeaks(stored), [], `database: ${stored.split('\n').filter((v) => findLeaks(v).length).map((v) => v.slice(0, 120)).join(' | ')}`);
        assert.deepEqual(findLeaks(logs), [], 'logs');
        assert.ok(logs.length >= logsBefore, 'the path was exercised');
      });
    }

    test('webhook payloads sent during the chat with secrets', async () => {
      const customerMessages = (got: { body: string }[]) => got.filter((r) => r.body.includes('"type":"message.created"') && r.body.includes('"authorType":"customer"'));
      const received = customerMessages(await receiver.until((got) => customerMessages(got).length >= 2));
      const bodies = received.map((r) => r.body).join('\n');
      assert.deepEqual(findLeaks(bodies), []);
      assert.ok(bodies.includes('[seed phrase hidden]') || bodies.includes('[助记词已隐藏]'), 'the masked text was delivered');
    });

    test('mail sent to customers about their tickets', async () => {
      await relay.until(() => relay.delivered.some((d) => d.envelope.to.includes('leak@example.com') && (d.mail.text ?? '').includes('You wrote')));
      // Decoded as a mail client shows it (bodies travel quoted-printable or base64), and raw.
      assert.deepEqual(findLeaks(relay.delivered.map((d) => [d.mail.subject, d.mail.text, d.mail.html, d.raw].join('\n')).join('\n')), []);
    });

    test('the search index holds none of it', () => {
      for (const value of [password, code, privateKey, seedPhrase]) {
        assert.deepEqual(app.knowledge.knowledge.search({ q: value, includeDrafts: true, limit: 5 }).filter((hit) => findLeaks(hit.snippetHtml + hit.titleHtml).length > 0), []);
      }
    });

    test('the masked text is what was stored', async () => {
      const stored = await everyTextInTheDatabase(app);
      assert.ok(stored.includes('[seed phrase hidden]') || stored.includes('[助记词已隐藏]'));
      assert.ok(stored.includes('[verification code hidden]') || stored.includes('[验证码已隐藏]'));
    });
  });
}

test('walletdesk guard scan prints the masked text and never the secrets', () => {
  const out = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', 'guard', 'scan', '--lang', 'en'], { input: secretText, encoding: 'utf8' });
  assert.equal(out.status, 0, out.stderr);
  const result = JSON.parse(out.stdout);
  assert.deepEqual(findLeaks(out.stdout), []);
  assert.deepEqual(result.findings.map((f: { type: string }) => f.type), ['seed_phrase', 'private_key', 'password', 'verification_code']);
  assert.equal(result.scam, false);
  assert.ok(Object.keys(result).includes('masked'));
});
