import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SparseVector } from './features.js';
import { trainSoftmax, linearScores } from './linear.js';
import { addMlpScores, defaultMlpOptions, mlpEpochs, trainMlp } from './mlp.js';

const row = (idx: number[]): SparseVector => ({ idx: Int32Array.from(idx), val: Float32Array.from(idx, () => 1) });
const argmax = (s: Float64Array) => s.indexOf(Math.max(...s));

describe('nlu: one-hidden-layer network', () => {
  // Class 1 when exactly one of features 0 and 1 is present (feature 2 is always on): no linear model separates it.
  const rows = [row([2]), row([0, 2]), row([1, 2]), row([0, 1, 2])];
  const labels = Int32Array.from([0, 1, 1, 0]);

  test('learns an interaction of two features that a linear model cannot', () => {
    const mlp = trainMlp(rows, labels, 2, 3, { ...defaultMlpOptions, hidden: 16, dropout: 0, maxEpochs: 2000 });
    assert.deepEqual(rows.map((r) => argmax(addMlpScores(mlp, r, new Float64Array(2)))), [0, 1, 1, 0]);
    const linear = trainSoftmax(rows, labels, 2, 3);
    assert.notDeepEqual(rows.map((r) => argmax(linearScores(linear, r))), [0, 1, 1, 0]);
  });

  test('the same seed gives the same weights; its logits add to a score vector, weighted', () => {
    const a = trainMlp(rows, labels, 2, 3, { ...defaultMlpOptions, hidden: 8 });
    const b = trainMlp(rows, labels, 2, 3, { ...defaultMlpOptions, hidden: 8 });
    assert.deepEqual([a.w1, a.w2, a.b1, a.b2], [b.w1, b.w2, b.b1, b.b2]);
    const once = addMlpScores(a, rows[1]!, new Float64Array(2));
    const twice = addMlpScores(a, rows[1]!, Float64Array.from([1, -1]), 2);
    assert.ok(Math.abs(twice[0]! - (1 + 2 * once[0]!)) < 1e-5 && Math.abs(twice[1]! - (-1 + 2 * once[1]!)) < 1e-5);
  });

  test('small data gets more passes, up to the cap', () => {
    assert.equal(mlpEpochs(10_000, defaultMlpOptions), defaultMlpOptions.minEpochs);
    assert.equal(mlpEpochs(3_200, defaultMlpOptions), 20);
    assert.equal(mlpEpochs(40, defaultMlpOptions), defaultMlpOptions.maxEpochs);
  });
});
