import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, prepareDatabase } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { readKbFolder, writeKbFolder } from '../src/modules/knowledge/index.js';
import { AppError } from '../src/platform/http/app-error.js';
import { systemActor } from '../src/platform/http/access.js';
import { openEventBus } from '../src/platform/events/index.js';
import { createLogger } from '../src/platform/log.js';
import { signIn, testApp } from './support/app.js';

describe('knowledge base, search and help center', async () => {
  const app = await testApp();
  const supervisor = await signIn(app, 'supervisor@walletdesk.local', 'supervisor-demo-2026');
  const agent = await signIn(app, 'li.na@walletdesk.local', 'agent-demo-2026');
  const inject = app.http.inject.bind(app.http);
  const search = async (q: string, extra = '') => (await inject({ method: 'GET', url: `/api/v1/help/search?q=${encodeURIComponent(q)}${extra}` })).json().items as { articleId: string; lang: string; titleHtml: string; snippetHtml: string }[];

  test('the product content is imported on first start: 40+ articles in both languages, in a category tree', async () => {
    const list = await inject({ method: 'GET', url: '/api/v1/kb/articles?status=published&limit=200', headers: agent.headers });
    const items = list.json().items as { texts: Record<string, { questions: string[] }> }[];
    assert.ok(items.length >= 40, `${items.length} articles`);
    assert.ok(items.every((a) => a.texts['zh-CN'] && a.texts.en && a.texts['zh-CN'].questions.length > 0));
    const categories = (await inject({ method: 'GET', url: '/api/v1/help/categories' })).json().items as { id: string; parentId: string | null }[];
    assert.ok(categories.some((c) => c.parentId === null) && categories.some((c) => c.parentId !== null));
  });

  test('search understands Chinese, Traditional characters, synonyms, mixed languages and English typos', async () => {
    const cases: [string, string, string?][] = [
      ['充值没到账', 'top-up-not-arrived'],
      ['儲值沒到帳', 'top-up-not-arrived'],
      ['忘記支付密碼', 'reset-payment-pin'],
      ['充值 pending 怎么办', 'top-up-not-arrived'],
      ['recharge not showing', 'top-up-not-arrived', '&lang=en'],
      ['forgot payment pin', 'reset-payment-pin', '&lang=en'],
      ['refnd how long', 'refund-arrival-times', '&lang=en'],
      ['账户被冻结了', 'why-account-frozen'],
    ];
    for (const [q, expected, extra] of cases) {
      const hits = await search(q, extra);
      assert.ok(hits.slice(0, 3).some((h) => h.articleId === expected), `"${q}" → ${hits.slice(0, 3).map((h) => h.articleId).join(', ')}`);
    }
  });

  test('results carry escaped highlights and respect the language and category filters', async () => {
    const [hit] = await search('退款', '&lang=zh-CN');
    assert.match(hit!.titleHtml + hit!.snippetHtml, /<mark>退款<\/mark>/);
    assert.ok((await search('refund', '&lang=en')).every((h) => h.lang === 'en'));
    assert.ok((await search('退款', '&categoryId=refunds')).every((h) => h.articleId.includes('refund')));
    const xss = await search('<script>alert(1)</script> 退款');
    assert.ok(xss.every((h) => !h.snippetHtml.includes('<script>')));
  });

  test('drafts: supervisors write, agents read, the public sees only what is published', async () => {
    const body = {
      id: 'lucky-draw-scam',
      categoryId: 'account-security',
      texts: {
        'zh-CN': { title: '中奖短信诈骗', body: '收到“中奖”短信要求先交**手续费**领奖，一定是诈骗。', questions: ['中奖了要交钱吗'], tags: ['诈骗'] },
        en: { title: 'Prize text scams', body: 'A text saying you **won a prize** but must pay a fee first is always a scam.', questions: ['I won a prize but must pay'], tags: ['scam'] },
      },
    };
    assert.equal((await inject({ method: 'POST', url: '/api/v1/kb/articles', headers: agent.headers, payload: body })).statusCode, 403);
    const created = await inject({ method: 'POST', url: '/api/v1/kb/articles', headers: supervisor.headers, payload: body });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json().status, 'draft');
    assert.ok(!(await search('中奖')).some((h) => h.articleId === 'lucky-draw-scam'), 'a draft is not public');
    const staffHits = (await inject({ method: 'GET', url: `/api/v1/kb/search?q=${encodeURIComponent('中奖')}`, headers: agent.headers })).json().items;
    assert.ok(staffHits.some((h: { articleId: string }) => h.articleId === 'lucky-draw-scam'), 'agents find drafts');
    assert.equal((await inject({ method: 'GET', url: '/help/zh-CN/articles/lucky-draw-scam' })).statusCode, 404);
    assert.equal((await inject({ method: 'POST', url: '/api/v1/kb/articles/lucky-draw-scam/publish', headers: supervisor.headers })).statusCode, 200);
    assert.ok((await search('中奖')).some((h) => h.articleId === 'lucky-draw-scam'));
    const dup = await inject({ method: 'POST', url: '/api/v1/kb/articles', headers: supervisor.headers, payload: body });
    assert.equal(dup.json().error.code, 'ARTICLE_ID_TAKEN');
  });

  test('every save is a version with author and time; a stale save is refused', async () => {
    const me = (await inject({ method: 'GET', url: '/api/v1/me', headers: supervisor.headers })).json().agent.id;
    const save = (baseVersion: number, title: string) =>
      inject({ method: 'PUT', url: '/api/v1/kb/articles/lucky-draw-scam/texts/en', headers: supervisor.headers, payload: { title, body: 'Never pay to receive a prize.', questions: ['prize fee'], tags: ['scam'], baseVersion } });
    const saved = await save(1, 'Prize scams: never pay a fee');
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal(saved.json().texts.en.version, 2);
    const stale = await save(1, 'Someone else’s edit');
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().error.code, 'VERSION_CONFLICT');
    const revisions = (await inject({ method: 'GET', url: '/api/v1/kb/articles/lucky-draw-scam/revisions?lang=en', headers: agent.headers })).json().items;
    assert.deepEqual(revisions.map((r: { version: number }) => r.version), [2, 1]);
    assert.equal(revisions[0].authorId, me);
    assert.ok((await search('never pay a fee prize', '&lang=en')).some((h) => h.articleId === 'lucky-draw-scam'), 'the index follows the edit');
  });

  test('"was this helpful?" counts votes and guards the comment', async () => {
    const res = await inject({ method: 'POST', url: '/api/v1/help/articles/reset-payment-pin/votes', payload: { lang: 'zh-CN', helpful: false, comment: '没用，验证码 483920 也收不到' } });
    assert.equal(res.statusCode, 204);
    const [row] = await app.db.query<{ comment: string }>("select comment from kb_votes where article_id = 'reset-payment-pin' order by created_at desc limit 1");
    assert.ok(!row!.comment.includes('483920'), row!.comment);
    const article = (await inject({ method: 'GET', url: '/api/v1/help/articles/reset-payment-pin' })).json();
    assert.equal(article.notHelpful, 1);
    const form = await inject({ method: 'POST', url: '/help/en/articles/reset-payment-pin/vote', payload: 'helpful=yes&comment=clear', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(form.statusCode, 303);
    assert.equal(form.headers.location, '/help/en/articles/reset-payment-pin?voted=1#vote');
  });

  test('help-center pages are server-rendered, linked across languages and safe', async () => {
    const redirect = await inject({ method: 'GET', url: '/help', headers: { 'accept-language': 'en-US,en;q=0.9' } });
    assert.equal(redirect.headers.location, '/help/en');
    const home = await inject({ method: 'GET', url: '/help/zh-CN' });
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /<html lang="zh-CN">/);
    assert.match(home.body, /hreflang="en" href="http:\/\/localhost:0\/help\/en"/);
    assert.match(home.body, /常见问题/);
    const page = await inject({ method: 'GET', url: '/help/en/articles/top-up-not-arrived' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1>[^<]+<\/h1>/);
    assert.match(page.body, /<form method="post" action="\/help\/en\/articles\/top-up-not-arrived\/vote">/);
    assert.match(page.body, /href="\/help\/zh-CN\/articles\/top-up-not-arrived"/);
    assert.doesNotMatch(page.body, /<script/);
    const results = await inject({ method: 'GET', url: `/help/zh-CN/search?q=${encodeURIComponent('退款多久到账')}` });
    assert.match(results.body, /<mark>/);
    const nothing = await inject({ method: 'GET', url: `/help/en/search?q=${encodeURIComponent('<img src=x onerror=alert(1)>')}` });
    assert.doesNotMatch(nothing.body, /<img src=x/);
    assert.equal((await inject({ method: 'GET', url: '/help/en/articles/no-such-article' })).statusCode, 404);
  });

  test('announcements: managers publish, the public and the bot see what is in effect, by topic', async () => {
    const now = Date.now();
    const payload = (over: object) => ({ kind: 'incident', severity: 'critical', title: { 'zh-CN': '银行卡充值通道维护 02:00-04:00', en: 'Bank-card top-ups paused 02:00-04:00' }, topics: ['top_up'], startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 3_600_000).toISOString(), ...over });
    assert.equal((await inject({ method: 'POST', url: '/api/v1/announcements', headers: agent.headers, payload: payload({}) })).statusCode, 403);
    const created = await inject({ method: 'POST', url: '/api/v1/announcements', headers: supervisor.headers, payload: payload({}) });
    assert.equal(created.statusCode, 201, created.body);
    await inject({ method: 'POST', url: '/api/v1/announcements', headers: supervisor.headers, payload: payload({ title: { 'zh-CN': '已结束', en: 'over' }, startsAt: new Date(now - 7_200_000).toISOString(), endsAt: new Date(now - 3_600_000).toISOString() }) });
    const topUp = (await inject({ method: 'GET', url: '/api/v1/help/announcements?topic=top_up' })).json().items;
    assert.equal(topUp[0].severity, 'critical', 'most severe first');
    assert.ok(!topUp.some((a: { title: { en: string } }) => a.title.en === 'over'), 'ended ones are gone');
    assert.equal((await app.knowledge.announcements.active({ topic: 'transfer' })).length, 0);
    const bad = await inject({ method: 'POST', url: '/api/v1/announcements', headers: supervisor.headers, payload: payload({ endsAt: new Date(now - 120_000).toISOString() }) });
    assert.equal(bad.statusCode, 400);
    assert.match((await inject({ method: 'GET', url: '/help/zh-CN' })).body, /银行卡充值通道维护/);
  });

  test('kb export then import round-trips; an edited file becomes a new version; a bad file changes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kb-'));
    writeKbFolder(dir, await app.knowledge.knowledge.exportAll());
    const again = await app.knowledge.knowledge.importFolder(systemActor, readKbFolder(dir));
    assert.equal(again.created + again.updated, 0, JSON.stringify(again));
    const file = join(dir, 'articles', 'fees.en.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\n---\n/, '\n---\nA new first line about fees.\n'));
    assert.equal((await app.knowledge.knowledge.importFolder(systemActor, readKbFolder(dir))).updated, 1);
    const broken = mkdtempSync(join(tmpdir(), 'kb-bad-'));
    cpSync(dir, broken, { recursive: true });
    writeFileSync(join(broken, 'articles', 'fees.zh-CN.md'), '---\nid: fees\nlang: fr\n---\nbody');
    assert.throws(() => readKbFolder(broken), (err: unknown) => err instanceof AppError && JSON.stringify(err.details).includes('fees.zh-CN.md'));
  });

  test('another node sees an edit through the event bus, and a restarted node rebuilds the index from the database', async () => {
    const config = loadConfig({ DATA_DIR: '/nonexistent', LOG_LEVEL: 'silent', SEED_DEMO: 'true', PORT: '0' });
    const bus = await openEventBus(undefined, () => {});
    const logger = createLogger('silent');
    // Two nodes on one database and one bus, as two processes behind a load balancer would be.
    const nodeA = await createApp(config, { database: app.db, bus, logger });
    const nodeB = await createApp(config, { database: app.db, bus, logger });
    await prepareDatabase(nodeA);
    await prepareDatabase(nodeB);
    await nodeA.knowledge.knowledge.saveText(systemActor, 'close-account', 'en', { title: 'Close your account (zebra)', body: 'Steps to close.', questions: [], tags: [] });
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(nodeB.knowledge.knowledge.search({ q: 'zebra', lang: 'en' })[0]?.articleId, 'close-account');
    const restarted = await createApp(config, { database: app.db, bus: await openEventBus(undefined, () => {}), logger });
    await prepareDatabase(restarted);
    assert.equal(restarted.knowledge.knowledge.search({ q: 'zebra', lang: 'en' })[0]?.articleId, 'close-account');
  });
});
