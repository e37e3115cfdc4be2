import { readFileSync } from 'node:fs';
import { stemmer } from 'stemmer';
import { normalizeText } from '../../platform/text/normalize.js';
import { hanBigrams, isHan, words } from '../../platform/text/segment.js';

/** Words that carry no meaning for search in either language. */
const stopwords = new Set([
  'a', 'an', 'the', 'is', 'are', 'was', 'be', 'i', 'my', 'me', 'to', 'of', 'and', 'or', 'it', 'in', 'on', 'for', 'how', 'what', 'do',
  'does', 'did', 'can', 'why', 'when', 'this', 'that', 'with', 'not', 'yet', 'still', 'you', 'your', 'we', 'from', 'at', 'so', 'im', 'ive',
  '的', '了', '吗', '呢', '啊', '吧', '呀', '我', '你', '是', '在', '还', '就', '都', '也', '怎么', '怎么办', '为什么', '什么', '如何', '怎样', '咋办', '咋',
  '一下', '一个', '请问', '能', '可以', '有', '没有', '了吗', '要', '想', '把', '被', '给', '和', '与',
]);

export interface Synonyms {
  /** Adds, beside every variant in normalized text, its group's first form. */
  canonicalize(normalized: string): string;
  /** Every surface form of a canonical term (for highlighting). */
  variantsOf(canonical: string): string[];
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function parseSynonyms(text: string): Synonyms {
  const toCanonical = new Map<string, string>();
  const groups = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const variants = line.split('|').map((v) => normalizeText(v.trim())).filter(Boolean);
    const canonical = variants[0]!;
    groups.set(canonical, variants);
    for (const v of variants) if (!toCanonical.has(v)) toCanonical.set(v, canonical);
  }
  // One pass with one alternation, longest variants first so "top up" wins over "top".
  // English variants match as whole words only; Chinese ones anywhere.
  const alternatives = [...toCanonical.keys()]
    .sort((a, b) => b.length - a.length)
    .map((v) => (/^[\p{Script=Han}]+$/u.test(v) ? escapeRegex(v) : `(?<![a-z0-9])${escapeRegex(v)}(?![a-z0-9])`));
  const pattern = new RegExp(alternatives.join('|'), 'gu');
  return {
    // The variant stays beside its canonical form, so typo tolerance still finds "refnd" near "refund".
    canonicalize: (normalized) =>
      normalized.replace(pattern, (m) => {
        const canonical = toCanonical.get(m) ?? m;
        return canonical === m ? ` ${m} ` : ` ${m} ${canonical} `;
      }),
    variantsOf: (canonical) => groups.get(canonical) ?? [canonical],
  };
}

export const defaultSynonyms = parseSynonyms(readFileSync(new URL('./synonyms.txt', import.meta.url), 'utf8'));

/**
 * Text to search terms, the same way for documents and queries: normalize, map synonyms to one
 * form, segment Chinese with jieba (plus character pairs of longer words, which catch words the
 * dictionary splits differently), stem English, drop stopwords.
 */
export function analyze(text: string, synonyms: Synonyms = defaultSynonyms, options: { bigrams?: boolean } = {}): string[] {
  const terms: string[] = [];
  for (const word of words(synonyms.canonicalize(normalizeText(text)))) {
    if (stopwords.has(word)) continue;
    if (isHan(word)) {
      terms.push(word);
      if (word.length > 2 && options.bigrams !== false) terms.push(...hanBigrams(word));
    } else if (/^\d+$/.test(word)) {
      terms.push(word);
    } else {
      terms.push(word.length > 3 ? stemmer(word) : word);
    }
  }
  return terms;
}
