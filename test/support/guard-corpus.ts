import { readFileSync } from 'node:fs';
import { scanText, secretTypes, type FindingType } from '../../src/modules/guard/index.js';

export interface CorpusCase {
  text: string;
  lang: 'zh' | 'en';
  expect: { type: FindingType; value: string }[];
  scam?: boolean;
}

export function loadGuardCorpus(path = 'test/fixtures/guard-corpus.jsonl'): CorpusCase[] {
  return readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as CorpusCase);
}

export interface Tally { tp: number; fp: number; fn: number }
export interface CorpusScore {
  byType: Record<string, Tally & { precision: number; recall: number }>;
  secretRecall: number;
  overallPrecision: number;
  scamAccuracy: number;
  misses: string[];
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

/** Scores the detector against the labelled corpus: a hit is the right type over the labelled value. */
export function scoreCorpus(cases: CorpusCase[]): CorpusScore {
  const tally = new Map<string, Tally>();
  const t = (type: string) => tally.get(type) ?? (tally.set(type, { tp: 0, fp: 0, fn: 0 }), tally.get(type)!);
  const misses: string[] = [];
  let scamRight = 0;
  let scamCases = 0;
  for (const c of cases) {
    const result = scanText(c.text, { lang: c.lang });
    const used = new Set<number>();
    for (const e of c.expect) {
      const start = c.text.indexOf(e.value);
      const end = start + e.value.length;
      const hit = result.findings.findIndex((f, i) => !used.has(i) && f.type === e.type && f.start < end && f.end > start);
      if (hit >= 0) {
        used.add(hit);
        t(e.type).tp += 1;
      } else {
        t(e.type).fn += 1;
        misses.push(`missed ${e.type}: ${c.text}`);
      }
    }
    result.findings.forEach((f, i) => {
      if (used.has(i)) return;
      t(f.type).fp += 1;
      misses.push(`false ${f.type}: ${c.text}`);
    });
    if (c.scam !== undefined) {
      scamCases += 1;
      if (result.scam === c.scam) scamRight += 1;
      else misses.push(`scam ${c.scam ? 'missed' : 'false'}: ${c.text}`);
    }
  }
  const byType: CorpusScore['byType'] = {};
  for (const [type, v] of tally) byType[type] = { ...v, precision: ratio(v.tp, v.tp + v.fp), recall: ratio(v.tp, v.tp + v.fn) };
  const secrets = [...tally].filter(([type]) => (secretTypes as readonly string[]).includes(type)).map(([, v]) => v);
  const all = [...tally.values()];
  const sum = (xs: Tally[], k: keyof Tally) => xs.reduce((a, x) => a + x[k], 0);
  return {
    byType,
    secretRecall: ratio(sum(secrets, 'tp'), sum(secrets, 'tp') + sum(secrets, 'fn')),
    overallPrecision: ratio(sum(all, 'tp'), sum(all, 'tp') + sum(all, 'fp')),
    scamAccuracy: ratio(scamRight, scamCases),
    misses,
  };
}
