import MiniSearch, { type SearchResult } from 'minisearch';
import { stemmer } from 'stemmer';
import { locales, type Locale } from '../../platform/i18n/index.js';
import { hanBigrams } from '../../platform/text/segment.js';
import type { ArticleStatus } from './knowledge.js';
import { analyze, defaultSynonyms, type Synonyms } from './search-analyzer.js';

/** One language version of an article, as the index holds it. */
export interface IndexedText {
  articleId: string;
  lang: Locale;
  title: string;
  questions: string[];
  tags: string[];
  /** Plain text of the body (Markdown removed). */
  body: string;
  categoryId: string;
  status: ArticleStatus;
}

interface Doc {
  key: string;
  articleId: string;
  lang: Locale;
  title: string;
  questions: string;
  body: string;
  categoryId: string;
  status: ArticleStatus;
}

export interface SearchQuery {
  q: string;
  lang?: Locale;
  categoryId?: string;
  /** Agents see drafts; the public sees published articles only. */
  includeDrafts?: boolean;
  limit?: number;
}

export interface SearchHit {
  articleId: string;
  lang: Locale;
  title: string;
  categoryId: string;
  status: ArticleStatus;
  score: number;
  /** HTML-escaped, with the matched words in <mark>. */
  titleHtml: string;
  snippetHtml: string;
}

const keyOf = (articleId: string, lang: string) => `${articleId}:${lang}`;

/** A query word found in more than this share of a language's documents is left out (when others remain). */
const commonShare = 0.2;

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The one search used by the help center, the bot and the console: MiniSearch (in memory) over
 * our own analyzer, because the default tokenizer of every JS search library fails on Chinese.
 * Titles and question phrasings weigh more than bodies; English typos are forgiven.
 */
