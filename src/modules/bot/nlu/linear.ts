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
 * only the nonzeros of one row. The bias is a constant feature of value 1. With shrinking (their
 * Algorithm 3): a row beyond the margin by more than the previous pass's largest violation is left
 * out of the passes that follow, and every row is checked again once the rest has converged. Against one class of
 * many almost every row is such a negative, so the passes after the first cost a fraction of it.
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
    let active = n;
    let shrinkAbove = Infinity;
    for (let pass = 0; pass < options.maxEpochs; pass++) {
      shuffle(order.subarray(0, active), random.next);
      let maxPg = -Infinity;
      let minPg = Infinity;
      for (let k = 0; k < active; k++) {
        const i = order[k]!;
        const { idx, val } = rows[i]!;
        const y = labels[i] === c ? 1 : -1;
        let dot = b;
        for (let p = 0; p < idx.length; p++) dot += w[idx[p]!]! * val[p]!;
        const a = alpha[i]!;
        const g = y * dot - 1 + diag * a;
        if (a === 0 && g > shrinkAbove) {
          active -= 1;
          order[k] = order[active]!;
          order[active] = i;
          k -= 1;
          continue;
        }
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
      if (maxPg - minPg < options.tolerance) {
        if (active === n) break;
        // Converged on the rows still in play: check them all again before stopping.
        active = n;
        shrinkAbove = Infinity;
        continue;
      }
      shrinkAbove = maxPg > 0 ? maxPg : Infinity;
    }
    for (let f = 0; f < dimension; f++) weights[f * classes + c] = w[f]!;
    bias[c] = b;
  }
  return { classes, dimension, weights, bias };
}

export interface SoftmaxOptions {
  /** L2 penalty per example. */
  lambda: number;
  epochs: number;
  /** Initial step; decays as eta0 / (1 + eta0 * lambda * t). */
  eta0: number;
  seed: number;
}

export const defaultSoftmaxOptions: SoftmaxOptions = { lambda: 1e-5, epochs: 12, eta0: 0.5, seed: 3 };

/**
 * Multinomial logistic regression by plain SGD. The L2 shrink is kept as one scale factor over
 * all weights (Bottou's trick), so a step costs only the row's nonzeros times the classes.
 */
export function trainSoftmax(rows: readonly SparseVector[], labels: Int32Array, classes: number, dimension: number, options: SoftmaxOptions = defaultSoftmaxOptions): LinearModel {
  const n = rows.length;
  const v = new Float32Array(dimension * classes);
  const b = new Float64Array(classes);
  const z = new Float64Array(classes);
  const active = new Int32Array(classes);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const random = seededRandom(options.seed);
  let scale = 1;
  let t = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffle(order, random.next);
    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      const { idx, val } = rows[i]!;
      const eta = options.eta0 / (1 + options.eta0 * options.lambda * t++);
      z.set(b);
      for (let p = 0; p < idx.length; p++) {
        const base = idx[p]! * classes;
        const x = val[p]! * scale;
        for (let c = 0; c < classes; c++) z[c]! += v[base + c]! * x;
      }
      softmaxInPlace(z);
      z[labels[i]!]! -= 1;
      // Most classes get a negligible gradient once the model is fitted: update only the others.
      let m = 0;
      for (let c = 0; c < classes; c++) if (Math.abs(z[c]!) > GRADIENT_FLOOR) active[m++] = c;
      scale *= 1 - eta * options.lambda;
      const step = eta / scale;
      for (let p = 0; p < idx.length; p++) {
        const base = idx[p]! * classes;
        const x = val[p]! * step;
        for (let a = 0; a < m; a++) {
          const c = active[a]!;
          v[base + c]! -= z[c]! * x;
        }
      }
      for (let a = 0; a < m; a++) b[active[a]!]! -= eta * z[active[a]!]!;
      if (scale < 1e-4) {
        for (let q = 0; q < v.length; q++) v[q]! *= scale;
        scale = 1;
      }
    }
  }
  for (let q = 0; q < v.length; q++) v[q]! *= scale;
  return { classes, dimension, weights: v, bias: Float32Array.from(b) };
}

const GRADIENT_FLOOR = 1e-4;

/** Turns scores into probabilities, in place, without overflow. */
export function softmaxInPlace(z: Float64Array, temperature = 1): Float64Array {
  let max = -Infinity;
  for (let c = 0; c < z.length; c++) if (z[c]! > max) max = z[c]!;
  let sum = 0;
  for (let c = 0; c < z.length; c++) {
    z[c] = Math.exp((z[c]! - max) / temperature);
    sum += z[c]!;
  }
  for (let c = 0; c < z.length; c++) z[c]! /= sum;
  return z;
}

/** Fisher-Yates, in place. */
export function shuffle(order: Int32Array, next: () => number): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
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
