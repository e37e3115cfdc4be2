import type { Locale } from './i18n/locale.js';

/** Money arrives in integer minor units; every supported currency has two decimals. */
export const money = (amount: number, currency: string, locale: Locale) =>
  new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount / 100);

export const dateTime = (iso: string | Date, locale: Locale) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));

export const time = (iso: string | Date, locale: Locale) => new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(new Date(iso));

/** 75 s -> "1 min 15 s" in the locale's own unit words. */
export function duration(seconds: number | null, locale: Locale): string | null {
  if (seconds === null) return null;
  const s = Math.round(seconds);
  const unit = (value: number, u: 'hour' | 'minute' | 'second') => new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'short' }).format(value);
  if (s < 60) return unit(s, 'second');
  if (s < 3600) return `${unit(Math.floor(s / 60), 'minute')} ${unit(s % 60, 'second')}`;
  return `${unit(Math.floor(s / 3600), 'hour')} ${unit(Math.floor((s % 3600) / 60), 'minute')}`;
}

export const percent = (share: number | null, locale: Locale) => (share === null ? null : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(share));

export const splitList = (text: string) => text.split(/[,，\n]/).map((s) => s.trim()).filter(Boolean);
