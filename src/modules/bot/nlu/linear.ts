import { seededRandom } from '../../../platform/random.js';
import type { SparseVector } from './features.js';

/** One-vs-rest linear scorer, weights feature-major (`weights[f * classes + c]`) so a sparse row reads contiguous memory. */
export interface LinearModel {
  classes: number;
  dimension: number;
  weights: Float32Array;
  bias: Float32Array;
}

export interface SvmOptions {
  /** Inverse regularization strength. */
  c: number;
  /** Passes over the data at most. */
  maxEpochs: number;
  /** Stop when the projected-gradient spread falls below this (liblinear's criterion). */
  tolerance: number;
  seed: number;
}

export const defaultSvmOptions: SvmOptions = { c: 1, maxEpochs: 50, tolerance: 0.1, seed: 7 };

/**
 * L2-regularized squared-hinge SVM, one class against the rest, by dual coordinate descent
 * (Hsieh et al. 2008, the liblinear default): no learning rate to tune, and each update touches
 * only the nonzeros of one row. The bias is a constant feature of value 1.
 */
export function trainSvm(rows: readonly SparseVector[], labels: Int32Array, classes: number, dimension: number, options: SvmOptions = defaultSvmOptions): LinearModel {
  const n = rows.length;
  const weights = new Float32Array(dimension * classes);
  const bias = new Float32Array(classes);
  const diag = 0.5 / options.c;
  const qii = Float64Array.from(rows, (r) => r.val.reduce((s, v) => s + v * v, 1) + diag);
  const random = seededRandom(options.seed);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const w = new Float64Array(dimension);
  const alpha = new Float64Array(n);
  for (let c = 0; c < classes; c++) {
    w.fill(0);
    alpha.fill(0);
    let b = 0;
    for (let epoch = 0; epoch < options.maxEpochs; epoch++) {
      for (let i = n - 1; i > 0; i--) {
        const j = Math.floor(random.next() * (i + 1));
        const t = order[i]!;
        order[i] = order[j]!;
        order[j] = t;
      }
      let maxPg = -Infinity;
      let minPg = Infinity;
      for (let k = 0; k < n; k++) {
        const i = order[k]!;
        const { idx, val } = rows[i]!;
        const y = labels[i] === c ? 1 : -1;
        let dot = b;
        for (let p = 0; p < idx.length; p++) dot += w[idx[p]!]! * val[p]!;
        const a = alpha[i]!;
        const g = y * dot - 1 + diag * a;
        const pg = a === 0 ? Math.min(g, 0) : g;
        if (pg > maxPg) maxPg = pg;
        if (pg < minPg) minPg = pg;
        if (pg === 0) continue;
        const next = Math.max(a - g / qii[i]!, 0);
        const step = (next - a) * y;
        alpha[i] = next;
        for (let p = 0; p < idx.length; p++) w[idx[p]!]! += step * val[p]!;
        b += step;
      }
      if (maxPg - minPg < options.tolerance) break;
    }
    for (let f = 0; f < dimension; f++) weights[f * classes + c] = w[f]!;
    bias[c] = b;
  }
  return { classes, dimension, weights, bias };
}

/** Raw margins of every class for one row. */
export function linearScores(model: LinearModel, row: SparseVector): Float64Array {
  const { classes, weights } = model;
  const out = Float64Array.from(model.bias);
  const { idx, val } = row;
  for (let p = 0; p < idx.length; p++) {
    const base = idx[p]! * classes;
    const v = val[p]!;
    for (let c = 0; c < classes; c++) out[c]! += weights[base + c]! * v;
  }
  return out;
}
