import MiniSearch, { type SearchResult } from 'minisearch';
import { stemmer } from 'stemmer';
import { locales, type Locale } from '../../platform/i18n/index.js';
import { hanBigrams } from '../../platform/text/segment.js';
import { normalizeText } from '../../platform/text/normalize.js';
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

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The one search used by the help center, the bot and the console: MiniSearch (in memory) over
 * our own analyzer, because the default tokenizer of every JS search library fails on Chinese.
 * Titles and question phrasings weigh more than bodies; English typos are forgiven.
 */
export function createSearchIndex(synonyms: Synonyms = defaultSynonyms) {
  const bodies = new Map<string, string>();
  /** Every term any document holds: a query word the index knows needs no character-pair fallback. */
  const vocabulary = new Set<string>();
  const analyzeDocument = (text: string) => {
    const terms = analyze(text, synonyms);
    for (const t of terms) vocabulary.add(t);
    return terms;
  };
  const analyzeQuery = (text: string) => {
    const words = analyze(text, synonyms, { bigrams: false });
    return words.flatMap((w) => (/\p{Script=Han}/u.test(w) && w.length > 2 && !vocabulary.has(w) ? [w, ...hanBigrams(w)] : [w]));
  };

  // One index per language: every query names its language (or is run on both), so a search
  // never scores documents it would then throw away.
  const makeIndex = () =>
    new MiniSearch<Doc>({
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
  const indexes: Record<Locale, MiniSearch<Doc>> = { 'zh-CN': makeIndex(), en: makeIndex() };

  function toDoc(t: IndexedText): Doc {
    return { key: keyOf(t.articleId, t.lang), articleId: t.articleId, lang: t.lang, title: t.title, questions: [...t.questions, t.tags.join(' ')].join('\n'), body: t.body, categoryId: t.categoryId, status: t.status };
  }

  /** Surface forms to mark in the text for a query: its words, their synonyms, and English words with the same stem. */
  function highlighter(q: string) {
    const terms = new Set(analyze(q, synonyms));
    const han = new Set<string>();
    for (const term of [...terms]) {
      for (const v of synonyms.variantsOf(term)) {
        if (/\p{Script=Han}/u.test(v)) han.add(v);
        else terms.add(stemmer(v));
      }
    }
    const hanWords = [...han].filter((w) => w.length >= 2).sort((a, b) => b.length - a.length);
    const pattern = new RegExp(`(${[...hanWords.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), '[A-Za-z][A-Za-z0-9]*'].join('|')})`, 'g');
    const isHit = (part: string) => !/^[A-Za-z]/.test(part) || terms.has(stemmer(normalizeText(part))) || terms.has(normalizeText(part));
    return {
      mark: (text: string) =>
        text
          .split(pattern)
          .map((part, i) => (i % 2 === 1 && isHit(part) ? `<mark>${escapeHtml(part)}</mark>` : escapeHtml(part)))
          .join(''),
      /** Offset of the first matched word in the text, or -1. */
      firstHit(text: string): number {
        let offset = 0;
        for (const [i, part] of text.split(pattern).entries()) {
          if (i % 2 === 1 && isHit(part)) return offset;
          offset += part.length;
        }
        return -1;
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
      const doc = toDoc(text);
      const index = indexes[text.lang];
      if (index.has(doc.key)) index.replace(doc);
      else index.add(doc);
      bodies.set(doc.key, text.body);
    },
    remove(articleId: string, lang: Locale): void {
      const key = keyOf(articleId, lang);
      if (indexes[lang].has(key)) indexes[lang].discard(key);
      bodies.delete(key);
    },
    /** Replaces everything (at start, and after a bulk import). */
    load(texts: IndexedText[]): void {
      for (const lang of locales) indexes[lang].removeAll();
      bodies.clear();
      vocabulary.clear();
      for (const lang of locales) indexes[lang].addAll(texts.filter((t) => t.lang === lang).map(toDoc));
      for (const t of texts) bodies.set(keyOf(t.articleId, t.lang), t.body);
    },
    get size(): number {
      return indexes['zh-CN'].documentCount + indexes.en.documentCount;
    },

    search(query: SearchQuery): SearchHit[] {
      const q = query.q.trim();
      if (!q) return [];
      const filter = (r: SearchResult) =>
        (!query.categoryId || r.categoryId === query.categoryId) && (r.status === 'published' || (query.includeDrafts === true && r.status === 'draft'));
      const results = (query.lang ? [query.lang] : locales)
        .flatMap((lang) => indexes[lang].search(q, { filter }))
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
          snippetHtml: snippet(bodies.get(key) ?? '', h),
        });
        if (hits.length >= (query.limit ?? 10)) break;
      }
      return hits;
    },
  };
}

export type SearchIndex = ReturnType<typeof createSearchIndex>;
