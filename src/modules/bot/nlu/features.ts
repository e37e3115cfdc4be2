import { analyzeText } from './analyze.js';

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
  /** Terms seen in fewer training texts are dropped. */
  minDf: number;
}

export const defaultFeatureOptions: FeatureOptions = { wordNgrams: [1, 2], charNgrams: [2, 5], charWeight: 1, minDf: 1 };

export interface FeaturizerState {
  options: FeatureOptions;
  terms: string[];
  idf: number[];
}

/** Word n-grams ("w" prefix) and padded character n-grams ("c" prefix) of one text, with counts. */
export function termCounts(text: string, options: FeatureOptions): Map<string, number> {
  const { normalized, words } = analyzeText(text);
  const counts = new Map<string, number>();
  const add = (t: string) => counts.set(t, (counts.get(t) ?? 0) + 1);
  const [wLo, wHi] = options.wordNgrams;
  for (let n = wLo; n <= wHi; n++) for (let i = 0; i + n <= words.length; i++) add(`w${words.slice(i, i + n).join(' ')}`);
  const [cLo, cHi] = options.charNgrams;
  for (const token of normalized.split(/[^\p{L}\p{N}]+/u)) {
    if (!token) continue;
    const padded = [...` ${token} `];
    if (padded.length <= cLo) add(`c${padded.join('')}`);
    for (let n = cLo; n <= cHi && n <= padded.length; n++) for (let i = 0; i + n <= padded.length; i++) add(`c${padded.slice(i, i + n).join('')}`);
  }
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

  transform(text: string): SparseVector {
    return this.vectorize(termCounts(text, this.state.options));
  }

  private vectorize(counts: Map<string, number>): SparseVector {
    const entries: [number, number, boolean][] = [];
    let wordNorm = 0;
    let charNorm = 0;
    for (const [term, count] of counts) {
      const i = this.index.get(term);
      if (i === undefined) continue;
      const v = (1 + Math.log(count)) * this.state.idf[i]!;
      const isChar = term.charCodeAt(0) === 99; // 'c'
      if (isChar) charNorm += v * v;
      else wordNorm += v * v;
      entries.push([i, v, isChar]);
    }
    entries.sort((a, b) => a[0] - b[0]);
    const wordScale = wordNorm > 0 ? 1 / Math.sqrt(wordNorm) : 0;
    const charScale = charNorm > 0 ? this.state.options.charWeight / Math.sqrt(charNorm) : 0;
    return {
      idx: Int32Array.from(entries, (e) => e[0]),
      val: Float32Array.from(entries, (e) => e[1] * (e[2] ? charScale : wordScale)),
    };
  }
}
