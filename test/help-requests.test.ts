// The help center's request pages, server-rendered: submitting a request in Chinese and in English,
// the private link that opens it (and nothing else), a reply that reopens a solved request, secrets
// masked on the page, and forms refused when posted from another site or too often.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { signIn, testApp } from './support/app.js';
import { amountFromText } from '../src/modules/tickets/help-requests.routes.js';

const seedPhrase = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';

describe('help center requests', async () => {
  const app = await testApp();
  const origin = app.config.publicUrl;
  const agent = await signIn(app, 'li.na@walletdesk.local', 'agent-demo-2026');
  let address = 0;
  /** Each test posts from its own address, so the per-address limits of one do not reach another. */
  const poster = () => {
    const remoteAddress = `127.0.0.${++address + 10}`;
    return (url: string, form: Record<string, string>, headers: Record<string, string> = { origin }) =>
      app.http.inject({ method: 'POST', url, remoteAddress, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, payload: new URLSearchParams(form).toString() });
  };
  const get = (url: string, headers: Record<string, string> = {}) => app.http.inject({ method: 'GET', url, headers });
  const ticketByReference = async (reference: string) =>
    (await app.db.query<{ id: string; status: string; amount_minor: string | null; currency: string | null; occurred_at: Date | null; channel: string; requester_email: string; language: string; category: string; transaction_reference: string | null }>('select * from tickets where reference = $1', [reference]))[0]!;
  /** Submits a valid request and returns where the browser is sent. */
  const submit = async (lang: 'zh-CN' | 'en', form: Record<string, string>) => {
    const res = await poster()(`/help/${lang}/requests/new`, form);
    assert.equal(res.statusCode, 303, res.body);
    const location = res.headers.location as string;
    const [, id, key] = /^\/help\/[a-zA-Z-]+\/requests\/([0-9a-f-]+)\?key=([^&]+)&created=1$/.exec(location)!;
    return { location, id: id!, key: decodeURIComponent(key!) };
  };

  test('the help center link lands on the form in the visitor\'s language; the form works without JavaScript', async () => {
    const redirect = await app.http.inject({ method: 'GET', url: '/help/requests/new', headers: { 'accept-language': 'zh-CN,zh;q=0.9' } });
    assert.equal(redirect.statusCode, 302);
    assert.equal(redirect.headers.location, '/help/zh-CN/requests/new');
    assert.equal((await get('/help/requests/new?lang=en')).headers.location, '/help/en/requests/new');
    const page = await get('/help/zh-CN/requests/new');
    assert.equal(page.statusCode, 200);
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.doesNotMatch(page.body, /<script/i);
    for (const text of ['提交请求', '您的邮箱', '问题类型', '充值未到账', '交易单号或订单号', '发生时间（北京时间）', 'App 显示的错误提示', 'method="post" action="/help/zh-CN/requests/new"']) assert.ok(page.body.includes(text), text);
  });

  test('a request in Chinese: stored with its transaction in minor units, opened by its private link, the secret typed in it masked', async () => {
    const { location, id, key } = await submit('zh-CN', {
      email: 'Wang.Fang@Example.com',
      category: 'top_up',
      subject: '',
      description: `银行卡充值 123.45 元没有到账。我的助记词是 ${seedPhrase}`,
      reference: 'T-2026-0042',
      amount: '１２３．４５',
      currency: 'CNY',
      occurredAt: '2026-11-24T21:30',
      errorMessage: '处理中',
    });
    const page = await get(location);
    assert.equal(page.statusCode, 200);
    assert.equal(page.headers['referrer-policy'], 'same-origin');
    assert.equal(page.headers['x-robots-tag'], 'noindex');
    const reference = /WD-[0-9A-Z]{8}/.exec(page.body)![0];
    assert.ok(page.body.includes(`我们已收到您的请求 ${reference}`));
    assert.ok(page.body.includes(`${origin}/help/requests/${id}?key=${key}`), 'the page shows the private link to keep');
    assert.ok(page.body.includes('已受理'), 'the status, in Chinese');
    assert.doesNotMatch(page.body, /abandon/, 'the seed phrase is not on the page');
    assert.match(page.body, /银行卡充值 123\.45 元没有到账/);

    const row = await ticketByReference(reference);
    assert.equal(row.id, id);
    assert.equal(Number(row.amount_minor), 12345);
    assert.equal(row.currency, 'CNY');
    assert.equal(row.occurred_at?.toISOString(), '2026-11-24T13:30:00.000Z', 'the time typed is Beijing time');
    assert.equal(row.channel, 'help_center');
    assert.equal(row.requester_email, 'wang.fang@example.com');
    assert.equal(row.language, 'zh-CN');
    assert.equal(row.transaction_reference, 'T-2026-0042');
    const stored = await app.db.query<{ body: string }>('select body from ticket_entries where ticket_id = $1', [id]);
    assert.ok(stored.length > 0 && stored.every((e) => !e.body.includes('abandon')));

    // The link from the e-mail names no language: it opens in the request's own.
    const fromMail = await get(`/help/requests/${id}?key=${encodeURIComponent(key)}`);
    assert.equal(fromMail.statusCode, 302);
    assert.equal(fromMail.headers.location, `/help/zh-CN/requests/${id}?key=${encodeURIComponent(key)}`);
    const english = await get(`/help/en/requests/${id}?key=${encodeURIComponent(key)}`);
    assert.equal(english.statusCode, 200);
    assert.ok(english.body.includes('Received') && english.body.includes('Top-up not arrived'), 'the same request, in English');
  });

  test('a wrong key, another request\'s key or a made-up id is "not found", in the page\'s language', async () => {
    const one = await submit('en', { email: 'ann@example.com', category: 'other', subject: 'Card question', description: 'Which cards can I add?', reference: '', amount: '', currency: 'CNY', occurredAt: '', errorMessage: '' });
    const two = await submit('en', { email: 'ann@example.com', category: 'fees', subject: 'Fee question', description: 'What does a withdrawal cost?', reference: '', amount: '', currency: 'CNY', occurredAt: '', errorMessage: '' });
    const wrongKeys = [`/help/en/requests/${one.id}?key=${encodeURIComponent(two.key)}`, `/help/en/requests/${one.id}?key=AAAAAAAAAAAAAAAAAAAAAA`, `/help/requests/${one.id}?key=nope`, '/help/en/requests/01a20cea-a01c-763a-bdd4-587df45036cb?key=x', '/help/en/requests/not-a-uuid?key=x'];
    for (const url of wrongKeys) {
      // The address that names no language answers in the browser's.
      const res = await get(url, { 'accept-language': 'en-GB,en;q=0.8' });
      assert.equal(res.statusCode, 404, url);
      assert.match(res.headers['content-type'] as string, /text\/html/);
      assert.ok(res.body.includes('This request link is not valid'), url);
      assert.doesNotMatch(res.body, /Card question|Fee question/);
    }
    const zh = await get(`/help/zh-CN/requests/${one.id}?key=wrong`);
    assert.equal(zh.statusCode, 404);
    assert.ok(zh.body.includes('此工单链接无效'));
    // A reply with a wrong key is refused too.
    const reply = await poster()(`/help/en/requests/${one.id}?key=${encodeURIComponent(two.key)}`, { body: 'Let me in' });
    assert.equal(reply.statusCode, 404);
  });

  test('in English: problems are shown next to the fields, what was typed is kept with secrets masked, and nothing is filed', async () => {
    const post = poster();
    const res = await post('/help/en/requests/new', { email: 'not-an-address', category: 'payment_failed', subject: 'Cinema', description: `It failed twice. Seed: ${seedPhrase}`, reference: 'P-77', amount: '12.345', currency: 'USD', occurredAt: 'yesterday', errorMessage: '' });
    assert.equal(res.statusCode, 400);
    assert.ok(res.body.includes('Please check the marked fields.'));
    assert.match(res.body, /id="email"[^>]*aria-invalid="true"[\s\S]*Enter an e-mail address like name@example\.com\./);
    assert.match(res.body, /id="amount"[^>]*aria-invalid="true"[\s\S]*Enter an amount like 123\.45/);
    assert.ok(res.body.includes('Enter a date and a time.'));
    assert.ok(res.body.includes('value="not-an-address"') && res.body.includes('value="P-77"') && res.body.includes('value="12.345"'), 'input kept');
    assert.match(res.body, /<option value="payment_failed" selected>/);
    assert.match(res.body, /<option selected>USD<\/option>/);
    assert.match(res.body, />It failed \[seed phrase hidden\]<\/textarea>/);
    assert.doesNotMatch(res.body, /abandon/, 'the secret is not sent back');
    const missing = await post('/help/en/requests/new', { description: '' });
    assert.equal(missing.statusCode, 400);
    assert.equal((missing.body.match(/Please fill this in\./g) ?? []).length, 3, 'e-mail, issue type and description');
    const [count] = await app.db.query<{ n: number }>("select count(*)::int as n from tickets where channel = 'help_center' and requester_email = 'not-an-address'");
    assert.equal(count!.n, 0);

    const { location } = await submit('en', { email: 'frank@example.com', category: 'payment_failed', subject: 'Cinema payment', description: 'It failed twice but I was charged once.', reference: 'P-77', amount: '12.5', currency: 'USD', occurredAt: '', errorMessage: 'Declined' });
    assert.match(location, /^\/help\/en\/requests\//);
    const page = await get(location);
    assert.ok(page.body.includes('We have received your request WD-'));
    assert.ok(page.body.includes('<html lang="en"'));
    const row = await ticketByReference(/WD-[0-9A-Z]{8}/.exec(page.body)![0]);
    assert.deepEqual([Number(row.amount_minor), row.currency, row.language, row.category], [1250, 'USD', 'en', 'payment_failed']);
  });

  test('a reply through the link reopens a solved request', async () => {
    const { id, key } = await submit('en', { email: 'solved@example.com', category: 'refund', subject: 'Refund', description: 'Where is my refund?', reference: '', amount: '', currency: 'CNY', occurredAt: '', errorMessage: '' });
    const solved = await app.http.inject({ method: 'POST', url: `/api/v1/tickets/${id}/replies`, headers: agent.headers, payload: { body: 'The refund was sent today.', status: 'solved' } });
    assert.equal(solved.statusCode, 201, solved.body);
    const url = `/help/en/requests/${id}?key=${encodeURIComponent(key)}`;
    const before = await get(url);
    assert.ok(before.body.includes('The refund was sent today.'), 'the agent\'s answer');
    assert.ok(before.body.includes('<strong>Solved</strong>'), 'the status');
    assert.ok(before.body.includes('Status changed to: Solved'), 'the status change in the history');

    const post = poster();
    const empty = await post(url, { body: '   ' });
    assert.equal(empty.statusCode, 400);
    assert.ok(empty.body.includes('Please fill this in.'));
    const res = await post(url, { body: `It has still not arrived. My PIN is 123456 and seed ${seedPhrase}` });
    assert.equal(res.statusCode, 303, res.body);
    assert.equal(res.headers.location, `${url}&sent=1#reply`);
    const after = await get(`${url}&sent=1`);
    assert.ok(after.body.includes('Your reply was sent.'), 'sent notice');
    assert.ok(after.body.includes('<strong>In progress</strong>'), 'reopened');
    assert.ok(after.body.includes('It has still not arrived.'), 'the reply in the history');
    assert.doesNotMatch(after.body, /abandon/);
    const [row] = await app.db.query<{ status: string }>('select status from tickets where id = $1', [id]);
    assert.equal(row!.status, 'open');
    const [entry] = await app.db.query<{ via: string }>("select via from ticket_entries where ticket_id = $1 and kind = 'reply' and author_type = 'customer' order by id desc limit 1", [id]);
    assert.equal(entry!.via, 'help_center');

    // Closed is final: the page says so and offers a new request instead of a reply box.
    assert.equal((await app.http.inject({ method: 'PATCH', url: `/api/v1/tickets/${id}`, headers: agent.headers, payload: { status: 'solved' } })).statusCode, 200);
    assert.equal((await app.http.inject({ method: 'PATCH', url: `/api/v1/tickets/${id}`, headers: agent.headers, payload: { status: 'closed' } })).statusCode, 200);
    const closed = await get(url);
    assert.ok(closed.body.includes('This request is closed.'));
    assert.doesNotMatch(closed.body, /name="body"/);
    const late = await post(url, { body: 'One more thing' });
    assert.equal(late.statusCode, 409);
    assert.ok(late.body.includes('This ticket is closed.'));
  });

  test('forms posted from another site, or without saying where from, are refused; the same site by Referer is accepted', async () => {
    const form = { email: 'csrf@example.com', category: 'other', subject: '', description: 'Posted by someone else', reference: '', amount: '', currency: 'CNY', occurredAt: '', errorMessage: '' };
    const post = poster();
    const evil = await post('/help/zh-CN/requests/new', form, { origin: 'https://evil.example' });
    assert.equal(evil.statusCode, 403);
    assert.ok(evil.body.includes('此表单来自其他网站'), 'said in the page\'s language');
    assert.ok(evil.body.includes('Posted by someone else'), 'input kept to send again from here');
    assert.equal((await post('/help/zh-CN/requests/new', form, {})).statusCode, 403);
    assert.equal((await post('/help/zh-CN/requests/new', form, { referer: 'https://evil.example/help/zh-CN/requests/new' })).statusCode, 403);
    const [count] = await app.db.query<{ n: number }>("select count(*)::int as n from tickets where requester_email = 'csrf@example.com'");
    assert.equal(count!.n, 0);
    const byReferer = await post('/help/zh-CN/requests/new', form, { referer: `${origin}/help/zh-CN/requests/new` });
    assert.equal(byReferer.statusCode, 303);
  });

  test('an address that posts too often gets the form back with a notice in its language', async () => {
    const post = poster();
    const form = { email: 'busy@example.com', category: 'other', subject: '', description: 'Again and again', reference: '', amount: '', currency: 'CNY', occurredAt: '', errorMessage: '' };
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await post('/help/zh-CN/requests/new', form)).statusCode);
    assert.deepEqual(statuses, [303, 303, 303, 303, 303, 429]);
    const limited = await post('/help/zh-CN/requests/new', form);
    assert.equal(limited.statusCode, 429);
    assert.match(limited.headers['content-type'] as string, /text\/html/);
    assert.ok(limited.body.includes('Again and again'), 'input kept');
    assert.match(limited.body, /<html lang="zh-CN"/);
  });

  test('amounts typed in the form become minor units without floats', () => {
    assert.equal(amountFromText('0.29'), 29);
    assert.equal(amountFromText('1,234.5'), 123450);
    assert.equal(amountFromText('１２３．４５'), 12345);
    for (const bad of ['', '.', '1.234', '-1', '1e3', '12.']) assert.equal(amountFromText(bad), null, bad);
  });
});
