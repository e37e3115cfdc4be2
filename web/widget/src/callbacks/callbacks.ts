// The customer's callbacks (回电预约) as the server's customer routes send them, and the rules the
// widget keeps about them: slots grouped by the day they fall on in the customer's own time zone.
// No DOM here: the unit tests run it under Node.

export type CallbackStatus = 'scheduled' | 'completed' | 'unreached' | 'cancelled';

export interface CustomerCallback {
  id: string;
  reference: string;
  status: CallbackStatus;
  topic: string;
  language: string;
  timezone: string;
  phoneMasked: string;
  slotStartsAt: string;
  slotEndsAt: string;
  conversationId: string | null;
  ticketId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Slot {
  startsAt: string;
  endsAt: string;
  remaining: number;
}

export interface CallbackOptions {
  /** The wallet's number, masked, for verified customers; null when the visitor must give one. */
  phone: { source: 'wallet'; masked: string } | null;
  timezone: string;
  slots: Slot[];
}

export interface NewCallback {
  topic: string;
  phone?: string;
  timezone: string;
  language: 'zh-CN' | 'en';
  slotStartsAt: string;
  note?: string;
  conversationId?: string;
  ticketId?: string;
}

export interface SlotDay {
  /** YYYY-MM-DD in the zone the slots were grouped in. */
  day: string;
  slots: Slot[];
}

const dayParts = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (YYYY-MM-DD) an instant falls on in a time zone. */
export function localDay(iso: string, timeZone: string): string {
  let format = dayParts.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayParts.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/**
 * Slots by the day they start on where the customer lives, earliest first: a 23:30 slot in
 * Shanghai is the next day for a customer in Tokyo, so the grouping follows the zone shown, not
 * the server's or the team's.
 */
export function groupSlotsByDay(slots: Slot[], timeZone: string): SlotDay[] {
  const days = new Map<string, Slot[]>();
  for (const slot of [...slots].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))) {
    const day = localDay(slot.startsAt, timeZone);
    days.set(day, [...(days.get(day) ?? []), slot]);
  }
  return [...days].map(([day, list]) => ({ day, slots: list }));
}

/** "Wed 26 Nov" / "11月26日周三" for a day's first slot, in the customer's zone. */
export function dayLabel(iso: string, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short', month: 'short', day: 'numeric' }).format(new Date(iso));
}

/** "09:00–09:30" in the customer's zone. */
export function timeRange(startsAt: string, endsAt: string, timeZone: string, locale: string): string {
  const format = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return `${format.format(new Date(startsAt))}–${format.format(new Date(endsAt))}`;
}

/** The full date and time of a callback, for the confirmation and the list. */
export function slotText(startsAt: string, endsAt: string, timeZone: string, locale: string): string {
  return `${dayLabel(startsAt, timeZone, locale)} ${timeRange(startsAt, endsAt, timeZone, locale)}`;
}

/** "Asia/Shanghai (GMT+8)": the zone's name and its offset at that instant. */
export function zoneLabel(timeZone: string, at: string, locale: string): string {
  const offset = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'shortOffset' }).formatToParts(new Date(at)).find((p) => p.type === 'timeZoneName')?.value;
  return offset ? `${timeZone} (${offset})` : timeZone;
}

/** The browser's zone, else Shanghai (most customers): Intl may not know one in a locked-down WebView. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'Asia/Shanghai';
  } catch {
    return 'Asia/Shanghai';
  }
}

/** Zones the customer may pick from: the browser's and the wallet's usual ones first, then every zone Intl knows. */
export function zoneChoices(current: string): string[] {
  const usual = [current, 'Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Singapore', 'Asia/Tokyo', 'Europe/London', 'America/New_York', 'America/Los_Angeles'];
  let all: string[] = [];
  try {
    all = Intl.supportedValuesOf('timeZone');
  } catch {
    // An older engine: the usual zones are enough.
  }
  return [...new Set([...usual, ...all])];
}

/** Only a scheduled callback can still be moved or called off. */
export const changeable = (callback: CustomerCallback) => callback.status === 'scheduled';

/**
 * Puts a callback's latest state in the list, newest booking first. A copy older than the one shown
 * is ignored: a push and a fetch may cross.
 */
export function upsertCallback(items: CustomerCallback[], callback: CustomerCallback): CustomerCallback[] {
  const known = items.find((c) => c.id === callback.id);
  if (known && known.updatedAt > callback.updatedAt) return items;
  return [callback, ...items.filter((c) => c.id !== callback.id)].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}
