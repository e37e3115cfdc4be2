// Help-center search quality and speed.
// Quality: the query set (bench/search/queries.jsonl, typed the way users type) against the
// product's own articles: hit@1, hit@3 and MRR for WalletDesk's search and, in the same run, for
// PostgreSQL full-text search (to_tsvector('simple', ...), in PGlite) and for MiniSearch with its
// default tokenizer.
// Speed: a generated corpus of 10,000 articles: index build time, memory, query p50/p99, with
// PostgreSQL full-text search (GIN index) as the peer.
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import MiniSearch from 'minisearch';
import { readKbFolder } from '../../src/modules/knowledge/index.js';
import { seedContentDir } from '../../src/modules/knowledge/kb-files.js';
import { plainText } from '../../src/modules/knowledge/markdown.js';
import { createSearchIndex, type IndexedText } from '../../src/modules/knowledge/search-index.js';
import type { Locale } from '../../src/platform/i18n/index.js';
import { seededRandom } from '../../src/platform/random.js';
import { percentile, report } from '../support/report.js';

interface Query {
  q: string;
  lang: 'zh' | 'en';
  expected: string[];
}

const queries: Query[] = readFileSync(new URL('./queries.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Query);
const localeOf = (lang: Query['lang']): Locale => (lang === 'zh' ? 'zh-CN' : 'en');

const folder = readKbFolder(seedContentDir);
const texts: IndexedText[] = folder.articles.flatMap((a) =>
  (['zh-CN', 'en'] as const).flatMap((lang) => {
    const t = a.texts[lang];
    return t ? [{ articleId: a.id, lang, title: t.title, questions: t.questions, tags: t.tags, body: plainText(t.body), categoryId: a.categoryId, status: 'published' as const }] : [];
  }),
);

type Engine = (q: Query) => Promise<string[]> | string[];

async function quality(name: string, engine: Engine, subset: Query[] = queries) {
  let hit1 = 0;
  let hit3 = 0;
  let rr = 0;
  for (const query of subset) {
    const ranked = await engine(query);
    const rank = ranked.findIndex((id) => query.expected.includes(id));
    if (rank === 0) hit1 += 1;
    if (rank >= 0 && rank < 3) hit3 += 1;
    if (rank >= 0) rr += 1 / (rank + 1);
  }
  const n = subset.length;
  return { engine: name, n, hit1: Number((hit1 / n).toFixed(3)), hit3: Number((hit3 / n).toFixed(3)), mrr: Number((rr / n).toFixed(3)) };
}

// ---- engines
const walletdesk = createSearchIndex();
walletdesk.load(texts);
const ours: Engine = (q) => walletdesk.search({ q: q.q, lang: localeOf(q.lang), limit: 10 }).map((h) => h.articleId);

const naive = new MiniSearch({ idField: 'key', fields: ['title', 'questions', 'body'], storeFields: ['articleId', 'lang'], searchOptions: { boost: { title: 3, questions: 2 }, fuzzy: 0.2, prefix: true } });
naive.addAll(texts.map((t) => ({ key: `${t.articleId}:${t.lang}`, articleId: t.articleId, lang: t.lang, title: t.title, questions: t.questions.join('\n'), body: t.body })));
const defaultMiniSearch: Engine = (q) =>
  naive
    .search(q.q, { filter: (r) => r.lang === localeOf(q.lang) })
    .slice(0, 10)
    .map((r) => r.articleId as string);

async function postgresFts(rows: IndexedText[]) {
  const pg = new PGlite();
  await pg.exec(`create table docs (article_id text, lang text, doc tsvector);`);
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const params: string[] = [];
    const values = chunk.map((t, j) => {
      params.push(t.articleId, t.lang, `${t.title} ${t.questions.join(' ')}`, t.body);
      return `($${j * 4 + 1}, $${j * 4 + 2}, setweight(to_tsvector('simple', $${j * 4 + 3}), 'A') || setweight(to_tsvector('simple', $${j * 4 + 4}), 'D'))`;
    });
    await pg.query(`insert into docs values ${values.join(',')}`, params);
  }
  await pg.exec(`create index docs_fts on docs using gin (doc);`);
  const engine: Engine = async (q) =>
    (
      await pg.query<{ article_id: string }>(
        `select article_id from docs, websearch_to_tsquery('simple', $1) query where lang = $2 and doc @@ query order by ts_rank(doc, query) desc limit 10`,
        [q.q, localeOf(q.lang)],
      )
    ).rows.map((r) => r.article_id);
  return { engine, close: () => pg.close() };
}

// ---- quality on the real articles
const fts = await postgresFts(texts);
for (const lang of [undefined, 'zh', 'en'] as const) {
  const subset = lang ? queries.filter((q) => q.lang === lang) : queries;
  for (const [name, engine] of [['walletdesk', ours], ['postgres_fts_simple', fts.engine], ['minisearch_default_tokenizer', defaultMiniSearch]] as const) {
    report('search', { figure: 'quality', languages: lang ?? 'all', articles: folder.articles.length, ...(await quality(name, engine, subset)) });
  }
}
await fts.close();

// ---- speed at 10,000 articles
// A knowledge base of 10,000 articles covers far more than wallet basics, so the generated corpus
// keeps the shape of the real articles (lengths, fields, a share of their words) and replaces most
// words with words drawn from a large Zipf-distributed vocabulary, as other topics would. The
// worst case, 10,000 near-copies of the 45 real articles where every query matches most of the
// corpus, is printed too.
const target = Number(process.env.BENCH_ARTICLES ?? 10_000);
function syntheticVocabulary(size: number, rand: () => number): { zh: string[]; en: string[] } {
  const hanChars = [...'安保币查处存单到费付改关户汇换会活机积级计价绑交解金卡开客理利量码明签请券取认商设申审时收授树数税算提通退网为稳息信行续验业移易银用优余约账证支值中转资自租'];
  const syllables = ['ba', 'ce', 'di', 'fo', 'gu', 'ha', 'ki', 'lo', 'me', 'nu', 'pa', 'ri', 'so', 'ta', 've', 'zo', 'ex', 'in', 'al', 'or'];
  const zh = new Set<string>();
  const en = new Set<string>();
  while (zh.size < size) zh.add(Array.from({ length: 2 + Math.floor(rand() * 2) }, () => hanChars[Math.floor(rand() * hanChars.length)]).join(''));
  while (en.size < size) en.add(Array.from({ length: 2 + Math.floor(rand() * 3) }, () => syllables[Math.floor(rand() * syllables.length)]).join(''));
  return { zh: [...zh], en: [...en] };
}
function generated(count: number, mode: 'realistic' | 'near_copies'): IndexedText[] {
  const rand = seededRandom(7).next;
  const vocab = syntheticVocabulary(50_000, rand);
  // Zipf: the k-th word is drawn with probability proportional to 1/k.
  const zipf = (words: string[]) => words[Math.min(words.length - 1, Math.floor(Math.exp(rand() * Math.log(words.length))) - 1)]!;
  const mutate = (text: string, lang: Locale) =>
    mode === 'near_copies' ? text : text.replace(lang === 'en' ? /[A-Za-z]+/g : /\p{Script=Han}{2}/gu, (w) => (rand() < 0.7 ? zipf(lang === 'en' ? vocab.en : vocab.zh) : w));
  return Array.from({ length: count }, (_, i) => {
    const a = texts[i % texts.length]!;
    return { ...a, articleId: `gen-${i}`, title: mutate(a.title, a.lang), questions: a.questions.map((q) => mutate(q, a.lang)), body: mutate(a.body, a.lang) };
  });
}
const corpus = generated(target, 'realistic');
global.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const buildStarted = performance.now();
const big = createSearchIndex();
big.load(corpus);
const buildMs = performance.now() - buildStarted;
global.gc?.();
const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;

async function latency(engine: Engine, rounds = 3) {
  const samples: number[] = [];
  // One warm-up round, not counted: the first calls include compiling the code paths.
  for (const q of queries) await engine(q);
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const started = performance.now();
      await engine(q);
      samples.push(performance.now() - started);
    }
  }
  samples.sort((a, b) => a - b);
  return { p50_ms: Number(percentile(samples, 50).toFixed(2)), p95_ms: Number(percentile(samples, 95).toFixed(2)), p99_ms: Number(percentile(samples, 99).toFixed(2)), samples: samples.length };
}

const bigFtsStarted = performance.now();
const bigFts = await postgresFts(corpus);
const ftsBuildMs = performance.now() - bigFtsStarted;
report('search', {
  figure: 'speed',
  engine: 'walletdesk',
  corpus: 'realistic',
  articles: corpus.length,
  build_ms: Math.round(buildMs),
  heap_mb: Number(heapMb.toFixed(1)),
  ...(await latency((q) => big.search({ q: q.q, lang: localeOf(q.lang), limit: 10 }).map((h) => h.articleId))),
});
report('search', { figure: 'speed', engine: 'postgres_fts_simple', corpus: 'realistic', articles: corpus.length, build_ms: Math.round(ftsBuildMs), ...(await latency(bigFts.engine)) });
await bigFts.close();

const copies = createSearchIndex();
copies.load(generated(target, 'near_copies'));
report('search', { figure: 'speed', engine: 'walletdesk', corpus: 'near_copies_worst_case', articles: target, ...(await latency((q) => copies.search({ q: q.q, lang: localeOf(q.lang), limit: 10 }).map((h) => h.articleId))) });
