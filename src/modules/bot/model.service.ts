import { createHash } from 'node:crypto';
import type { EventBus } from '../../platform/events/index.js';
import type { Logger } from '../../platform/log.js';
import { IntentModel, productModelOptions, type IntentModelOptions, type TrainingRow } from './nlu/model.js';
import { trainInWorker } from './nlu/training.js';
import { loadConcepts } from './nlu/concepts.js';
import type { BotStore, IntentRow } from './bot.store.js';

/** Edits arrive in bursts (an admin adding ten examples): train once they settle. */
const RETRAIN_DEBOUNCE_MS = 2_000;

export const trainingRows = (intents: IntentRow[]): TrainingRow[] =>
  intents.flatMap((i) => [...i.examplesZh, ...i.examplesEn].map((text) => ({ text, intent: i.id })));

/** What a model was trained from: the examples, in any order, and the options, so that new options retrain it too. */
export const trainingHash = (rows: readonly TrainingRow[], options: Partial<IntentModelOptions> = productModelOptions) =>
  createHash('sha256')
    .update(JSON.stringify([rows.map((r) => [r.intent, r.text]).sort(), options]))
    .digest('hex');

/** A model with concepts predicts once their table is built, which happens off the event loop. */
const readyToPredict = (model: IntentModel) => (model.header.features.options.conceptWeight ? loadConcepts() : undefined);

/** One training per catalog in this process: several apps on one machine (tests, nodes) share it. */
const trainedHere = new Map<string, Promise<{ bytes: Uint8Array; ms: number }>>();

/**
 * The intent model's life: trained in a worker thread at first start and whenever the intents
 * change, stored as a numbered version, loaded by every node, and swapped in between two
 * requests (a turn in flight finishes with the model it started with).
 */
export function modelService(deps: { store: BotStore; bus: EventBus; logger: Logger }) {
  const { store, bus, logger } = deps;
  let current: { model: IntentModel; version: number } | null = null;
  let ready: Promise<void> | null = null;
  let timer: NodeJS.Timeout | undefined;
  /** Set on stop: a training that finishes afterwards has no database to go to. */
  let stopped = false;

  async function load(version?: number): Promise<void> {
    const latest = await store.latestModel();
    if (!latest || (version !== undefined && latest.version < version)) return;
    if (current?.version === latest.version) return;
    const model = IntentModel.deserialize(latest.model);
    await readyToPredict(model);
    current = { model, version: latest.version };
  }

  /** Trains when the stored model was trained on other data; otherwise loads it. */
  async function ensure(): Promise<void> {
    const rows = trainingRows(await store.intents());
    if (rows.length === 0) return;
    const hash = trainingHash(rows);
    const latest = await store.latestModel();
    if (latest?.dataHash === hash) return load();
    let training = trainedHere.get(hash);
    if (!training) {
      const started = performance.now();
      training = trainInWorker(rows, productModelOptions, { background: true }).then(({ bytes }) => ({ bytes, ms: Math.round(performance.now() - started) }));
      trainedHere.set(hash, training);
      training.catch(() => trainedHere.delete(hash));
    }
    const { bytes, ms } = await training;
    const model = IntentModel.deserialize(bytes);
    await readyToPredict(model);
    if (stopped) return;
    const version = await store.insertModel({ dataHash: hash, model: bytes, trainingMs: ms, metrics: { examples: rows.length, intents: model.intents.length } });
    current = { model, version };
    logger.info({ version, examples: rows.length, ms }, 'intent model trained');
    await bus.publish('bot.model_trained', { version });
  }

  return {
    /** Resolves once a model is in place (trained or loaded); the server answers meanwhile. */
    start(): Promise<void> {
      ready ??= ensure().catch((err: unknown) => logger.error({ err }, 'intent model training failed'));
      bus.subscribe('bot.intents_changed', () => {
        clearTimeout(timer);
        timer = setTimeout(() => void ensure().catch((err: unknown) => logger.error({ err }, 'intent model training failed')), RETRAIN_DEBOUNCE_MS);
        timer.unref();
      });
      bus.subscribe('bot.model_trained', (event) => load(event.payload.version));
      return ready;
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
    ready: () => ready ?? Promise.resolve(),
    retrain: ensure,
    current: () => current,
    versions: (limit: number) => store.modelVersions(limit),
  };
}

export type ModelService = ReturnType<typeof modelService>;
