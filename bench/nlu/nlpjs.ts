// NLP.js (@nlpjs/nlp with its English stemmer and tokenizer), the library a TypeScript team would
// otherwise pick, trained and scored exactly like ours. Its answer is its top classification: its
// own "None" below a threshold would only lower its accuracy.
import { Nlp } from '@nlpjs/nlp';
import { LangEn } from '@nlpjs/lang-en-min';
import type { TrainingRow } from '../../src/modules/bot/nlu/index.js';

export async function trainNlpjs(rows: readonly TrainingRow[]) {
  const nlp = new Nlp({ languages: ['en'], autoSave: false, autoLoad: false, forceNER: false, nlu: { log: false } });
  nlp.use(LangEn);
  for (const r of rows) nlp.addDocument('en', r.text, r.intent);
  await nlp.train();
  return async (text: string) => (await nlp.process('en', text)).classifications[0]?.intent ?? 'None';
}