export function createSearchIndex(synonyms: Synonyms = defaultSynonyms) {
  /** Every term any document holds: a query word the index knows needs no character-pair fallback. */
  const vocabulary = new Set<string>();

  /**
   * One index per language: every query names its language (or runs on both), so a search never
   * scores documents it would then throw away. Each keeps its documents' term counts (document
   * frequency), exact across adds and removes, so that a query can leave out words that nearly
   * every document contains: they cost the most to score and change the ranking least.
   */
  function makeShard() {
    const docs = new Map<string, Doc>();
    const df = new Map<string, number>();
    let collecting: Set<string> | null = null;
    // Character pairs only for titles and question phrasings: in bodies they multiply the
    // postings every query has to score, for little gain in recall.
    const analyzeDocument = (text: string, field?: string) => {
      const terms = analyze(text, synonyms, { bigrams: field !== 'body' });
      for (const t of terms) {
        vocabulary.add(t);
        collecting?.add(t);
      }
      return terms;
    };
    const count = (fn: () => void, delta: 1 | -1) => {
      collecting = new Set();
      fn();
      for (const t of collecting) df.set(t, (df.get(t) ?? 0) + delta);
      collecting = null;
    };
    const analyzeQuery = (text: string) => {
      const words = analyze(text, synonyms, { bigrams: false }).flatMap((w) => (/\p{Script=Han}/u.test(w) && w.length > 2 && !vocabulary.has(w) ? [w, ...hanBigrams(w)] : [w]));
      const common = Math.max(50, index.documentCount * commonShare);
      const specific = words.filter((w) => (df.get(w) ?? 0) <= common);
      return specific.length ? specific : words;
    };
    const index = new MiniSearch<Doc>({
      idField: 'key',
      // Tags ride with the question phrasings: one field fewer to score for every query term.
      fields: ['title', 'questions', 'body'],
      storeFields: ['articleId', 'lang', 'title', 'categoryId', 'status'],
      tokenize: analyzeDocument,
      processTerm: (term) => term,
      searchOptions: {
        tokenize: analyzeQuery,
        boost: { title: 3, questions: 2.5, body: 1 },
        // Typos only for longer Latin words: a one-letter slip in "withdrawl" is common, in 充值 it is a different word.
        fuzzy: (term) => (/^[a-z]{5,}$/.test(term) ? 0.2 : false),
        maxFuzzy: 1,
        prefix: (term) => /^[a-z]{4,}$/.test(term),
        combineWith: 'OR',
        weights: { fuzzy: 0.6, prefix: 0.7 },
      },
    });
    return {
      index,
      docs,
      put(doc: Doc) {
        const old = docs.get(doc.key);
        if (old) count(() => index.remove(old), -1);
        count(() => index.add(doc), 1);
        docs.set(doc.key, doc);
      },
      remove(key: string) {
        const old = docs.get(key);
        if (!old) return;
        count(() => index.remove(old), -1);
        docs.delete(key);
      },
      clear() {
        index.removeAll();
        docs.clear();
        df.clear();
      },
    };
  }
  const shards: Record<Locale, ReturnType<typeof makeShard>> = { 'zh-CN': makeShard(), en: makeShard() };

  function toDoc(t: IndexedText): Doc {
    return { key: keyOf(t.articleId, t.lang), articleId: t.articleId, lang: t.lang, title: t.title, questions: [...t.questions, t.tags.join(' ')].join('\n'), body: t.body, categoryId: t.categoryId, status: t.status };
  }

  /** Surface forms to mark in the text for a query: its words, their synonyms, and English words with the same stem. */
  function highlighter(q: string) {
    const terms = new Set(analyze(q, synonyms));
    const han = new Set<string>();
    const latin = new Set<string>();
    for (const term of terms) {
      for (const v of [term, ...synonyms.variantsOf(term)]) {
        if (/\p{Script=Han}/u.test(v)) {
          if (v.length >= 2) han.add(v);
        } else if (/^[a-z0-9]/.test(v)) latin.add(v.includes(' ') ? v : stemmer(v));
      }
    }
    const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // A stem is (nearly always) a prefix of the words it comes from: "arriv" marks "arrived" and
    // "arrival" without stemming every word of every snippet.
    const alternatives = [
      ...[...han].sort((a, b) => b.length - a.length).map(escape),
      ...[...latin].sort((a, b) => b.length - a.length).map((w) => `\\b${escape(w)}[a-z]*\\b`),
    ];
    const pattern = alternatives.length ? new RegExp(alternatives.join('|'), 'giu') : null;
    return {
      mark: (text: string) => {
        if (!pattern) return escapeHtml(text);
        let out = '';
        let last = 0;
        for (const m of text.matchAll(pattern)) {
          out += `${escapeHtml(text.slice(last, m.index))}<mark>${escapeHtml(m[0])}</mark>`;
          last = m.index + m[0].length;
        }
        return out + escapeHtml(text.slice(last));
      },
      /** Offset of the first matched word in the text, or -1. */
      firstHit(text: string): number {
        if (!pattern) return -1;
        pattern.lastIndex = 0;
        const m = pattern.exec(text);
        pattern.lastIndex = 0;
        return m ? m.index : -1;
      },
    };
  }

  function snippet(body: string, h: ReturnType<typeof highlighter>, length = 140): string {
    const at = h.firstHit(body);
    const start = at < 0 ? 0 : Math.max(0, at - 40);
    const window = body.slice(start, start + length);
    return `${start > 0 ? '…' : ''}${h.mark(window)}${start + length < body.length ? '…' : ''}`;
  }

  return {
    /** Adds or replaces one language version. */
    put(text: IndexedText): void {
      shards[text.lang].put(toDoc(text));
    },
    remove(articleId: string, lang: Locale): void {
      shards[lang].remove(keyOf(articleId, lang));
    },
    /** Replaces everything (at start, and after a bulk import). */
    load(texts: IndexedText[]): void {
      vocabulary.clear();
      for (const lang of locales) shards[lang].clear();
      for (const t of texts) shards[t.lang].put(toDoc(t));
    },
    get size(): number {
      return shards['zh-CN'].docs.size + shards.en.docs.size;
    },

    search(query: SearchQuery): SearchHit[] {
      const q = query.q.trim();
      if (!q) return [];
      const filter = (r: SearchResult) =>
        (!query.categoryId || r.categoryId === query.categoryId) && (r.status === 'published' || (query.includeDrafts === true && r.status === 'draft'));
      const results = (query.lang ? [query.lang] : locales)
        .flatMap((lang) => shards[lang].index.search(q, { filter }))
        .sort((a, b) => b.score - a.score);
      const h = highlighter(q);
      const seen = new Set<string>();
      const hits: SearchHit[] = [];
      for (const r of results) {
        // Without a language filter, one hit per article: its best-scoring language.
        if (seen.has(r.articleId as string)) continue;
        seen.add(r.articleId as string);
        const key = r.id as string;
        hits.push({
          articleId: r.articleId as string,
          lang: r.lang as Locale,
          title: r.title as string,
          categoryId: r.categoryId as string,
          status: r.status as ArticleStatus,
          score: Number(r.score.toFixed(3)),
          titleHtml: h.mark(r.title as string),
          snippetHtml: snippet(shards[r.lang as Locale].docs.get(key)?.body ?? '', h),
        });
        if (hits.length >= (query.limit ?? 10)) break;
      }
      return hits;
    },
  };
}

export type SearchIndex = ReturnType<typeof createSearchIndex>;
