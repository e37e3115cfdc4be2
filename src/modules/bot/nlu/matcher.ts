import { analyzeText } from './analyze.js';
import { Featurizer, type SparseVector } from './features.js';

export interface LabeledPair {
  a: string;
  b: string;
  /** 1 when the two texts ask the same thing. */
  label: number;
}

function dot(a: SparseVector, b: SparseVector): number {
  let s = 0;
  for (let i = 0, j = 0; i < a.idx.length && j < b.idx.length; ) {
    if (a.idx[i] === b.idx[j]) s += a.val[i++]! * b.val[j++]!;
    else if (a.idx[i]! < b.idx[j]!) i++;
    else j++;
  }
  return s;
}

function cosine(a: SparseVector, b: SparseVector): number {
  const d = dot(a, a) * dot(b, b);
  return d > 0 ? Math.min(1, dot(a, b) / Math.sqrt(d)) : 0;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Names of the pair features, in the order `pairFeatures` returns them (docs and tests use them). */
export const pairFeatureNames = ['cosine_words', 'cosine_chars', 'cosine_both', 'word_overlap', 'length_ratio'] as const;

/**
 * The FAQ question matcher: how likely two phrasings ask the same thing, in [0, 1]. Untrained it
 * is the TF-IDF cosine over word and character n-grams together; `fit` with labelled pairs learns
 * a logistic regression over several views of the pair (cosines of words, of characters, of both,
 * word overlap, length ratio), which also puts the score on a probability scale.
 */
export class QuestionMatcher {
  private constructor(
    private readonly views: { words: Featurizer; chars: Featurizer; both: Featurizer },
    private readonly coef: number[] | null,
  ) {}

  /** `corpus` gives the term weights (e.g. every question of the FAQ); `pairs` the supervision. */
  static fit(corpus: readonly string[], pairs: readonly LabeledPair[] = []): QuestionMatcher {
    const views = {
      words: Featurizer.fit(corpus, { wordNgrams: [1, 2], charNgrams: [2, 5], charWeight: 0, termWeight: 0, minDf: 1 }).featurizer,
      chars: Featurizer.fit(corpus, { wordNgrams: [1, 0], charNgrams: [2, 4], charWeight: 1, termWeight: 0, minDf: 1 }).featurizer,
      both: Featurizer.fit(corpus, { wordNgrams: [1, 2], charNgrams: [2, 5], charWeight: 1, termWeight: 0, minDf: 1 }).featurizer,
    };
    const untrained = new QuestionMatcher(views, null);
    const labels = new Set(pairs.map((p) => p.label));
    if (labels.size < 2) return untrained;
    return new QuestionMatcher(views, fitLogistic(pairs.map((p) => untrained.pairFeatures(p.a, p.b)), pairs.map((p) => p.label)));
  }

  pairFeatures(a: string, b: string): number[] {
    const wa = new Set(analyzeText(a).words);
    const wb = new Set(analyzeText(b).words);
    const shared = [...wa].filter((w) => wb.has(w)).length;
    const la = a.length;
    const lb = b.length;
    return [
      cosine(this.views.words.transform(a), this.views.words.transform(b)),
      cosine(this.views.chars.transform(a), this.views.chars.transform(b)),
      cosine(this.views.both.transform(a), this.views.both.transform(b)),
      wa.size + wb.size > 0 ? (2 * shared) / (wa.size + wb.size) : 0,
      Math.max(la, lb) > 0 ? Math.min(la, lb) / Math.max(la, lb) : 1,
    ];
  }

  similarity(a: string, b: string): number {
    const f = this.pairFeatures(a, b);
    if (!this.coef) return f[2]!;
    return sigmoid(f.reduce((z, v, k) => z + v * this.coef![k]!, this.coef[f.length]!));
  }

  /** The closest of `candidates` to `question`, or null when there are none. */
  best(question: string, candidates: readonly string[]): { index: number; score: number } | null {
    let best: { index: number; score: number } | null = null;
    candidates.forEach((c, index) => {
      const score = this.similarity(question, c);
      if (!best || score > best.score) best = { index, score };
    });
    return best;
  }
}

/** Logistic regression by batch gradient descent with a light L2 penalty; the bias comes last. */
function fitLogistic(x: number[][], y: number[], iterations = 2000, rate = 1, l2 = 1e-4): number[] {
  const d = x[0]!.length;
  const w = new Array<number>(d + 1).fill(0);
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(d + 1).fill(0);
    x.forEach((row, i) => {
      const err = sigmoid(row.reduce((z, v, k) => z + v * w[k]!, w[d]!)) - y[i]!;
      row.forEach((v, k) => (grad[k]! += err * v));
      grad[d]! += err;
    });
    for (let k = 0; k <= d; k++) w[k]! -= rate * (grad[k]! / x.length + (k < d ? l2 * w[k]! : 0));
  }
  return w;
}
