import { softmaxInPlace } from './linear.js';

/** Mean negative log-likelihood of the true classes under softmax(scores / temperature). */
export function meanNll(scores: readonly Float64Array[], labels: ArrayLike<number>, temperature: number): number {
  let total = 0;
  for (let i = 0; i < scores.length; i++) {
    const p = softmaxInPlace(Float64Array.from(scores[i]!), temperature);
    total -= Math.log(Math.max(p[labels[i]!]!, 1e-12));
  }
  return total / Math.max(scores.length, 1);
}

/**
 * Temperature scaling (Guo et al. 2017): the one scalar that makes softmax confidences match
 * held-out accuracy. It divides every score alike, so the ranking, and the accuracy, stay the
 * same. Golden-section search on log T; the likelihood is unimodal in T.
 */
export function fitTemperature(scores: readonly Float64Array[], labels: ArrayLike<number>): number {
  if (scores.length === 0) return 1;
  let lo = Math.log(0.01);
  let hi = Math.log(100);
  const ratio = (Math.sqrt(5) - 1) / 2;
  let a = hi - ratio * (hi - lo);
  let b = lo + ratio * (hi - lo);
  let fa = meanNll(scores, labels, Math.exp(a));
  let fb = meanNll(scores, labels, Math.exp(b));
  for (let k = 0; k < 40; k++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - ratio * (hi - lo);
      fa = meanNll(scores, labels, Math.exp(a));
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + ratio * (hi - lo);
      fb = meanNll(scores, labels, Math.exp(b));
    }
  }
  return Math.exp((lo + hi) / 2);
}

/** Expected calibration error over equal-width confidence bins: 0 when confidence is accuracy. */
export function expectedCalibrationError(confidences: readonly number[], correct: readonly boolean[], bins = 10): number {
  const count = new Array<number>(bins).fill(0);
  const conf = new Array<number>(bins).fill(0);
  const hits = new Array<number>(bins).fill(0);
  confidences.forEach((c, i) => {
    const bin = Math.min(bins - 1, Math.floor(c * bins));
    count[bin]!++;
    conf[bin]! += c;
    if (correct[i]) hits[bin]!++;
  });
  return count.reduce((e, n, k) => (n ? e + (n / confidences.length) * Math.abs(conf[k]! / n - hits[k]! / n) : e), 0);
}
