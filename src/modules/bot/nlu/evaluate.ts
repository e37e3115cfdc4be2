import { expectedCalibrationError } from './calibration.js';
import type { IntentModel, TrainingRow } from './model.js';

export interface Evaluation {
  n: number;
  accuracy: number;
  macro_f1: number;
  p50_ms: number;
  p99_ms: number;
}

/** The value at the p-th percentile of ascending values (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** F1 averaged over every class that is gold or predicted at least once, unweighted. */
export function macroF1(gold: readonly string[], predicted: readonly string[]): number {
  const tally = new Map<string, { tp: number; fp: number; fn: number }>();
  const t = (c: string) => tally.get(c) ?? tally.set(c, { tp: 0, fp: 0, fn: 0 }).get(c)!;
  gold.forEach((g, i) => {
    const p = predicted[i]!;
    if (g === p) t(g).tp++;
    else {
      t(g).fn++;
      t(p).fp++;
    }
  });
  let sum = 0;
  for (const { tp, fp, fn } of tally.values()) sum += tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  return tally.size ? sum / tally.size : 0;
}

/** Accuracy, macro F1, calibration error and per-text prediction latency of a model on labelled rows. */
export function evaluate(model: IntentModel, rows: readonly TrainingRow[]): Evaluation & { predicted: string[]; ece: number } {
  const predicted: string[] = [];
  const confidences: number[] = [];
  const ms: number[] = [];
  // One untimed call first: the figures are for a warm model, as in a running server.
  if (rows[0]) model.predict(rows[0].text);
  for (const row of rows) {
    const start = performance.now();
    const p = model.predict(row.text);
    ms.push(performance.now() - start);
    predicted.push(p.outOfScope ? 'out_of_scope' : p.intent);
    confidences.push(p.confidence);
  }
  ms.sort((a, b) => a - b);
  const gold = rows.map((r) => r.intent);
  return {
    n: rows.length,
    accuracy: rows.length ? predicted.filter((p, i) => p === gold[i]).length / rows.length : 0,
    macro_f1: macroF1(gold, predicted),
    p50_ms: percentile(ms, 50),
    p99_ms: percentile(ms, 99),
    predicted,
    ece: expectedCalibrationError(confidences, predicted.map((p, i) => p === gold[i])),
  };
}
