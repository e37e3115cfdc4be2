import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { scanText } from '../src/modules/guard/index.js';
import { normalizeText } from '../src/platform/text/normalize.js';
import { words } from '../src/platform/text/segment.js';

const contentDir = 'content/bot';
const intentsDir = join(contentDir, 'intents');

/** The routing categories conversations and skills are keyed by; small talk routes nowhere (null). */
const categories = ['top_up', 'payment_failed', 'transfer', 'refund', 'withdrawal', 'limits', 'fees', 'account_security', 'frozen_account', 'login', 'payment_pin', 'scam', 'complaint', 'kyc'] as const;

/** The product's floor per language; the files aim higher so a held-out split still trains well. */
const minExamples = 20;

const localized = z.strictObject({ 'zh-CN': z.string().trim().min(1), en: z.string().trim().min(1) });
const examples = z.strictObject({ 'zh-CN': z.array(z.string().trim().min(1)), en: z.array(z.string().trim().min(1)) });

const intentFile = z.strictObject({
  intent: z.string().regex(/^[a-z][a-z0-9_]*$/),
  category: z.enum(categories).nullable(),
  description: localized,
  examples,
});
const outOfScopeFile = z.strictObject({ intent: z.literal('out_of_scope'), description: localized, examples });

interface Loaded {
  file: string;
  intent: string;
  examples: z.infer<typeof examples>;
}

function load<T extends z.ZodType>(file: string, schema: T): z.infer<T> {
  const parsed = schema.safeParse(parse(readFileSync(file, 'utf8')));
  assert.ok(parsed.success, `${file}: ${parsed.error?.message}`);
  return parsed.data;
}

const intentFiles = readdirSync(intentsDir).filter((f) => f.endsWith('.yml')).sort().map((f) => join(intentsDir, f));
const outOfScopePath = join(contentDir, 'out-of-scope.yml');

/** The form the bot matches on (width, case, Traditional/Simplified folded), so a variant spelling is no new example. */
const key = (text: string) => normalizeText(text).replace(/\s+/g, ' ').trim();

function loadAll(): Loaded[] {
  const intents = intentFiles.map((file) => {
    const data = load(file, intentFile);
    assert.equal(data.intent, basename(file, '.yml'), `${file}: the file is named after its intent`);
    return { file, intent: data.intent, examples: data.examples };
  });
  const oos = load(outOfScopePath, outOfScopeFile);
  return [...intents, { file: outOfScopePath, intent: oos.intent, examples: oos.examples }];
}

test('the bot covers at least 30 intents, each file well formed with a known routing category', () => {
  assert.ok(intentFiles.length >= 30, `only ${intentFiles.length} intent files`);
  const intents = loadAll().map((l) => l.intent);
  assert.equal(new Set(intents).size, intents.length, 'intent ids are unique');
});

test(`every intent has at least ${minExamples} distinct examples in each language, out-of-scope at least 60`, () => {
  for (const { file, intent, examples } of loadAll()) {
    const floor = intent === 'out_of_scope' ? 60 : minExamples;
    for (const [lang, list] of Object.entries(examples)) {
      const distinct = new Set(list.map(key));
      const repeated = list.filter((text, i) => list.findIndex((other) => key(other) === key(text)) !== i);
      assert.deepEqual(repeated, [], `${file} ${lang}: repeated examples`);
      assert.ok(distinct.size >= floor, `${file} ${lang}: ${distinct.size} examples, want >= ${floor}`);
    }
  }
});

test('no example appears under two intents, in either language', () => {
  const owner = new Map<string, string>();
  const clashes: string[] = [];
  for (const { intent, examples } of loadAll()) {
    for (const text of [...examples['zh-CN'], ...examples.en]) {
      const k = key(text);
      const other = owner.get(k);
      if (other !== undefined && other !== intent) clashes.push(`"${text}": ${other} / ${intent}`);
      owner.set(k, intent);
    }
  }
  assert.deepEqual(clashes, []);
});

test('the guard finds no secret and no personal data in any example', () => {
  const flagged: string[] = [];
  for (const { file, examples } of loadAll()) {
    for (const text of [...examples['zh-CN'], ...examples.en]) {
      const found = scanText(text).findings.map((f) => f.type);
      if (found.length) flagged.push(`${file}: "${text}" (${found.join(', ')})`);
    }
  }
  assert.deepEqual(flagged, []);
});

/** Sentence particles and filler words: adding or dropping one does not make a new way of saying it. */
const particles = /[啊呀吗么嘛呢吧啦哦噢喔咯呗哈嘞哟呐滴嗯]/gu;
const fillers = new Set(['a', 'an', 'the', 'pls', 'plz', 'please', 'just', 'so', 'very', 'really', 'oh', 'ok', 'okay', 'um', 'uh', 'lol']);

/** Words of an example without punctuation, emoji, particles, fillers, and with stretched letters ("hellooo") shrunk. */
const gist = (text: string) =>
  words(normalizeText(text).replace(/[^\p{L}\p{N}\s]+/gu, ' ').replace(particles, '').replace(/(.)\1+/gu, '$1')).filter((w) => !fillers.has(w));

/** Word-level edit distance, 2 standing for "2 or more". */
function wordEdits(a: string[], b: string[]): number {
  if (Math.abs(a.length - b.length) > 1) return 2;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return Math.min(previous[b.length]!, 2);
}

// A held-out split full of near-copies would measure memory, not understanding: within an intent and
// language, every example is another way of saying it.
test('no two examples of an intent are near-copies (same words, or one word apart in 3 or more)', () => {
  const near: string[] = [];
  for (const { file, examples } of loadAll()) {
    for (const [lang, list] of Object.entries(examples)) {
      const gists = list.map(gist);
      for (let i = 0; i < list.length; i++)
        for (let j = 0; j < i; j++) {
          const [a, b] = [gists[i]!, gists[j]!];
          const same = a.join(' ') === b.join(' ');
          if (same || (Math.min(a.length, b.length) >= 3 && wordEdits(a, b) <= 1)) near.push(`${file} ${lang}: "${list[j]}" ~ "${list[i]}"`);
        }
    }
  }
  assert.deepEqual(near, []);
});

test('the near-copy check catches variants that differ by punctuation, particles, emoji or one word', () => {
  assert.deepEqual(gist('在吗？'), gist('在么'));
  assert.deepEqual(gist('hellooo!! 👋'), gist('hello'));
  assert.equal(wordEdits(gist('can I cancel a payment I just made'), gist('can I cancel the transfer I just made')), 1);
  assert.notDeepEqual(gist('怎么提现'), gist('提现怎么还没到账'));
});
