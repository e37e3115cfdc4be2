import { readFileSync } from 'node:fs';
import { readCsv, type TrainingRow } from '../../src/modules/bot/nlu/index.js';
import { seededRandom } from '../../src/platform/random.js';

export const banking77 = '../shared/datasets/banking77';

export function readRows(file: string): TrainingRow[] {
  return readCsv(readFileSync(file, 'utf8'), ['text', 'category']).map((r) => ({ text: r.text, intent: r.category }));
}

/** Fold number of every row: each intent's rows shuffled with the seed and dealt round-robin. */
export function stratifiedFolds(labels: readonly string[], k: number, seed: number): number[] {
  const random = seededRandom(seed);
  const byLabel = new Map<string, number[]>();
  labels.forEach((l, i) => (byLabel.get(l) ?? byLabel.set(l, []).get(l)!).push(i));
  const fold = new Array<number>(labels.length).fill(0);
  for (const label of [...byLabel.keys()].sort()) {
    const ids = byLabel.get(label)!;
    for (let i = ids.length - 1; i > 0; i--) {
      const j = Math.floor(random.next() * (i + 1));
      [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    }
    ids.forEach((id, n) => (fold[id] = n % k));
  }
  return fold;
}
