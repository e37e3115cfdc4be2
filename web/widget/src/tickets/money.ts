/** Currencies the form offers: all have two decimals, so one unit is 100 minor units. */
export const formCurrencies = ['CNY', 'HKD', 'USD'] as const;

/**
 * An amount as a person types it ("123.45", "1,000", "１２３．４５" from a Chinese keyboard) to
 * integer minor units, by moving digits in the string: no float ever holds the value, so 0.29
 * stays 29. Null when it is not an amount with at most two decimals.
 */
export function toMinorUnits(typed: string): number | null {
  const match = /^(\d*)(?:\.(\d{1,2}))?$/.exec(typed.normalize('NFKC').replace(/[\s,]/g, ''));
  if (!match || (!match[1] && !match[2])) return null;
  const minor = Number(`${match[1] || '0'}${(match[2] ?? '').padEnd(2, '0')}`);
  return Number.isSafeInteger(minor) ? minor : null;
}
