import { en, type Catalog } from './en.js';
import { zhCN } from './zh-CN.js';

export type Locale = 'zh-CN' | 'en';
export type { Catalog };

export const catalogs: Record<Locale, Catalog> = { 'zh-CN': zhCN, en };

/** Any browser or host locale to one we have: Chinese of any region is zh-CN, the rest English. */
export function pickLocale(wanted: string | null | undefined): Locale {
  return wanted && /^zh/i.test(wanted) ? 'zh-CN' : 'en';
}

/** Fills `{name}` placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
