import { startWorker, workerResult } from '../../../platform/worker-thread.js';
import { IntentModel, type IntentModelOptions, type TrainingRow } from './model.js';

/**
 * Trains off the event loop, so a server keeps answering while a model of thousands of examples
 * trains: the model and its calibration train at once on two worker threads. Resolves with the
 * loaded model and its bytes (what the database stores), the same as `IntentModel.train` gives.
 */
export async function trainInWorker(rows: readonly TrainingRow[], options: Partial<IntentModelOptions> = {}): Promise<{ bytes: Uint8Array; model: IntentModel }> {
  const entry = new URL('./train.worker.js', import.meta.url);
  const [fitted, temperature] = await Promise.all([
    workerResult<Uint8Array>(startWorker(entry, { rows, options, part: 'fit' })),
    workerResult<number>(startWorker(entry, { rows, options, part: 'calibrate' })),
  ]);
  const model = IntentModel.deserialize(fitted).withTemperature(temperature);
  return { bytes: model.serialize(), model };
}
