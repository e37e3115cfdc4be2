import OpenCC from 'opencc-js';

// Traditional (Taiwan and Hong Kong variants) to Simplified, phrase-aware. Built once: the
// converter compiles its dictionaries on creation.
const toSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });

/**
 * One form for every way a user may type the same text: full-width to half-width (NFKC),
 * lower case, Traditional to Simplified Chinese, and 帐 to 账 (OpenCC keeps 帐, but in money
 * matters 到帐/帐户 always mean 到账/账户). Search and the bot both match on this form.
 */
export function normalizeText(text: string): string {
  return toSimplified(text.normalize('NFKC').toLowerCase()).replace(/帐/g, '账');
}
