// The e-mail channel over real SMTP on loopback: a nodemailer client sends to WalletDesk's
// listener, and WalletDesk's outbound worker sends to a real smtp-server standing in for the
// relay. Only the port to tickets (the inbound handler) is a fake, recording what it is given.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { generateMnemonic } from '@scure/bip39';
import { wordlist as english } from '@scure/bip39/wordlists/english.js';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { uuidv7 } from 'uuidv7';
import { loadConfig } from '../src/config.js';
import { createEmail, type Email, type InboundMail, type OutgoingMail } from '../src/modules/email/index.js';
import { maskDeep } from '../src/modules/guard/index.js';
import { createHttpServer } from '../src/platform/http/server.js';
import { createLogger } from '../src/platform/log.js';
import type { App } from '../src/app.js';
import { signIn, testApp, type Session } from './support/app.js';
import { backends } from './support/databases.js';
import { smtpPeer } from './support/smtp-peer.js';

const SUPPORT = 'support@walletdesk.example';
const seedPhrase = generateMnemonic(english);
const password = 'Tr0ub4dor&3x';
const secretText = `Hello, my top-up failed. My seed phrase is ${seedPhrase} and my password is ${password}, please check.`;

/** The tickets side of the port: records each mail and files it on a ticket (a thread's, a reference's, or a new one). */
function recordingHandler() {
  const calls: InboundMail[] = [];
  const byReference = new Map<string, string>();
  let failures = 0;
  return {
    calls,
    byReference,
    failNext(n: number) {
      failures = n;
    },
    async handle(mail: InboundMail): Promise<{ ticketId: string }> {
      if (failures > 0) {
        failures--;
        throw new Error('tickets are unavailable');
      }
      calls.push(mail);
      const ticketId = mail.threadTicketId ?? (mail.ticketReference && byReference.get(mail.ticketReference)) ?? uuidv7();
      return { ticketId };
    },
  };
}

interface MessageView {
  id: string;
  direction: string;
  status: string;
  reason: string | null;
  messageId: string;
  from: { address: string; name: string };
  to: string[];
  subject: string;
  text: string;
  ticketId: string | null;
  attachments: { filename: string; contentType: string; sizeBytes: number }[];
  attempts: number;
  lastError: string | null;
}

