// Intent classification quality and speed on BANKING77 (5-fold cross-validation on train.csv and
// the 10-shot protocol), with NLP.js trained and scored on the same splits in the same run; then
// training time on the full 10,003 examples, prediction latency, and the product's own zh/en
// intents on a held-out split with out-of-scope rejection. `npm run bench -- nlu [--quick]`
// (--quick: 2 folds of the cross-validation, for a fast look).
import { availableParallelism, loadavg } from 'node:os';
import { IntentModel, evaluate, intentRows, productModelOptions, readIntentFiles, startWorker, trainInWorker, commandLineModelOptions, workerResult, type TrainingRow } from '../../src/modules/bot/nlu/index.js';
import { report } from '../support/report.js';
import { banking77, readRows, stratifiedFolds } from './data.js';
import type { Task, TaskResult } from './task.worker.js';

const seed = 42;
const quick = process.argv.includes('--quick');
const r4 = (x: number) => Number(x.toFixed(4));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Runs tasks on a pool of worker threads, one per core, results in task order. */
async function runAll(tasks: Task[]): Promise<TaskResult[]> {
  const results: TaskResult[] = new Array(tasks.length);
  let next = 0;
  const lane = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await workerResult<TaskResult>(startWorker(new URL('./task.worker.js', import.meta.url), tasks[i]));
    }
  };
  await Promise.all(Array.from({ length: Math.min(availableParallelism(), tasks.length) }, lane));
  return results;
}

/** Mean calibration errors, for the systems that report them. */
function calibration(results: TaskResult[]) {
  if (results.some((r) => r.ece === undefined)) return {};
  return { ece: r4(mean(results.map((r) => r.ece!))), ece_without_temperature: r4(mean(results.map((r) => r.ece_uncalibrated!))) };
}

const all = readRows(`${banking77}/train.csv`);
const fold = stratifiedFolds(all.map((r) => r.intent), 5, seed);
const foldIds = quick ? [0, 1] : [0, 1, 2, 3, 4];
const shot = readRows(`${banking77}/train_10shot_seed0.csv`);
const key = (r: TrainingRow) => `${r.intent}\u0000${r.text}`;
const shotKeys = new Set(shot.map(key));
const shotTest = all.filter((r) => !shotKeys.has(key(r)));

const systems = ['walletdesk', 'nlpjs'] as const;
const cvTasks = foldIds.flatMap((f) => systems.map((system) => ({ system, train: all.filter((_, i) => fold[i] !== f), test: all.filter((_, i) => fold[i] === f) })));
const shotTasks = systems.map((system) => ({ system, train: shot, test: shotTest }));
const results = await runAll([...cvTasks, ...shotTasks]);

for (const [s, system] of systems.entries()) {
  const folds = foldIds.map((_, k) => results[k * systems.length + s]!);
  report('nlu', {
    figure: 'banking77_cv', system, folds: foldIds.length, of: 5, seed, n: all.length,
    accuracy: r4(mean(folds.map((f) => f.accuracy))), macro_f1: r4(mean(folds.map((f) => f.macro_f1))),
    fold_accuracy: folds.map((f) => r4(f.accuracy)), train_s_per_fold: r4(mean(folds.map((f) => f.train_s))), target: 0.92,
    ...calibration(folds),
  });
}
for (const [s, system] of systems.entries()) {
  const r = results[cvTasks.length + s]!;
  report('nlu', { figure: 'banking77_10shot', system, train_n: shot.length, n: shotTest.length, accuracy: r4(r.accuracy), macro_f1: r4(r.macro_f1), train_s: r4(r.train_s), target: 0.76, ...calibration([r]) });
}

// Training time and latency with nothing else of ours running: the full file, trained the way the
// server does it (the model and its calibration on two worker threads), as `nlu train` does (with
// the network and the SVM).
const loadBefore = loadavg()[0]!;
const started = performance.now();
const { model: full, bytes } = await trainInWorker(all, commandLineModelOptions);
const trainS = (performance.now() - started) / 1000;
const sample = all.filter((_, i) => i % 5 === 0);
const { p50_ms, p99_ms } = evaluate(full, sample);
report('nlu', { figure: 'train_time', n: all.length, seconds: r4(trainS), threads: 2, target_s: 60, model_bytes: bytes.length, load_average_1m: r4(loadBefore) });
report('nlu', { figure: 'predict_latency', n: sample.length, p50_ms: r4(p50_ms), p99_ms: r4(p99_ms), target_p99_ms: 5, load_average_1m: r4(loadavg()[0]!) });

// The product's intents: a stratified 20% held out (per intent and language), the rest trains, as
// the product trains them (linear with the zh/en concepts; the network lowers this figure).
const productRows = intentRows(readIntentFiles('content/bot'));
const productFold = stratifiedFolds(productRows.map((r) => `${r.intent}/${r.lang}`), 5, seed);
const productTrain = productRows.filter((_, i) => productFold[i] !== 0);
const productTest = productRows.filter((_, i) => productFold[i] === 0);
const product = IntentModel.train(productTrain, productModelOptions);
const inScope = productTest.filter((r) => r.intent !== 'out_of_scope');
const outOfScope = productTest.filter((r) => r.intent === 'out_of_scope');
for (const threshold of [0, 0.3, 0.5]) {
  const scored = product.withThreshold(threshold);
  const accepted = inScope.map((r) => scored.predict(r.text)).map((p, i) => !p.outOfScope && p.intent === inScope[i]!.intent);
  const rejected = outOfScope.map((r) => scored.predict(r.text).outOfScope);
  const scores = evaluate(scored, productTest);
  report('nlu', {
    figure: 'product_holdout', intents: product.intents.length, train_n: productTrain.length, n: productTest.length, threshold,
    accuracy: r4(scores.accuracy), in_scope_accuracy: r4(accepted.filter(Boolean).length / inScope.length), p50_ms: r4(scores.p50_ms), p99_ms: r4(scores.p99_ms),
    oos_n: outOfScope.length, oos_rejected: r4(rejected.filter(Boolean).length / Math.max(outOfScope.length, 1)), target: 0.95,
  });
}
