import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { seededRandom } from '../../../platform/random.js';
import type { SparseVector } from './features.js';
import { defaultSvmOptions, trainSvm } from './linear.js';

describe('nlu: one-vs-rest SVM', () => {
  // Overlapping classes in 40 sparse features, so that many rows end inside the margin and many outside it.
  const random = seededRandom(5);
  const classes = 4;
  const dimension = 40;
  const labels = Int32Array.from({ length: 400 }, (_, i) => i % classes);
  const rows: SparseVector[] = [...labels].map((label) => {
    const features = new Set<number>();
    while (features.size < 6) features.add(random.next() < 0.5 ? label * 10 + Math.floor(random.next() * 10) : Math.floor(random.next() * dimension));
    const idx = Int32Array.from([...features].sort((a, b) => a - b));
    return { idx, val: Float32Array.from(idx, () => 1 / Math.sqrt(idx.length)) };
  });

  test('with shrinking it still reaches the optimum over every row: the primal gradient vanishes', () => {
    const c = 1;
    const model = trainSvm(rows, labels, classes, dimension, { ...defaultSvmOptions, c, tolerance: 1e-6, maxEpochs: 5000 });
    for (let k = 0; k < classes; k++) {
      // Squared hinge, bias as a feature of value 1: w = sum 2C * max(0, 1 - y f(x)) * y x.
      const grad = new Float64Array(dimension + 1);
      for (let f = 0; f < dimension; f++) grad[f] = model.weights[f * classes + k]!;
      grad[dimension] = model.bias[k]!;
      rows.forEach((row, i) => {
        const y = labels[i] === k ? 1 : -1;
        let score = model.bias[k]!;
        for (let p = 0; p < row.idx.length; p++) score += model.weights[row.idx[p]! * classes + k]! * row.val[p]!;
        const slack = Math.max(0, 1 - y * score);
        for (let p = 0; p < row.idx.length; p++) grad[row.idx[p]!]! -= 2 * c * slack * y * row.val[p]!;
        grad[dimension]! -= 2 * c * slack * y;
      });
      const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0));
      const weightNorm = norm([...model.weights.filter((_, q) => q % classes === k), model.bias[k]!]);
      assert.ok(norm(grad) < 1e-3 * weightNorm, `class ${k}: gradient ${norm(grad)} against weights ${weightNorm}`);
    }
  });
});
