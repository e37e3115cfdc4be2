// Callback requests (回电预约): slots from a team's business hours and capacity, booking by verified
// customers, anonymous visitors and the help-center form, confirmation (push, chat notice, e-mail
// over real SMTP), no double booking under concurrency, reschedule and cancel, reminders fired once
// across nodes, and the request following its call task. The clock is the test's.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { callbackReminders } from '../src/modules/callbacks/callback-reminders.js';
import { openPostgres } from '../src/platform/db/postgres-database.js';
import { signIn, testApp } from './support/app.js';
import { backends } from './support/databases.js';
import { smtpPeer } from './support/smtp-peer.js';
import { openSocket } from './support/ws.js';

const TIMEOUT = { timeout: 60_000 };

interface Slot {
  startsAt: string;
  endsAt: string;
  remaining: number;
}

/** Waits (bounded) for what an event handler does asynchronously. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

for (const backend of backends) {
  describe(`callbacks (${backend})`, async () => {
    const relay = await smtpPeer();
    // Monday 2026-11-23, 08:00 in Shanghai.
    let now = new Date('2026-11-23T00:00:00Z').getTime();
    const app = await testApp({ backend, clock: () => new Date(now), env: { SMTP_RELAY_URL: relay.url, EMAIL_POLL_MS: '50', CALLBACK_POLL_MS: '300000' } });
    const wsUrl = `${(await app.listen()).replace(/^http/, 'ws')}/api/v1/realtime`;
    const admin = await signIn(app, 'admin@walletdesk.local', 'admin-demo-2026');
    const agent = await signIn(app, 'li.na@walletdesk.local', 'agent-demo-2026');
    const teams = (await app.http.inject({ method: 'GET', url: '/api/v1/teams', headers: admin.headers })).json().items as { id: string; name: string }[];
    const payments = teams.find((t) => t.name.includes('Payments'))!;
    const security = teams.find((t) => t.name.includes('Security'))!;
    // Payments answers weekdays 09:00-12:00 and 13:00-18:00 Beijing time; Wednesday the 25th is a holiday.
    const hours = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [['09:00', '12:00'], ['13:00', '18:00']]]));
    const patched = await app.http.inject({ method: 'PATCH', url: `/api/v1/teams/${payments.id}`, headers: admin.headers, payload: { businessHours: { timeZone: 'Asia/Shanghai', weekly: hours, holidays: ['2026-11-25'] } } });
    assert.equal(patched.statusCode, 200, patched.body);

    let address = 0;
    /** A customer (verified by the wallet, or an anonymous visitor), calling from an address of their own (rate limits are per address). */
    const customer = async (walletCustomerId?: string, locale: 'zh-CN' | 'en' = 'zh-CN') => {
      const token = walletCustomerId ? await app.conversations.tokens.signCustomer(walletCustomerId, { locale }) : (await app.conversations.tokens.issueVisitor()).token;
      const remoteAddress = `127.0.1.${++address}`;
      return {
        token,
        call: (method: 'GET' | 'POST', url: string, payload?: object, headers: Record<string, string> = {}) =>
          app.http.inject({ method, url, remoteAddress, headers: { 'x-customer-token': token, ...headers }, ...(payload ? { payload } : {}) }),
      };
    };
    const staff = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, session = agent) => app.http.inject({ method, url, headers: session.headers, ...(payload ? { payload } : {}) });
    const options = async (c: Awaited<ReturnType<typeof customer>>, topic = 'payment_failed') => {
      const res = await c.call('GET', `/api/v1/widget/callbacks/options?timezone=Asia/Shanghai&topic=${topic}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as { phone: { source: string; masked: string } | null; timezone: string; slots: Slot[] };
    };
    const seats = async (teamId: string, startsAt: string) => (await app.db.query<{ booked: number }>('select booked from callback_slots where team_id = $1 and starts_at = $2', [teamId, startsAt]))[0]?.booked ?? 0;
    const remaining = (list: Slot[], startsAt: string) => list.find((s) => s.startsAt === startsAt)?.remaining ?? 0;
    const utc = (shanghai: string) => new Date(`${shanghai}+08:00`).toISOString();

    test('slots follow the team\'s business hours, holidays and lead time; capacity shows as seats left and admins set it', TIMEOUT, async () => {
      const visitor = await customer();
      const offered = await options(visitor);
      assert.equal(offered.phone, null, 'a visitor has no number on file');
      assert.equal(offered.slots[0]!.startsAt, utc('2026-11-23T09:00'), 'an hour of notice from 08:00');
      const local = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16);
      assert.ok(offered.slots.every((s) => !local(s.startsAt).startsWith('2026-11-25')), 'none on the holiday');
      assert.ok(offered.slots.every((s) => !local(s.startsAt).startsWith('2026-11-28') && !local(s.startsAt).startsWith('2026-11-29')), 'none at the weekend');
      assert.ok(!offered.slots.some((s) => local(s.startsAt).endsWith('12:00')), 'closed for lunch');
      assert.ok(offered.slots.every((s) => s.remaining === 2), 'two seats by default');

      const capacity = (await staff('GET', '/api/v1/callbacks/capacity', undefined, admin)).json().teams as { teamId: string; capacityPerSlot: number; slotMinutes: number }[];
      assert.deepEqual(capacity.find((t) => t.teamId === payments.id), { teamId: payments.id, teamName: payments.name, slotMinutes: 30, capacityPerSlot: 2, leadMinutes: 60, daysAhead: 7 });
      assert.equal((await app.db.query('select 1 from callback_capacity')).length, teams.length, 'seeded for every team');
      const refused = await staff('PUT', '/api/v1/callbacks/capacity', { teamId: payments.id, slotMinutes: 30, capacityPerSlot: 3, leadMinutes: 60, daysAhead: 7 });
      assert.equal(refused.statusCode, 403, 'agents do not set capacity');
      const set = await staff('PUT', '/api/v1/callbacks/capacity', { teamId: payments.id, slotMinutes: 60, capacityPerSlot: 3, leadMinutes: 120, daysAhead: 2 }, admin);
      assert.equal(set.statusCode, 200, set.body);
      const hourly = await options(visitor);
      assert.equal(hourly.slots[0]!.startsAt, utc('2026-11-23T10:00'), 'two hours of notice');
      assert.ok(hourly.slots.every((s) => s.remaining === 3 && new Date(s.endsAt).getTime() - new Date(s.startsAt).getTime() === 3_600_000));
      assert.equal(hourly.slots.at(-1)!.startsAt, utc('2026-11-24T17:00'), 'two days ahead');
      assert.equal((await staff('PUT', '/api/v1/callbacks/capacity', { teamId: payments.id, slotMinutes: 30, capacityPerSlot: 2, leadMinutes: 60, daysAhead: 7 }, admin)).statusCode, 200);
    });

    test('a verified customer books a slot: masked wallet number, a push on their socket, a notice in their chat and an e-mail', TIMEOUT, async () => {
      const alice = await customer('demo-alice');
      const contact = await app.conversations.conversations.contactOf({ kind: 'customer', walletCustomerId: 'demo-alice', name: null, locale: 'zh-CN', expiresAt: 0 });
      await app.conversations.conversations.rememberEmail(contact.id, 'alice@example.com');
      const ws = await openSocket(wsUrl);
      const ready = await ws.request({ type: 'auth', token: alice.token, language: 'zh-CN' });
      const conversationId = (ready.conversation as { id: string }).id;

      const offered = await options(alice);
      assert.deepEqual(offered.phone, { source: 'wallet', masked: '138****8001' });
      const res = await alice.call('POST', '/api/v1/widget/callbacks', {
        topic: 'payment_failed',
        timezone: 'Asia/Shanghai',
        slotStartsAt: '2026-11-26T14:00',
        conversationId,
        note: '付款失败两次，我的支付密码是 839201',
      });
      assert.equal(res.statusCode, 201, res.body);
      const booked = res.json();
      assert.match(booked.reference, /^CB-[0-9A-Z]{8}$/);
      assert.equal(booked.status, 'scheduled');
      assert.equal(booked.phoneMasked, '138****8001');
      assert.equal(booked.slotStartsAt, utc('2026-11-26T14:00'));
      assert.equal(booked.slotEndsAt, utc('2026-11-26T14:30'));
      assert.equal(booked.conversationId, conversationId);
      const [row] = await app.db.query<{ phone_source: string; phone_e164: string | null; note: string }>('select phone_source, phone_e164, note from callback_requests where id = $1', [booked.id]);
      assert.equal(row!.phone_source, 'wallet');
      assert.equal(row!.phone_e164, null, "a wallet customer's number is not stored");
      assert.ok(!row!.note.includes('839201'), row!.note);
      assert.equal(await seats(payments.id, booked.slotStartsAt), 1);

      const pushed = await ws.next((f) => f.type === 'callback');
      assert.equal((pushed.callback as { reference: string }).reference, booked.reference);
      const notice = await ws.next((f) => f.type === 'message' && (f.message as { author: string }).author === 'bot');
      assert.match((notice.message as { text: string }).text, /已为您预约回电：11月26日 14:00–14:30（北京时间），尾号8001/);

      await relay.until(() => relay.delivered.some((d) => d.envelope.to.includes('alice@example.com')));
      const mail = relay.delivered.find((d) => d.envelope.to.includes('alice@example.com'))!;
      assert.match(mail.mail.subject ?? '', /回电已预约/);
      assert.match(mail.mail.text ?? '', new RegExp(booked.reference));
      assert.match(mail.mail.text ?? '', /138\*\*\*\*8001/);

      const listed = (await staff('GET', '/api/v1/callbacks?status=scheduled')).json().items as { id: string; contactId: string; note: string; teamId: string }[];
      const mine = listed.find((c) => c.id === booked.id)!;
      assert.equal(mine.contactId, contact.id);
      assert.equal(mine.teamId, payments.id, 'the team routing picks for the topic');
      assert.ok(!mine.note.includes('839201'));
      ws.close();
    });

    test('an anonymous visitor must give a valid number; the errors say so in Chinese and in English', TIMEOUT, async () => {
      const visitor = await customer();
      const [slot] = (await options(visitor)).slots;
      const body = { topic: 'payment_failed', timezone: 'Asia/Shanghai', slotStartsAt: slot!.startsAt };
      const missing = await visitor.call('POST', '/api/v1/widget/callbacks', body, { 'accept-language': 'zh-CN' });
      assert.equal(missing.statusCode, 400);
      assert.equal(missing.json().error.code, 'CALLBACK_PHONE_REQUIRED');
      assert.equal(missing.json().error.message, '请填写我们可以拨打的电话号码。');
      const invalid = await visitor.call('POST', '/api/v1/widget/callbacks', { ...body, phone: '12345' }, { 'accept-language': 'en' });
      assert.equal(invalid.json().error.code, 'CALLBACK_PHONE_INVALID');
      assert.match(invalid.json().error.message, /not valid/);
      const noCountry = await visitor.call('POST', '/api/v1/widget/callbacks', { ...body, phone: '13800138000', language: 'en' });
      assert.equal(noCountry.json().error.code, 'CALLBACK_PHONE_INVALID', 'in English a number needs its country code');

      const ok = await visitor.call('POST', '/api/v1/widget/callbacks', { ...body, phone: '138 0013 8000' });
      assert.equal(ok.statusCode, 201, ok.body);
      assert.equal(ok.json().phoneMasked, '138****8000');
      const [row] = await app.db.query<{ phone_e164: string }>('select phone_e164 from callback_requests where id = $1', [ok.json().id]);
      assert.equal(row!.phone_e164, '+8613800138000');
      const abroad = await (await customer(undefined, 'en')).call('POST', '/api/v1/widget/callbacks', { ...body, slotStartsAt: slot!.endsAt, phone: '+1 415 555 2671', language: 'en' });
      assert.equal(abroad.statusCode, 201, abroad.body);
      assert.equal(abroad.json().phoneMasked, '+14****2671');

      const notOffered = await visitor.call('POST', '/api/v1/widget/callbacks', { ...body, phone: '13800138000', slotStartsAt: '2026-11-25T10:00' });
      assert.equal(notOffered.json().error.code, 'CALLBACK_SLOT_INVALID', 'the holiday offers no slot');
      const both = await visitor.call('POST', '/api/v1/widget/callbacks', { ...body, phone: '13800138000', windows: [{ from: '2026-11-24T09:00', to: '2026-11-24T10:00' }] });
      assert.equal(both.json().error.code, 'VALIDATION_FAILED', 'a slot or windows, not both');
    });

    test('windows in the customer\'s zone book the earliest slot with room inside them', TIMEOUT, async () => {
      const visitor = await customer();
      // 14:00-15:30 in New York on Monday is 03:00-04:30 on Tuesday in Shanghai: closed. The second
      // window (Tuesday 09:10-10:30 Beijing time, given with its offset) holds 09:30 and 10:00.
      const res = await visitor.call('POST', '/api/v1/widget/callbacks', {
        topic: 'transfer',
        timezone: 'America/New_York',
        phone: '+8613800138002',
        windows: [{ from: '2026-11-23T14:00', to: '2026-11-23T15:30' }, { from: '2026-11-24T09:10:00+08:00', to: '2026-11-24T10:30:00+08:00' }],
      });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().slotStartsAt, utc('2026-11-24T09:30'));
      assert.equal(res.json().timezone, 'America/New_York');
      const outside = await visitor.call('POST', '/api/v1/widget/callbacks', { topic: 'transfer', timezone: 'Asia/Shanghai', phone: '+8613800138002', windows: [{ from: '2026-11-28T09:00', to: '2026-11-28T18:00' }] });
      assert.equal(outside.json().error.code, 'CALLBACK_SLOT_INVALID', 'nothing offered on a Saturday');
    });

    test('concurrent bookings of a one-seat slot: exactly one succeeds, the others are told it is full', TIMEOUT, async () => {
      assert.equal((await staff('PUT', '/api/v1/callbacks/capacity', { teamId: security.id, slotMinutes: 30, capacityPerSlot: 1, leadMinutes: 60, daysAhead: 7 }, admin)).statusCode, 200);
      const visitors = await Promise.all(Array.from({ length: 8 }, () => customer()));
      const slot = (await options(visitors[0]!, 'frozen_account')).slots[3]!;
      assert.equal(slot.remaining, 1);
      const results = await Promise.all(
        visitors.map((v, i) => v.call('POST', '/api/v1/widget/callbacks', { topic: 'frozen_account', timezone: 'Asia/Shanghai', phone: `1380013810${i}`, slotStartsAt: slot.startsAt })),
      );
      assert.deepEqual(results.map((r) => r.statusCode).sort(), [201, 409, 409, 409, 409, 409, 409, 409], results.map((r) => r.body).join('\n'));
      assert.ok(results.filter((r) => r.statusCode === 409).every((r) => r.json().error.code === 'CALLBACK_SLOT_FULL'));
      assert.equal(await seats(security.id, slot.startsAt), 1);
      assert.equal(remaining((await options(visitors[0]!, 'frozen_account')).slots, slot.startsAt), 0, 'a full slot is no longer offered');
    });

    test('one customer cannot hold two overlapping callbacks, even asking twice at once', TIMEOUT, async () => {
      const bob = await customer('demo-bob', 'en');
      const slot = (await options(bob)).slots[20];
      const twice = await Promise.all([0, 1].map(() => bob.call('POST', '/api/v1/widget/callbacks', { topic: 'payment_failed', timezone: 'Asia/Shanghai', slotStartsAt: slot!.startsAt })));
      assert.deepEqual(twice.map((r) => r.statusCode).sort(), [201, 409]);
      assert.equal(twice.find((r) => r.statusCode === 409)!.json().error.code, 'CALLBACK_ALREADY_BOOKED');
      assert.equal(await seats(payments.id, slot!.startsAt), 1, 'the refused one took no seat');
      const other = await bob.call('POST', '/api/v1/widget/callbacks', { topic: 'payment_failed', timezone: 'Asia/Shanghai', slotStartsAt: slot!.endsAt });
      assert.equal(other.statusCode, 201, 'the next slot does not overlap');
    });

    test('reschedule moves the seat (a full slot leaves the booking as it was); cancel frees it; an ended callback cannot change', TIMEOUT, async () => {
      const carol = await customer();
      const slots = (await options(carol)).slots;
      const [a, b, full] = [slots[6]!, slots[7]!, slots[8]!];
      const booked = (await carol.call('POST', '/api/v1/widget/callbacks', { topic: 'refund', timezone: 'Asia/Shanghai', phone: '13800138003', slotStartsAt: a.startsAt })).json();
      assert.equal(await seats(payments.id, a.startsAt), 1);

      const moved = await carol.call('POST', `/api/v1/widget/callbacks/${booked.id}/reschedule`, { slotStartsAt: b.startsAt });
      assert.equal(moved.statusCode, 200, moved.body);
      assert.equal(moved.json().slotStartsAt, b.startsAt);
      assert.equal(await seats(payments.id, a.startsAt), 0, 'the old seat is free again');
      assert.equal(await seats(payments.id, b.startsAt), 1);

      for (const i of [1, 2]) {
        const filler = await customer();
        assert.equal((await filler.call('POST', '/api/v1/widget/callbacks', { topic: 'refund', timezone: 'Asia/Shanghai', phone: `1380013820${i}`, slotStartsAt: full.startsAt })).statusCode, 201);
      }
      const refused = await carol.call('POST', `/api/v1/widget/callbacks/${booked.id}/reschedule`, { slotStartsAt: full.startsAt });
      assert.equal(refused.json().error.code, 'CALLBACK_SLOT_FULL');
      assert.equal(await seats(payments.id, b.startsAt), 1, 'still holding its seat');
      assert.equal((await carol.call('GET', '/api/v1/widget/callbacks')).json().items[0].slotStartsAt, b.startsAt);

      const cancelled = await carol.call('POST', `/api/v1/widget/callbacks/${booked.id}/cancel`);
      assert.equal(cancelled.statusCode, 200, cancelled.body);
      assert.equal(cancelled.json().status, 'cancelled');
      assert.equal(await seats(payments.id, b.startsAt), 0);
      assert.equal((await carol.call('POST', `/api/v1/widget/callbacks/${booked.id}/cancel`)).json().error.code, 'CALLBACK_NOT_CHANGEABLE');
      assert.equal((await carol.call('POST', `/api/v1/widget/callbacks/${booked.id}/reschedule`, { slotStartsAt: a.startsAt })).statusCode, 409);
    });

    test("customers cannot see or change others' callbacks; staff book, move and cancel on a customer's behalf", TIMEOUT, async () => {
      const owner = await customer();
      const stranger = await customer();
      const [slot] = (await options(owner, 'kyc')).slots;
      const booked = (await owner.call('POST', '/api/v1/widget/callbacks', { topic: 'kyc', timezone: 'Asia/Shanghai', phone: '13800138004', slotStartsAt: slot!.startsAt })).json();
      assert.deepEqual((await stranger.call('GET', '/api/v1/widget/callbacks')).json().items, []);
      assert.equal((await stranger.call('POST', `/api/v1/widget/callbacks/${booked.id}/cancel`)).json().error.code, 'CALLBACK_NOT_FOUND');
      assert.equal((await stranger.call('POST', `/api/v1/widget/callbacks/${booked.id}/reschedule`, { slotStartsAt: slot!.endsAt })).statusCode, 404);
      assert.equal((await owner.call('GET', '/api/v1/widget/callbacks')).json().items[0].id, booked.id);

      const contactId = (await staff('GET', `/api/v1/callbacks?status=scheduled`)).json().items.find((c: { id: string }) => c.id === booked.id).contactId as string;
      const forThem = await staff('POST', '/api/v1/callbacks', { contactId, topic: 'kyc', timezone: 'Asia/Shanghai', phone: '13800138005', slotStartsAt: slot!.endsAt, note: 'Customer asked on the phone' });
      assert.equal(forThem.statusCode, 201, forThem.body);
      assert.equal(forThem.json().phoneMasked, '138****8005');
      assert.ok(!JSON.stringify(forThem.json()).includes('8613800138005'), 'staff see the masked number only; the full one is for the dial action');
      assert.equal((await staff('POST', `/api/v1/callbacks/${forThem.json().id}/cancel`)).json().status, 'cancelled');
      const audited = await app.db.query<{ action: string }>("select action from audit_events where target_id = $1 order by id", [forThem.json().id]);
      assert.deepEqual(audited.map((a) => a.action), ['callback.booked', 'callback.cancelled']);
    });

    test('the help-center form books a callback without JavaScript; posts from other sites are refused', TIMEOUT, async () => {
      const home = await app.http.inject({ method: 'GET', url: '/help/zh-CN' });
      assert.ok(home.body.includes('href="/help/callbacks/new?lang=zh-CN"'), 'linked beside "submit a request"');
      assert.equal((await app.http.inject({ method: 'GET', url: '/help/callbacks/new?lang=zh-CN' })).headers.location, '/help/zh-CN/callbacks/new');
      const first = await app.http.inject({ method: 'GET', url: '/help/zh-CN/callbacks/new' });
      assert.ok(first.body.includes('name="topic"') && !first.body.includes('name="slot"'), 'the topic first');
      const form = await app.http.inject({ method: 'GET', url: '/help/zh-CN/callbacks/new?topic=top_up&tz=Asia/Shanghai' });
      assert.equal(form.statusCode, 200);
      assert.ok(form.body.includes('<fieldset class="day"><legend>11月23日星期一</legend>'), 'slots grouped per local day');
      const slot = /name="slot" value="([^"]+)"/.exec(form.body)![1]!;
      assert.equal(slot, utc('2026-11-23T09:00'));

      const post = (fields: Record<string, string>, headers: Record<string, string> = { origin: app.config.publicUrl }) =>
        app.http.inject({ method: 'POST', url: '/help/zh-CN/callbacks/new', remoteAddress: `127.0.2.${++address}`, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, payload: new URLSearchParams(fields).toString() });
      const fields = { topic: 'top_up', tz: 'Asia/Shanghai', slot, phone: '13800138006', email: 'form@example.com', note: '充值没到账' };
      assert.equal((await post(fields, { origin: 'https://evil.example' })).statusCode, 403);
      const bad = await post({ ...fields, phone: '12' });
      assert.equal(bad.statusCode, 400);
      assert.ok(bad.body.includes('这不是有效的电话号码。'), 'the problem beside the field');
      assert.ok(bad.body.includes(`value="${slot}" required checked`), 'the chosen time kept');

      const done = await post(fields);
      assert.equal(done.statusCode, 201, done.body);
      const reference = /CB-[0-9A-Z]{8}/.exec(done.body)![0];
      assert.ok(done.body.includes('138****8006') && done.body.includes('11月23日 09:00–09:30（北京时间）'));
      const [row] = await app.db.query<{ phone_e164: string; contact_id: string }>('select phone_e164, contact_id from callback_requests where reference = $1', [reference]);
      assert.equal(row!.phone_e164, '+8613800138006');
      await relay.until(() => relay.delivered.some((d) => d.envelope.to.includes('form@example.com')));
    });

    test('the private link of a help-center booking opens it to move or cancel, and nothing else', TIMEOUT, async () => {
      const form = await app.http.inject({ method: 'GET', url: '/help/zh-CN/callbacks/new?topic=fees&tz=Asia/Shanghai' });
      const [first, second] = [...form.body.matchAll(/name="slot" value="([^"]+)"/g)].map((m) => m[1]!);
      const fields = { topic: 'fees', tz: 'Asia/Shanghai', slot: first!, phone: '13800138009', email: 'link@example.com', note: '' };
      const booked = await app.http.inject({ method: 'POST', url: '/help/zh-CN/callbacks/new', remoteAddress: `127.0.2.${++address}`, headers: { 'content-type': 'application/x-www-form-urlencoded', origin: app.config.publicUrl }, payload: new URLSearchParams(fields).toString() });
      assert.equal(booked.statusCode, 201, booked.body);
      const link = /href="([^"]*\/help\/zh-CN\/callbacks\/[0-9a-f-]{36}\?key=[\w-]+)"/.exec(booked.body)![1]!.replace(app.config.publicUrl, '');
      const reference = /CB-[0-9A-Z]{8}/.exec(booked.body)![0];

      // The confirmation e-mail carries the same link.
      await relay.until(() => relay.delivered.some((d) => d.envelope.to.includes('link@example.com')));
      assert.ok((relay.delivered.find((d) => d.envelope.to.includes('link@example.com'))!.mail.text ?? '').includes(`${app.config.publicUrl}${link}`));

      const opened = await app.http.inject({ method: 'GET', url: link });
      assert.equal(opened.statusCode, 200);
      assert.equal(opened.headers['x-robots-tag'], 'noindex');
      assert.ok(opened.body.includes(reference) && opened.body.includes('138****8009'));
      const [path, key] = link.split('?key=') as [string, string];
      const english = await app.http.inject({ method: 'GET', url: link.replace('/help/zh-CN/', '/help/en/') });
      assert.equal(english.statusCode, 200);
      assert.ok(english.body.includes('Your callback') && english.body.includes('Cancel the callback'), 'the same booking in English');
      assert.ok(opened.body.includes(`href="${link.replace('/help/zh-CN/', '/help/en/')}"`), 'the other language keeps the key');
      const wrong = await app.http.inject({ method: 'GET', url: `${path}?key=${key.slice(1)}x` });
      assert.equal(wrong.statusCode, 404);
      assert.ok(wrong.body.includes('此链接无法打开回电预约') && !wrong.body.includes(reference));
      const elsewhere = await app.http.inject({ method: 'POST', url: `${path}/cancel?key=${key}`, remoteAddress: `127.0.2.${++address}`, headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' }, payload: '' });
      assert.equal(elsewhere.statusCode, 403);

      const slotOf = async () => (await app.db.query<{ slot_starts_at: Date; status: string }>('select slot_starts_at, status from callback_requests where reference = $1', [reference]))[0]!;
      const post = (action: string, body: Record<string, string> = {}) =>
        app.http.inject({ method: 'POST', url: `${path}/${action}?key=${key}`, remoteAddress: `127.0.2.${++address}`, headers: { 'content-type': 'application/x-www-form-urlencoded', origin: app.config.publicUrl }, payload: new URLSearchParams(body).toString() });
      const moved = await post('move', { slot: second! });
      assert.equal(moved.statusCode, 200, moved.body);
      assert.ok(moved.body.includes('已改约'));
      assert.equal((await slotOf()).slot_starts_at.toISOString(), new Date(second!).toISOString());

      const cancelled = await post('cancel');
      assert.equal(cancelled.statusCode, 200);
      assert.ok(cancelled.body.includes('您的回电已取消') && cancelled.body.includes('此回电已无法更改') && !cancelled.body.includes('name="slot"'));
      assert.ok(!cancelled.body.includes('我们将在') && cancelled.body.includes(reference), 'no longer "we will call you"');
      assert.equal((await slotOf()).status, 'cancelled');
    });

    test('the request follows its call task: a retry keeps it booked, reached completes it, once', TIMEOUT, async () => {
      const dana = await customer();
      const [slot] = (await options(dana, 'withdrawal')).slots;
      const booked = (await dana.call('POST', '/api/v1/widget/callbacks', { topic: 'withdrawal', timezone: 'Asia/Shanghai', phone: '13800138007', slotStartsAt: slot!.startsAt })).json();
      const status = async () => (await app.db.query<{ status: string; completed_at: Date | null }>('select status, completed_at from callback_requests where id = $1', [booked.id]))[0]!;
      await app.bus.publish('call_task.completed', { taskId: '00000000-0000-7000-8000-000000000001', kind: 'callback', callbackId: booked.id, outcome: 'no_answer', final: false });
      await app.bus.publish('call_task.completed', { taskId: '00000000-0000-7000-8000-000000000001', kind: 'callback', callbackId: booked.id, outcome: 'reached', final: true });
      const ended = await eventually(status, (s) => s.status !== 'scheduled');
      assert.equal(ended.status, 'completed');
      await app.bus.publish('call_task.completed', { taskId: '00000000-0000-7000-8000-000000000001', kind: 'callback', callbackId: booked.id, outcome: 'wrong_number', final: true });
      const again = await eventually(status, () => false, 300);
      assert.deepEqual(again, ended, 'a later copy of the event changes nothing');
    });

    test('the reminder fires once, from two nodes, when the clock reaches it', TIMEOUT, async () => {
      const erin = await customer('demo-chen');
      const ws = await openSocket(wsUrl);
      const conversationId = ((await ws.request({ type: 'auth', token: erin.token, language: 'zh-CN' })).conversation as { id: string }).id;
      const booked = (await erin.call('POST', '/api/v1/widget/callbacks', { topic: 'top_up', timezone: 'Asia/Shanghai', slotStartsAt: '2026-11-27T16:00', conversationId })).json();
      await ws.next((f) => f.type === 'callback');
      const other = backend === 'postgres' ? await openPostgres((app.db as unknown as { url: string }).url, 3) : app.db;
      const second = callbackReminders({ orm: other.orm, bus: app.bus, clock: () => new Date(now), logger: app.logger, reminderMinutes: 30, pollMs: 300_000 });
      try {
        now = new Date(utc('2026-11-27T15:20')).getTime();
        assert.deepEqual(await Promise.all([app.callbacks.reminders.runDue(), second.runDue()]), [0, 0], 'not yet: 40 minutes before');
        now = new Date(utc('2026-11-27T15:31')).getTime();
        const sent = await Promise.all([app.callbacks.reminders.runDue(), second.runDue()]);
        assert.equal(sent[0]! + sent[1]!, 1, `exactly one node sent it: ${sent}`);
        assert.deepEqual(await Promise.all([app.callbacks.reminders.runDue(), second.runDue()]), [0, 0]);
        const [row] = await app.db.query<{ reminder_sent_at: Date | null }>('select reminder_sent_at from callback_requests where id = $1', [booked.id]);
        assert.ok(row!.reminder_sent_at);
        const notice = await ws.next((f) => f.type === 'message' && /提醒/.test((f.message as { text: string }).text));
        assert.match((notice.message as { text: string }).text, /16:00–16:30（北京时间）/);
      } finally {
        if (other !== app.db) await other.close();
        ws.close();
      }
    });
  });
}
