import { stemmer } from 'stemmer';
import { detectLang, type Lang } from '../../guard/index.js';
import { normalizeText } from '../../../platform/text/normalize.js';
import { isHan, words } from '../../../platform/text/segment.js';

export interface Analyzed {
  /** Half-width, lower case, Simplified Chinese. */
  normalized: string;
  lang: Lang;
  /** Words in order: jieba words for Chinese, Porter stems for English, digits kept. */
  words: string[];
}

/**
 * The one path from raw text to words that the classifier and the matcher share: normalize,
 * detect the language, segment Chinese with the wallet dictionary, stem English. No stopwords:
 * "not", "can't" and "还没" change an intent.
 */
export function analyzeText(text: string): Analyzed {
  const normalized = normalizeText(text);
  return {
    normalized,
    lang: detectLang(normalized),
    words: words(normalized).map((w) => (isHan(w) || w.length <= 3 || /\d/.test(w) ? w : stemmer(w))),
  };
}
