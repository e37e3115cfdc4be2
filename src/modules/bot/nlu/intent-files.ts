import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { TrainingRow } from './model.js';

const localized = z.strictObject({ 'zh-CN': z.string().optional(), en: z.string().optional() });
const intentFile = z.object({
  intent: z.string().regex(/^[a-z][a-z0-9_]*$/),
  category: z.string().nullable().optional(),
  description: localized.optional(),
  examples: z.strictObject({ 'zh-CN': z.array(z.string()).default([]), en: z.array(z.string()).default([]) }),
});
export type IntentFile = z.infer<typeof intentFile>;

export interface IntentRow extends TrainingRow {
  lang: 'zh-CN' | 'en';
}

/**
 * The product's intents as the content team writes them: `intents/<intent>.yml` and
 * `out-of-scope.yml` under `dir` (content/bot). A malformed file fails with its name.
 */
export function readIntentFiles(dir: string): IntentFile[] {
  const files = readdirSync(join(dir, 'intents')).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(dir, 'intents', f));
  if (existsSync(join(dir, 'out-of-scope.yml'))) files.push(join(dir, 'out-of-scope.yml'));
  return files.map((file) => {
    const parsed = intentFile.safeParse(parse(readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return parsed.data;
  });
}

/** One training row per example phrase, in file order. */
export function intentRows(files: readonly IntentFile[]): IntentRow[] {
  return files.flatMap((f) => (['zh-CN', 'en'] as const).flatMap((lang) => f.examples[lang].map((text) => ({ text, intent: f.intent, lang }))));
}