for (const backend of backends) {
  describe(`e-mail over SMTP (${backend})`, async () => {
    // Registered first, so it runs before the app closes the database.
    const emails: Email[] = [];
    after(async () => {
      for (const e of emails) await e.stop();
    });
    const app: App = await testApp({ backend });
    let now = new Date('2026-11-24T02:00:00Z');
    const clock = () => now;
    let logs = '';
    const logger = createLogger('info', { mask: maskDeep, destination: new Writable({ write(chunk, _enc, done) { logs += chunk.toString(); done(); } }) });
    const relay = await smtpPeer({ user: 'relay-user', password: 'relay-pass' });
    const handler = recordingHandler();

    function emailWith(env: Record<string, string>): Email {
      const config = loadConfig({
        SUPPORT_EMAIL: SUPPORT,
        SMTP_LISTEN_HOST: '127.0.0.1',
        SMTP_LISTEN_PORT: '0',
        EMAIL_MAX_BYTES: String(200 * 1024),
        EMAIL_POLL_MS: '20',
        EMAIL_RETRY_BASE_MS: '60000',
        EMAIL_MAX_ATTEMPTS: '4',
        ...env,
      });
      const email = createEmail({ db: app.db, bus: app.bus, audit: app.audit, config, logger, clock, inbound: (mail) => handler.handle(mail) });
      emails.push(email);
      return email;
    }
    const email = emailWith({ SMTP_RELAY_URL: relay.url });
    const listening = await email.listen();
    assert.ok(listening && listening.port > 0, 'the listener is up');
    email.start();

    const client = nodemailer.createTransport({ host: '127.0.0.1', port: listening.port, secure: false });
    after(() => client.close());
    const deliver = (mail: Mail.Options) => client.sendMail({ from: 'Li Na <li.na@example.com>', to: SUPPORT, ...mail });

    // The admin routes, on a server of their own with the app's sign-in.
    const { app: http } = await createHttpServer({
      logger,
      bodyLimit: 1024 * 1024,
      trustProxy: false,
      publicUrl: 'http://localhost',
      authenticate: app.people.authenticate,
      readiness: { check: async () => {}, draining: () => false },
    });
    await http.register(email.routes);
    await http.ready();
    after(() => http.close());
    const admin = await signIn(app, 'admin@walletdesk.local', 'admin-demo-2026');
    const call = (method: 'GET' | 'POST', url: string, who: Session = admin) => http.inject({ method, url, headers: { ...who.headers, 'accept-language': 'en' } });
    const list = async (query: string): Promise<MessageView[]> => {
      const res = await call('GET', `/api/v1/email/messages${query}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json().items;
    };
    const byMessageId = async (messageId: string) => (await app.db.query<{ id: string; status: string; reason: string | null; ticket_id: string | null; attempts: number; next_attempt_at: Date | null; body_text: string; last_error: string | null }>('select * from email_messages where message_id = $1', [messageId]))[0];
    const byDedupeKey = async (key: string) => (await app.db.query<{ id: string; message_id: string; status: string; attempts: number; next_attempt_at: Date | null }>('select * from email_messages where dedupe_key = $1', [key]))[0]!;
    /** The outbox row once `done` holds (the worker records an attempt just after the relay answers). */
    async function rowWhen(key: string, done: (row: Awaited<ReturnType<typeof byDedupeKey>>) => boolean) {
      for (let i = 0; i < 1000; i++) {
        const row = await byDedupeKey(key);
        if (done(row)) return row;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error(`outbox row ${key} never got there`);
    }

    describe('inbound', () => {
      test('a plain mail is stored, handed to tickets and answered 250 with the stored id', async () => {
        const before = handler.calls.length;
        const info = await deliver({ subject: 'Top-up not arrived', text: 'I topped up 100 CNY an hour ago and it is not in my balance.', messageId: '<plain-1@mail.example.com>' });
        assert.match(info.response, /^250 OK: [0-9a-f-]{36}$/);
        const got = handler.calls.slice(before);
        assert.equal(got.length, 1);
        const mail = got[0]!;
        assert.equal(mail.messageId, '<plain-1@mail.example.com>');
        assert.deepEqual(mail.from, { address: 'li.na@example.com', name: 'Li Na' });
        assert.deepEqual(mail.to, [SUPPORT]);
        assert.equal(mail.subject, 'Top-up not arrived');
        assert.equal(mail.text, 'I topped up 100 CNY an hour ago and it is not in my balance.');
        assert.equal(mail.language, 'en');
        assert.equal(mail.ticketReference, null);
        assert.equal(mail.threadTicketId, null);
        const row = await byMessageId('<plain-1@mail.example.com>');
        assert.equal(row?.status, 'processed');
        assert.ok(row?.ticket_id, 'the ticket the handler returned is recorded');
        assert.equal(info.response.slice('250 OK: '.length), row!.id);
      });

      test('a reply with In-Reply-To finds the ticket of the message it answers', async () => {
        await deliver({ subject: 'Withdrawal pending', text: 'My withdrawal is pending since yesterday.', messageId: '<thread-1@mail.example.com>' });
        const ticketId = (await byMessageId('<thread-1@mail.example.com>'))!.ticket_id!;
        await deliver({ subject: 'Re: Withdrawal pending', text: 'Any news?', messageId: '<thread-2@mail.example.com>', inReplyTo: '<thread-1@mail.example.com>', references: ['<thread-1@mail.example.com>'] });
        const reply = handler.calls.at(-1)!;
        assert.equal(reply.inReplyTo, '<thread-1@mail.example.com>');
        assert.equal(reply.threadTicketId, ticketId);
        // Only References (some clients drop In-Reply-To): still found.
        await deliver({ subject: 'Re: Withdrawal pending', text: 'Hello?', messageId: '<thread-3@mail.example.com>', references: ['<unknown@elsewhere.example>', '<thread-1@mail.example.com>'] });
        assert.equal(handler.calls.at(-1)!.threadTicketId, ticketId);
      });

      test('a ticket token in the subject, or a plus-address, names the ticket', async () => {
        await deliver({ subject: 'Re: 充值未到账 [#WD-7K3M9Q2X]', text: '补充一下订单号 2026112400123' });
        assert.equal(handler.calls.at(-1)!.ticketReference, 'WD-7K3M9Q2X');
        await deliver({ to: 'support+wd-abcd2345@walletdesk.example', subject: 'More details', text: 'Here is the screenshot you asked for.' });
        assert.equal(handler.calls.at(-1)!.ticketReference, 'WD-ABCD2345');
      });

      test('Chinese quoted history is stripped and the language is Chinese', async () => {
        const text = '钱还是没到账，请尽快处理。\n\n------------------ 原始邮件 ------------------\n发件人: "WalletDesk 客服"<support@walletdesk.example>;\n发送时间: 2026年11月24日(星期二) 上午10:02\n主题: 回复：充值未到账\n\n您好，我们已经为您查询了充值记录。\n';
        await deliver({ subject: '回复：充值未到账', text });
        const mail = handler.calls.at(-1)!;
        assert.equal(mail.text, '钱还是没到账，请尽快处理。');
        assert.equal(mail.language, 'zh-CN');
      });

      test('a secret in the body is masked before it is stored and before tickets see it', async () => {
        const logsBefore = logs.length;
        await deliver({ subject: `password is ${password}`, text: secretText, messageId: '<secret-1@mail.example.com>' });
        const mail = handler.calls.at(-1)!;
        for (const leaked of [seedPhrase, password]) {
          assert.ok(!mail.text.includes(leaked) && !mail.subject.includes(leaked), 'the handler never sees it');
        }
        assert.match(mail.text, /\[seed phrase hidden\]/);
        const stored = (await app.db.query<{ all: string }>(`select concat_ws(' ', subject, body_text, from_name, last_error, attachments::text) as all from email_messages`)).map((r) => r.all).join('\n');
        assert.ok(!stored.includes(password) && !stored.includes(seedPhrase.split(' ').slice(0, 6).join(' ')), 'not stored');
        assert.ok(logs.length > logsBefore && !logs.slice(logsBefore).includes(password), 'not logged');
      });

      test('attachments reach tickets with their bytes', async () => {
        const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(3000, 7)]);
        await deliver({ subject: 'Receipt', text: 'The bank receipt is attached.', attachments: [{ filename: 'receipt.pdf', content: pdf, contentType: 'application/pdf' }] });
        const [att] = handler.calls.at(-1)!.attachments;
        assert.equal(att?.filename, 'receipt.pdf');
        assert.equal(att?.contentType, 'application/pdf');
        assert.ok(att?.content.equals(pdf), 'the same bytes');
      });

      test('a message over the size limit is refused with 552 and nothing is stored', async () => {
        const before = handler.calls.length;
        const rows = (await app.db.query('select id from email_messages')).length;
        await assert.rejects(deliver({ subject: 'Huge', text: 'x'.repeat(300 * 1024), messageId: '<huge@mail.example.com>' }), (err: { responseCode?: number }) => err.responseCode === 552);
        assert.equal(handler.calls.length, before);
        assert.equal((await app.db.query('select id from email_messages')).length, rows);
      });

      test('the listener takes mail only for the support address', async () => {
        await assert.rejects(deliver({ to: 'sales@walletdesk.example', subject: 'Hi', text: 'Hi' }), (err: { responseCode?: number }) => err.responseCode === 550);
        await assert.rejects(deliver({ to: 'support@other.example', subject: 'Hi', text: 'Hi' }), (err: { responseCode?: number }) => err.responseCode === 550);
      });

      test('spam is quarantined (stored masked, tickets not called) and an admin can release it', async () => {
        const before = handler.calls.length;
        const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
        const info = await deliver({ subject: 'You won!', text: `Claim now. My password is ${password}`, messageId: '<spam-1@mail.example.com>', headers: { 'X-Spam-Flag': 'YES' }, attachments: [{ filename: 'prize.png', content: png }] });
        assert.match(info.response, /^250 /);
        assert.equal(handler.calls.length, before);
        const row = (await byMessageId('<spam-1@mail.example.com>'))!;
        assert.deepEqual([row.status, row.reason], ['quarantined', 'spam']);
        assert.ok(!row.body_text.includes(password), 'stored masked');

        const quarantined = await list('?direction=inbound&status=quarantined');
        const item = quarantined.find((m) => m.id === row.id)!;
        assert.equal(item.from.address, 'l***@example.com', 'addresses are masked in the list');
        assert.deepEqual(item.attachments, [{ filename: 'prize.png', contentType: 'image/png', sizeBytes: png.length }]);

        const released = await call('POST', `/api/v1/email/messages/${row.id}/release`);
        assert.equal(released.statusCode, 200, released.body);
        assert.equal(released.json().status, 'processed');
        assert.ok(released.json().ticketId, 'filed on a ticket');
        const mail = handler.calls.at(-1)!;
        assert.equal(mail.messageId, '<spam-1@mail.example.com>');
        assert.ok(mail.attachments[0]?.content.equals(png), 'the kept attachment goes with it');
        assert.equal((await app.db.query('select id from email_attachments where email_id = $1', [row.id])).length, 0, 'and is not kept twice');

        const again = await call('POST', `/api/v1/email/messages/${row.id}/release`);
        assert.deepEqual([again.statusCode, again.json().error.code], [409, 'EMAIL_MESSAGE_STATE_CONFLICT']);
        const missing = await call('POST', `/api/v1/email/messages/${uuidv7()}/release`);
        assert.deepEqual([missing.statusCode, missing.json().error.code], [404, 'EMAIL_MESSAGE_NOT_FOUND']);
        const audited = await app.db.query<{ action: string }>(`select action from audit_events where action = 'email.released' and target_id = $1`, [row.id]);
        assert.equal(audited.length, 1);
      });

      test('auto-replies, bulk mail and loops are dropped with a reason', async () => {
        const before = handler.calls.length;
        await deliver({ subject: 'Out of office', text: 'I am away until Monday.', messageId: '<ooo@mail.example.com>', headers: { 'Auto-Submitted': 'auto-replied' } });
        await deliver({ subject: 'Newsletter', text: 'Our offers', messageId: '<bulk@mail.example.com>', headers: { Precedence: 'bulk' } });
        await deliver({ subject: 'Re: x', text: 'echo', messageId: '<0192f0a1-aaaa-7bbb-8ccc-123456789abc@walletdesk.example>' });
        assert.equal(handler.calls.length, before);
        assert.deepEqual([(await byMessageId('<ooo@mail.example.com>'))?.reason, (await byMessageId('<bulk@mail.example.com>'))?.reason], ['auto_reply', 'bulk']);
        const loop = (await app.db.query<{ status: string; reason: string }>(`select status, reason from email_messages where direction = 'inbound' and message_id = '<0192f0a1-aaaa-7bbb-8ccc-123456789abc@walletdesk.example>'`))[0];
        assert.deepEqual(loop, { status: 'dropped', reason: 'loop' });
      });

      test('a redelivered Message-ID is accepted and stored once', async () => {
        const before = handler.calls.length;
        const first = await deliver({ subject: 'Card declined', text: 'My card was declined.', messageId: '<dup-1@mail.example.com>' });
        const second = await deliver({ subject: 'Card declined', text: 'My card was declined.', messageId: '<dup-1@mail.example.com>' });
        assert.match(first.response, /^250 /);
        assert.match(second.response, /^250 OK: duplicate/);
        assert.equal(handler.calls.length, before + 1);
        assert.equal((await app.db.query(`select id from email_messages where message_id = '<dup-1@mail.example.com>'`)).length, 1);
      });

      test('STARTTLS is offered only when a key and certificate are configured', async (t) => {
        const dir = mkdtempSync(join(tmpdir(), 'wd-smtp-tls-'));
        after(() => rmSync(dir, { recursive: true, force: true }));
        const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=localhost']);
        if (made.error || made.status !== 0) return t.skip('openssl is not available to make a test certificate');
        const secure = emailWith({ SMTP_TLS_KEY_FILE: join(dir, 'key.pem'), SMTP_TLS_CERT_FILE: join(dir, 'cert.pem') });
        const { port } = (await secure.listen())!;
        const tlsClient = (p: number) => nodemailer.createTransport({ host: '127.0.0.1', port: p, secure: false, requireTLS: true, tls: { rejectUnauthorized: false } });
        const info = await tlsClient(port).sendMail({ from: 'li.na@example.com', to: SUPPORT, subject: 'Over TLS', text: 'Sent after STARTTLS.', messageId: '<tls-1@mail.example.com>' });
        assert.match(info.response, /^250 /);
        assert.equal(handler.calls.at(-1)!.text, 'Sent after STARTTLS.');
        await assert.rejects(tlsClient(listening.port).sendMail({ from: 'li.na@example.com', to: SUPPORT, subject: 'x', text: 'x' }), /STARTTLS/i);
      });

      test('when tickets fail the sender gets 451, and its retry is processed', async () => {
        handler.failNext(1);
        const before = handler.calls.length;
        await assert.rejects(deliver({ subject: 'KYC', text: 'My ID check failed.', messageId: '<retry-1@mail.example.com>' }), (err: { responseCode?: number }) => err.responseCode === 451);
        const kept = (await byMessageId('<retry-1@mail.example.com>'))!;
        assert.equal(kept.status, 'received', 'stored, waiting for the retry');
        assert.ok(kept.last_error, 'the failure is recorded');
        await deliver({ subject: 'KYC', text: 'My ID check failed.', messageId: '<retry-1@mail.example.com>' });
        assert.equal(handler.calls.length, before + 1);
        assert.equal((await byMessageId('<retry-1@mail.example.com>'))!.status, 'processed');
      });
    });

    describe('outbound', () => {
      const created = (over: Partial<OutgoingMail> = {}): OutgoingMail => ({
        dedupeKey: `created-${uuidv7()}`,
        to: 'li.na@example.com',
        locale: 'en',
        template: 'ticket_created',
        vars: { subject: 'Top-up not arrived', reference: 'WD-7K3M9Q2X', requestUrl: 'https://help.walletdesk.example/help/requests/1?key=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef' },
        ticketReference: 'WD-7K3M9Q2X',
        ...over,
      });
      const deliveredFor = async (key: string) => {
        const { message_id } = await byDedupeKey(key);
        await relay.until(() => relay.delivered.some((d) => d.mail.messageId === message_id));
        return relay.delivered.find((d) => d.mail.messageId === message_id)!;
      };

      test('ticket_created in English: headers, reference, link intact, text and HTML, through the relay with its credentials', async () => {
        const mail = created();
        await email.send(mail);
        const got = await deliveredFor(mail.dedupeKey);
        assert.equal(got.user, 'relay-user');
        assert.deepEqual(got.envelope, { from: SUPPORT, to: ['li.na@example.com'] });
        assert.deepEqual(got.mail.from?.value, [{ address: SUPPORT, name: 'WalletDesk Support' }]);
        assert.deepEqual(got.mail.replyTo?.value.map((a) => a.address), [SUPPORT]);
        assert.equal(got.mail.subject, 'We received your request: Top-up not arrived [#WD-7K3M9Q2X]');
        assert.match(got.mail.messageId!, /^<[0-9a-f-]{36}@walletdesk\.example>$/);
        assert.equal(got.mail.headers.get('auto-submitted'), 'auto-generated');
        assert.ok(got.mail.text!.includes(mail.vars.requestUrl!), 'the link is not masked');
        assert.ok(String(got.mail.html).includes(`href="${mail.vars.requestUrl}"`), 'the HTML part links it');
        const row = await rowWhen(mail.dedupeKey, (r) => r.status !== 'queued');
        assert.deepEqual([row.status, row.attempts], ['sent', 1]);
      });

      test('ticket_created in Chinese', async () => {
        const mail = created({ locale: 'zh-CN', vars: { ...created().vars, subject: '充值未到账' } });
        await email.send(mail);
        const got = await deliveredFor(mail.dedupeKey);
        assert.equal(got.mail.subject, '我们已收到您的工单：充值未到账 [#WD-7K3M9Q2X]');
        assert.deepEqual(got.mail.from?.value, [{ address: SUPPORT, name: 'WalletDesk 客服' }]);
        assert.match(got.mail.text!, /编号 WD-7K3M9Q2X/);
        assert.match(String(got.mail.html), /<html lang="zh-CN">/);
      });

      test('threading: In-Reply-To is the thread\'s last message, References the chain', async () => {
        await deliver({ subject: 'Refund', text: 'Please refund order 77.', messageId: '<thread-out@mail.example.com>' });
        const ticketId = (await byMessageId('<thread-out@mail.example.com>'))!.ticket_id!;
        const reply = (body: string): OutgoingMail => ({ dedupeKey: `reply-${uuidv7()}`, to: 'li.na@example.com', locale: 'en', template: 'ticket_reply', vars: { subject: 'Refund', body, agentName: 'Wang Fang' }, ticketId, ticketReference: 'WD-7K3M9Q2X' });
        const first = reply('We are checking order 77.');
        await email.send(first);
        const one = await deliveredFor(first.dedupeKey);
        assert.equal(one.mail.inReplyTo, '<thread-out@mail.example.com>');
        assert.deepEqual([one.mail.references].flat(), ['<thread-out@mail.example.com>']);
        assert.equal(one.mail.headers.get('auto-submitted'), undefined, 'an agent\'s reply is not automatic');
        assert.equal(one.mail.subject, 'Re: Refund [#WD-7K3M9Q2X]');
        const second = reply('The refund is on its way.');
        await email.send(second);
        const two = await deliveredFor(second.dedupeKey);
        assert.equal(two.mail.inReplyTo, one.mail.messageId);
        assert.deepEqual([two.mail.references].flat(), ['<thread-out@mail.example.com>', one.mail.messageId]);
        // The customer answers our latest mail: it threads back to the ticket.
        await deliver({ subject: 'Re: Refund [#WD-7K3M9Q2X]', text: 'Thanks!', inReplyTo: two.mail.messageId });
        assert.equal(handler.calls.at(-1)!.threadTicketId, ticketId);
      });

      test('a relay that fails twice is retried with growing waits, on the clock, and then succeeds', async () => {
        relay.failNext(2, 451);
        const attemptsBefore = relay.attempts;
        const mail = created();
        await email.send(mail);
        await relay.until(() => relay.attempts === attemptsBefore + 1);
        const waitForRow = (attempts: number) => rowWhen(mail.dedupeKey, (r) => r.attempts === attempts);
        const afterFirst = await waitForRow(1);
        assert.equal(afterFirst.status, 'queued');
        const firstWait = afterFirst.next_attempt_at!.getTime() - now.getTime();
        assert.ok(firstWait >= 60_000 && firstWait <= 90_000, `first wait ${firstWait} ms`);
        // Several polls pass, but the clock has not reached the retry: nothing is sent.
        await new Promise((r) => setTimeout(r, 150));
        assert.equal(relay.attempts, attemptsBefore + 1);

        now = new Date(afterFirst.next_attempt_at!.getTime() + 1);
        await relay.until(() => relay.attempts === attemptsBefore + 2);
        const afterSecond = await waitForRow(2);
        assert.equal(afterSecond.status, 'queued');
        const secondWait = afterSecond.next_attempt_at!.getTime() - now.getTime();
        assert.ok(secondWait > firstWait, `backoff grows: ${firstWait} then ${secondWait} ms`);

        now = new Date(afterSecond.next_attempt_at!.getTime() + 1);
        await deliveredFor(mail.dedupeKey);
        const done = await waitForRow(3);
        assert.equal(done.status, 'sent');
      });

      test('a permanent refusal fails at once; an admin retries it', async () => {
        relay.failNext(1, 550);
        const mail = created();
        await email.send(mail);
        const row = await rowWhen(mail.dedupeKey, (r) => r.status !== 'queued');
        assert.deepEqual([row.status, row.attempts], ['failed', 1]);
        const failed = (await list('?direction=outbound&status=failed')).find((m) => m.id === row.id)!;
        assert.match(failed.lastError!, /550/);
        const retried = await call('POST', `/api/v1/email/messages/${row.id}/retry`);
        assert.equal(retried.statusCode, 202, retried.body);
        assert.equal(retried.json().status, 'queued');
        await deliveredFor(mail.dedupeKey);
        const again = await call('POST', `/api/v1/email/messages/${row.id}/retry`);
        assert.equal(again.statusCode, 409);
      });

      test('the same dedupeKey sends once', async () => {
        const mail = created();
        await email.send(mail);
        await email.send({ ...mail, vars: { ...mail.vars, subject: 'changed' } });
        await deliveredFor(mail.dedupeKey);
        await new Promise((r) => setTimeout(r, 100));
        const { message_id } = await byDedupeKey(mail.dedupeKey);
        assert.equal(relay.delivered.filter((d) => d.mail.messageId === message_id).length, 1);
        assert.equal((await app.db.query('select id from email_messages where dedupe_key = $1', [mail.dedupeKey])).length, 1);
      });

      test('a missing variable or a link that is not one is refused', async () => {
        const { requestUrl: _, ...withoutLink } = created().vars;
        await assert.rejects(email.send(created({ vars: withoutLink })), (err: { code?: string; details?: { missing?: string[] } }) => err.code === 'VALIDATION_FAILED' && err.details?.missing?.[0] === 'requestUrl');
        await assert.rejects(email.send(created({ vars: { ...created().vars, requestUrl: 'javascript:alert(1)' } })), (err: { code?: string }) => err.code === 'VALIDATION_FAILED');
      });

      test('what is stored of an outbound mail is masked; the admin list shows it', async () => {
        const mail: OutgoingMail = { dedupeKey: `masked-${uuidv7()}`, to: 'li.na@example.com', locale: 'en', template: 'ticket_pending', vars: { subject: 'Login', reference: 'WD-7K3M9Q2X', agentName: 'Wang Fang', body: `You wrote "my password is ${password}": please change it now and never share it. Which phone number do you use?` }, ticketReference: 'WD-7K3M9Q2X' };
        await email.send(mail);
        const got = await deliveredFor(mail.dedupeKey);
        assert.ok(!got.mail.text!.includes(password), 'not sent');
        const row = (await list('?direction=outbound')).find((m) => m.messageId === got.mail.messageId)!;
        assert.ok(!row.text.includes(password) && row.text.includes('[password hidden]'), 'stored and listed masked');
        assert.deepEqual(row.to, ['l***@example.com']);
      });

      test('without a relay, mail stays queued and one warning is logged', async () => {
        const quiet = emailWith({});
        quiet.start();
        const logsBefore = logs.length;
        const a = created();
        const b = created();
        await quiet.send(a);
        await quiet.send(b);
        await new Promise((r) => setTimeout(r, 100));
        assert.deepEqual([(await byDedupeKey(a.dedupeKey)).status, (await byDedupeKey(b.dedupeKey)).status], ['queued', 'queued']);
        const warnings = logs.slice(logsBefore).split('\n').filter((l) => l.includes('SMTP_RELAY_URL is not set'));
        assert.equal(warnings.length, 1);
        assert.equal(JSON.parse(warnings[0]!).level, 40);
        // The node with a relay sends what the other one queued.
        await deliveredFor(a.dedupeKey);
        await deliveredFor(b.dedupeKey);
      });
    });

    describe('admin routes', () => {
      test('the list pages newest first and filters', async () => {
        const page = await call('GET', '/api/v1/email/messages?limit=2');
        assert.equal(page.statusCode, 200, page.body);
        const { items, nextCursor } = page.json();
        assert.equal(items.length, 2);
        assert.ok(items[0].id > items[1].id, 'newest first');
        const next = (await call('GET', `/api/v1/email/messages?limit=2&cursor=${nextCursor}`)).json();
        assert.ok(next.items[0].id < items[1].id, 'the next page continues');
        const dropped = await list('?direction=inbound&status=dropped');
        assert.ok(dropped.length >= 3 && dropped.every((m) => m.direction === 'inbound' && m.status === 'dropped' && m.reason), 'filtered by direction and status');
      });

      test('admins only', async () => {
        const agent = await signIn(app, 'li.na@walletdesk.local', 'agent-demo-2026');
        assert.equal((await call('GET', '/api/v1/email/messages', agent)).statusCode, 403);
        assert.equal((await call('POST', `/api/v1/email/messages/${uuidv7()}/retry`, agent)).statusCode, 403);
      });
    });
  });
}
