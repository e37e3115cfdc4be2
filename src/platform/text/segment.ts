import { readFileSync } from 'node:fs';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

/**
 * Chinese word segmentation: jieba with its standard dictionary plus a wallet domain dictionary,
 * so that 充值, 到账, 支付密码 and 限额 stay whole words (Intl.Segmenter and plain jieba split
 * several of them). Loaded once per process; segmentation itself is synchronous and fast.
 */
const jieba = Jieba.withDict(dict);
jieba.loadDict(readFileSync(new URL('./domain-dict.txt', import.meta.url)));

export function segmentChinese(text: string): string[] {
  return jieba.cut(text, true).filter((w) => w.trim() !== '');
}

const hanRun = /\p{Script=Han}+/u;

/** True for a token of Chinese characters. */
export function isHan(token: string): boolean {
  return hanRun.test(token);
}

/**
 * Splits normalized text into word tokens: Chinese runs through jieba, everything else on
 * non-letters and non-digits. Punctuation is dropped.
 */
export function words(normalized: string): string[] {
  const out: string[] = [];
  for (const part of normalized.split(/(\p{Script=Han}+)/u)) {
    if (!part) continue;
    if (hanRun.test(part)) out.push(...segmentChinese(part));
    else out.push(...part.split(/[^\p{L}\p{N}]+/u).filter(Boolean));
  }
  return out;
}

/** Overlapping character pairs of a Chinese run: they catch words the dictionary does not know. */
export function hanBigrams(token: string): string[] {
  const chars = [...token];
  const grams: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) grams.push(chars[i]! + chars[i + 1]!);
  return grams;
}
