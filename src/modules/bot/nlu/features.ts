import { analyze } from '../../knowledge/index.js';
import { analyzeText, type Analyzed } from './analyze.js';
import { conceptsOf, soundsOf } from './concepts.js';

/** A sparse row: feature indices ascending, values as weights. */
export interface SparseVector {
  idx: Int32Array;
  val: Float32Array;
}

export interface FeatureOptions {
  /** Word n-gram lengths, inclusive. */
  wordNgrams: [number, number];
  /** Character n-gram lengths within words (padded with a space at each end), inclusive. */
  charNgrams: [number, number];
  /** Weight of the character block against the word block (each block is l2-normalized). */
  charWeight: number;
  /**
   * Weight of the domain-term block: the search analyzer's terms, where every synonym
   * (充值, top up, recharge...) also yields its group's one form, in both languages. 0 leaves it out.
   */
  termWeight: number;
  /** Terms seen in fewer training texts are dropped. */
  minDf: number;
  /** Adds the status cues below to the domain-term block (absent in models saved before them: off). */
  cues?: boolean;
  /** Weight of the block of concepts shared by both languages (concepts.ts); absent or 0 leaves it out. */
  conceptWeight?: number;
  /** Weight of the block of the text's sounds, pinyin syllables and their pairs (concepts.ts); absent or 0 leaves it out. */
  soundWeight?: number;
}

export const defaultFeatureOptions: FeatureOptions = { wordNgrams: [1, 2], charNgrams: [1, 5], charWeight: 1, termWeight: 1, minDf: 1, cues: true };

/**
 * Phrasings shared by every "something of mine has not arrived" intent (top-up, transfer,
 * withdrawal, refund) and absent from their "how do I" twins. Each intent sees only its own few
 * examples of "还没到" or "where's my"; one feature for all of them lets each learn from all.
 * Matched on normalized text (Simplified, lower case). Question words are left out: out-of-scope
 * texts ("红烧肉怎么做") ask how too, and a shared how-cue pulled them into the product's intents.
 */
const cues: [string, RegExp][] = [
  ['#status', /还没|没到|未到|没收到|冇收到|没有到|未入|不见|卡住|卡在|一直|处理中|退回|没进|看不到|pending|stuck|still|not (arrived|received|showing|credited|there|in)|hasn't|haven't|never|missing|where('s| is| did) my|delayed|didn't (arrive|come|go)|怎么还|这么慢|taking so long|nothing/],
  ['#mine', /我的|刚才|刚刚|昨天|上周|已经|早上|上午|\bmy\b|\bi (sent|topped|withdrew|cashed|paid|transferred|added|loaded|deposited|put)\b|yesterday|ago\b|last (night|week|friday)|this morning/],
];

export interface FeaturizerState {
  options: FeatureOptions;
  terms: string[];
  idf: number[];
}

/** Word n-grams ("w" prefix), padded character n-grams ("c"), domain terms ("t") and concepts ("k") of one text, with counts. */
export function termCounts(text: string, options: FeatureOptions, analyzed: Analyzed = analyzeText(text)): Map<string, number> {
  const { normalized, words } = analyzed;
  const counts = new Map<string, number>();
  const add = (t: string) => counts.set(t, (counts.get(t) ?? 0) + 1);
  const [wLo, wHi] = options.wordNgrams;
  for (let n = wLo; n <= wHi; n++) for (let i = 0; i + n <= words.length; i++) add(`w${words.slice(i, i + n).join(' ')}`);
  const [cLo, cHi] = options.charNgrams;
  for (const token of normalized.split(/[^\p{L}\p{N}]+/u)) {
    if (!token) continue;
    // Code units are characters unless the token holds astral ones (rare: emoji are not letters).
    const padded = /[\ud800-\udfff]/.test(token) ? [...` ${token} `] : ` ${token} `;
    const gram = typeof padded === 'string' ? (i: number, n: number) => padded.substring(i, i + n) : (i: number, n: number) => padded.slice(i, i + n).join('');
    if (padded.length <= cLo) add(`c${gram(0, padded.length)}`);
    // Single characters come from inside the word only: the padding space alone means nothing.
    for (let n = cLo; n <= cHi && n <= padded.length; n++) for (let i = n === 1 ? 1 : 0; i + n <= padded.length - (n === 1 ? 1 : 0); i++) add(`c${gram(i, n)}`);
  }
  if (options.termWeight > 0) for (const term of analyze(text)) add(`t${term}`);
  if (options.termWeight > 0 && options.cues) for (const [cue, pattern] of cues) if (pattern.test(normalized)) add(`t${cue}`);
  if (options.conceptWeight) for (const concept of conceptsOf(normalized, words)) add(`k${concept}`);
  if (options.soundWeight) for (const sound of soundsOf(normalized, words)) add(`p${sound}`);
  return counts;
}

/**
 * TF-IDF over word and character n-grams: sublinear term frequency, smoothed idf, each block
 * l2-normalized, then the character block scaled by `charWeight`. Fitted once on the training
 * texts; unknown terms at prediction time are ignored.
 */
export class Featurizer {
  private readonly index: Map<string, number>;

  private constructor(private readonly state: FeaturizerState) {
    this.index = new Map(state.terms.map((t, i) => [t, i]));
  }

  static fit(texts: readonly string[], options: FeatureOptions = defaultFeatureOptions): { featurizer: Featurizer; rows: SparseVector[] } {
    const docs = texts.map((t) => termCounts(t, options));
    const df = new Map<string, number>();
    for (const doc of docs) for (const term of doc.keys()) df.set(term, (df.get(term) ?? 0) + 1);
    const terms = [...df.keys()].filter((t) => df.get(t)! >= options.minDf).sort();
    const idf = terms.map((t) => Math.log((1 + docs.length) / (1 + df.get(t)!)) + 1);
    const featurizer = new Featurizer({ options, terms, idf });
    return { featurizer, rows: docs.map((d) => featurizer.vectorize(d)) };
  }

  static restore(state: FeaturizerState): Featurizer {
    return new Featurizer(state);
  }

  get dimension(): number {
    return this.state.terms.length;
  }

  get options(): FeatureOptions {
    return this.state.options;
  }

  toJSON(): FeaturizerState {
    return this.state;
  }

  transform(text: string, analyzed?: Analyzed): SparseVector {
    return this.vectorize(termCounts(text, this.state.options, analyzed));
  }

  private vectorize(counts: Map<string, number>): SparseVector {
    const entries: [number, number, number][] = [];
    const norms = [0, 0, 0, 0, 0];
    for (const [term, count] of counts) {
      const i = this.index.get(term);
      if (i === undefined) continue;
      const v = (1 + Math.log(count)) * this.state.idf[i]!;
      const block = blockOf(term);
      norms[block]! += v * v;
      entries.push([i, v, block]);
    }
    entries.sort((a, b) => a[0] - b[0]);
    const { charWeight, termWeight = 0, conceptWeight = 0, soundWeight = 0 } = this.state.options;
    const scale = [1, charWeight, termWeight, conceptWeight, soundWeight].map((w, b) => (norms[b]! > 0 ? w / Math.sqrt(norms[b]!) : 0));
    return { idx: Int32Array.from(entries, (e) => e[0]), val: Float32Array.from(entries, (e) => e[1] * scale[e[2]]!) };
  }
}

/** 0 word, 1 character, 2 domain term, 3 concept, 4 sound: each block is normalized on its own. */
const blocks: Record<string, number> = { c: 1, t: 2, k: 3, p: 4 };
const blockOf = (term: string) => blocks[term[0]!] ?? 0;
