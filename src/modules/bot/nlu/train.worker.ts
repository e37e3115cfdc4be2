// Worker-thread entry: one half of a training (the model, or its calibration) off the event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { IntentModel, type IntentModelOptions, type TrainingRow } from './model.js';

const { rows, options, part } = workerData as { rows: TrainingRow[]; options: Partial<IntentModelOptions>; part: 'fit' | 'calibrate' };
if (part === 'calibrate') parentPort!.postMessage(IntentModel.calibrate(rows, options));
else {
  const bytes = IntentModel.fit(rows, options).serialize();
  parentPort!.postMessage(bytes, [bytes.buffer as ArrayBuffer]);
}
