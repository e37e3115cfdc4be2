import { createContext, useContext } from 'react';
import { en, type Catalog } from './en.js';
import type { Locale } from './locale.js';
import { zhCN } from './zh-CN.js';

export type { Locale } from './locale.js';
export const catalogs: Record<Locale, Catalog> = { 'zh-CN': zhCN, en };

const stored = 'walletdesk.console.locale';

/** The saved choice, else the browser's: Chinese of any region is zh-CN, the rest English. */
export function initialLocale(): Locale {
  const saved = localStorage.getItem(stored);
  if (saved === 'zh-CN' || saved === 'en') return saved;
  return /^zh/i.test(navigator.language) ? 'zh-CN' : 'en';
}

export function saveLocale(locale: Locale) {
  localStorage.setItem(stored, locale);
  document.documentElement.lang = locale;
}

export const I18n = createContext<{ t: Catalog; locale: Locale; setLocale: (l: Locale) => void }>({ t: zhCN, locale: 'zh-CN', setLocale: () => undefined });
export const useI18n = () => useContext(I18n);
