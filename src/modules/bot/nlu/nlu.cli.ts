import { readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Command, Option } from 'commander';
import { readCsv } from './csv.js';
import { evaluate } from './evaluate.js';
import { QuestionMatcher } from './matcher.js';
import { IntentModel, commandLineModelOptions, type TrainingRow } from './model.js';

const round = (x: number, digits = 4) => Number(x.toFixed(digits));

function trainingRows(file: string): TrainingRow[] {
  return readCsv(readFileSync(file, 'utf8'), ['text', 'category']).map((r) => ({ text: r.text, intent: r.category }));
}

function pairs(file: string) {
  return readCsv(readFileSync(file, 'utf8'), ['sentence1', 'sentence2']);
}

const loadModel = (file: string) => IntentModel.deserialize(readFileSync(file));

/** `walletdesk nlu ...`: the scripted interface to the understanding engine (benchmarks and operators use it). */
export function nluCommand(): Command {
  const nlu = new Command('nlu').description('Intent classifier and question matcher: train, evaluate, predict, compare phrasings');

  nlu
    .command('train')
    .description('Train an intent model from a CSV with header text,category and write it to a file')
    .requiredOption('--data <file>', 'training CSV (header text,category)')
    .requiredOption('--out <file>', 'model file to write')
    .addOption(new Option('--threshold <p>', 'calibrated confidence under which a text is out of scope (0: never)').default('0'))
    .action((opts: { data: string; out: string; threshold: string }) => {
      const rows = trainingRows(opts.data);
      const started = performance.now();
      const model = IntentModel.train(rows, { ...commandLineModelOptions, outOfScopeThreshold: Number(opts.threshold) });
      const bytes = model.serialize();
      writeFileSync(opts.out, bytes);
      process.stdout.write(`${JSON.stringify({ n: rows.length, intents: model.intents.length, train_ms: Math.round(performance.now() - started), bytes: bytes.length })}\n`);
    });

  nlu
    .command('eval')
    .description('Print {"n","accuracy","macro_f1","p50_ms","p99_ms"} for a model on a labelled CSV (header text,category)')
    .requiredOption('--model <file>', 'model file from `nlu train`')
    .requiredOption('--data <file>', 'labelled CSV')
    .action((opts: { model: string; data: string }) => {
      const { n, accuracy, macro_f1, p50_ms, p99_ms } = evaluate(loadModel(opts.model), trainingRows(opts.data));
      process.stdout.write(`${JSON.stringify({ n, accuracy: round(accuracy), macro_f1: round(macro_f1), p50_ms: round(p50_ms, 3), p99_ms: round(p99_ms, 3) })}\n`);
    });

  nlu
    .command('predict')
    .description('Read one text per line on stdin; print {"intent","confidence","top":[{"intent","confidence"}x3]} per line')
    .requiredOption('--model <file>', 'model file from `nlu train`')
    .action(async (opts: { model: string }) => {
      const model = loadModel(opts.model);
      for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
        const p = model.predict(line);
        const top = p.top.map((t) => ({ intent: t.intent, confidence: round(t.confidence) }));
        process.stdout.write(`${JSON.stringify({ intent: p.outOfScope ? 'out_of_scope' : p.intent, confidence: round(p.confidence), top })}\n`);
      }
    });

  nlu
    .command('similarity')
    .description('Print a score in [0,1] per pair of a CSV with header sentence1,sentence2, one per line in input order')
    .requiredOption('--data <file>', 'pairs to score')
    .option('--train <file>', 'labelled pairs (header sentence1,sentence2,label with label 0 or 1) to fit the matcher on first')
    .action((opts: { data: string; train?: string }) => {
      const data = pairs(opts.data);
      const labelled = opts.train ? readCsv(readFileSync(opts.train, 'utf8'), ['sentence1', 'sentence2', 'label']) : [];
      const corpus = [...data, ...labelled].flatMap((p) => [p.sentence1, p.sentence2]);
      const matcher = QuestionMatcher.fit(corpus, labelled.map((p) => ({ a: p.sentence1, b: p.sentence2, label: Number(p.label) >= 0.5 ? 1 : 0 })));
      process.stdout.write(data.map((p) => `${round(matcher.similarity(p.sentence1, p.sentence2), 6)}\n`).join(''));
    });

  return nlu;
}
