import { ProtocolError } from '../chat/protocol.js';
import { catalogs, type Locale } from '../i18n/index.js';
import { callbacksEn, type CallbackStrings } from '../i18n/callbacks.en.js';
import { callbacksZhCN } from '../i18n/callbacks.zh-CN.js';
import { ticketsEn } from '../i18n/tickets.en.js';
import { ticketsZhCN } from '../i18n/tickets.zh-CN.js';

const callbacks: Record<Locale, CallbackStrings> = { en: callbacksEn, 'zh-CN': callbacksZhCN };
/** A callback's topic is an issue type, named as the request form names it. */
const topics: Record<Locale, Record<string, string>> = { en: ticketsEn.categories, 'zh-CN': ticketsZhCN.categories };

export interface Strings {
  c: CallbackStrings;
  topics: Record<string, string>;
  chat: (typeof catalogs)[Locale]['chat'];
  /** What to tell the customer about a failed call: this view's words, else the server's own (already in the widget's language), else the chat's. */
  errorText: (err: unknown) => string;
}

export function stringsFor(locale: Locale): Strings {
  const c = callbacks[locale];
  const chat = catalogs[locale].chat;
  return {
    c,
    topics: topics[locale],
    chat,
    errorText: (err) => {
      if (!(err instanceof ProtocolError)) return chat.errors.generic!;
      const fromServer = err.code !== 'generic' && err.message ? err.message : undefined;
      return c.errors[err.code] ?? chat.errors[err.code] ?? fromServer ?? chat.errors.generic!;
    },
  };
}
