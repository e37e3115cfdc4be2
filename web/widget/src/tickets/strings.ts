import { ProtocolError } from '../chat/protocol.js';
import { catalogs, type Locale } from '../i18n/index.js';
import { ticketsEn, type TicketStrings } from '../i18n/tickets.en.js';
import { ticketsZhCN } from '../i18n/tickets.zh-CN.js';

const tickets: Record<Locale, TicketStrings> = { en: ticketsEn, 'zh-CN': ticketsZhCN };

export interface Strings {
  t: TicketStrings;
  chat: (typeof catalogs)[Locale]['chat'];
  /** What to tell the customer about a failed call: the request view's words first, then the chat's. */
  errorText: (err: unknown) => string;
}

export function stringsFor(locale: Locale): Strings {
  const t = tickets[locale];
  const chat = catalogs[locale].chat;
  return {
    t,
    chat,
    errorText: (err) => {
      const code = err instanceof ProtocolError ? err.code : 'generic';
      return t.errors[code] ?? chat.errors[code] ?? chat.errors.generic!;
    },
  };
}
