import { startWorker, workerResult } from '../../../platform/worker-thread.js';
import { IntentModel, type IntentModelOptions, type TrainingRow } from './model.js';

/**
 * Trains off the event loop, so a server keeps answering while a model of thousands of examples
 * trains: the model and its calibration train at once on two worker threads. Resolves with the
 * loaded model and its bytes (what the database stores), the same as `IntentModel.train` gives.
 * `background`: the threads do not keep the process alive, so a process that stops mid-training
 * (a server on SIGTERM, `walletdesk seed`) exits at once and the training is dropped; the next
 * start trains again.
 */
export async function trainInWorker(rows: readonly TrainingRow[], options: Partial<IntentModelOptions> = {}, run: { background?: boolean } = {}): Promise<{ bytes: Uint8Array; model: IntentModel }> {
  const entry = new URL('./train.worker.js', import.meta.url);
  const start = (part: 'fit' | 'calibrate') => {
    const worker = startWorker(entry, { rows, options, part });
    if (run.background) worker.unref();
    return worker;
  };
  const [fitted, temperature] = await Promise.all([workerResult<Uint8Array>(start('fit')), workerResult<number>(start('calibrate'))]);
  const model = IntentModel.deserialize(fitted).withTemperature(temperature);
  return { bytes: model.serialize(), model };
}
