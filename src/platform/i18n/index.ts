import type { ErrorCode } from '../http/app-error.js';
import { en, type Catalog } from './en.js';
import type { Locale } from './locale.js';
import { zhCN } from './zh-CN.js';

export { pickLocale, locales, defaultLocale, type Locale } from './locale.js';

const catalogs: Record<Locale, Catalog> = { 'zh-CN': zhCN, en };

export function catalog(locale: Locale): Catalog {
  return catalogs[locale];
}

export function errorMessage(code: ErrorCode, locale: Locale): string {
  return catalogs[locale].errors[code];
}
