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

/** Puts values into a catalog template's `{name}` slots; a slot without a value stays visible, so a gap shows in review. */
export function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (vars[name] === undefined ? whole : String(vars[name])));
}
