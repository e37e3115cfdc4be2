// One train-and-score job of the benchmark, run in a worker thread so both cores are used.
import { parentPort, workerData } from 'node:worker_threads';
import { IntentModel, evaluate, macroF1, commandLineModelOptions, type TrainingRow } from '../../src/modules/bot/nlu/index.js';
import { trainNlpjs } from './nlpjs.js';

export interface Task {
  system: 'walletdesk' | 'nlpjs';
  train: TrainingRow[];
  test: TrainingRow[];
}
export interface TaskResult {
  accuracy: number;
  macro_f1: number;
  train_s: number;
  /** Expected calibration error of the confidences, with the fitted temperature and with none. */
  ece?: number;
  ece_uncalibrated?: number;
}

const { system, train, test } = workerData as Task;
const started = performance.now();
let result: TaskResult;
if (system === 'walletdesk') {
  const model = IntentModel.train(train, commandLineModelOptions);
  const trainS = (performance.now() - started) / 1000;
  const { accuracy, macro_f1, ece } = evaluate(model, test);
  result = { accuracy, macro_f1, train_s: trainS, ece, ece_uncalibrated: evaluate(model.withTemperature(1), test).ece };
} else {
  const predict = await trainNlpjs(train);
  const trainS = (performance.now() - started) / 1000;
  const predicted: string[] = [];
  for (const row of test) predicted.push(await predict(row.text));
  result = { accuracy: predicted.filter((p, i) => p === test[i]!.intent).length / test.length, macro_f1: macroF1(test.map((r) => r.intent), predicted), train_s: trainS };
}
parentPort!.postMessage(result);
