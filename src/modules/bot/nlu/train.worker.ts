// Worker-thread entry: trains one intent model off the event loop and hands back its bytes.
import { parentPort, workerData } from 'node:worker_threads';
import { IntentModel, type IntentModelOptions, type TrainingRow } from './model.js';

const { rows, options } = workerData as { rows: TrainingRow[]; options: Partial<IntentModelOptions> };
const bytes = IntentModel.train(rows, options).serialize();
parentPort!.postMessage(bytes, [bytes.buffer as ArrayBuffer]);
