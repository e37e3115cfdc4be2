// The understanding engine's public surface: the dialogue, the server and the CLI import only this.
export { analyzeText, type Analyzed } from './analyze.js';
export { IntentModel, OUT_OF_SCOPE, defaultIntentModelOptions, productModelOptions, commandLineModelOptions, type IntentModelOptions, type Prediction, type Scored, type TrainingRow } from './model.js';
export { QuestionMatcher, type LabeledPair } from './matcher.js';
export { trainInWorker } from './training.js';
export { startWorker, workerResult } from '../../../platform/worker-thread.js';
export { readIntentFiles, intentRows, type IntentFile, type IntentRow } from './intent-files.js';
export { evaluate, macroF1, type Evaluation } from './evaluate.js';
export { readCsv, csvField } from './csv.js';
export { nluCommand } from './nlu.cli.js';
