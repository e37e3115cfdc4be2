import { parsePhoneNumberWithError, type CountryCode } from 'libphonenumber-js';
import { DateTime, IANAZone } from 'luxon';
import { AppError } from '../../platform/http/app-error.js';
import { catalog, type Locale } from '../../platform/i18n/index.js';
import { openingsBetween, type BusinessHours } from '../people/index.js';

export const callbackStatuses = ['scheduled', 'completed', 'unreached', 'cancelled'] as const;
export type CallbackStatus = (typeof callbackStatuses)[number];
export type PhoneSource = 'wallet' | 'entered';

/** How a team takes callbacks: slot length, seats per slot, notice needed, how far ahead. */
export interface CallbackCapacity {
  slotMinutes: number;
  capacityPerSlot: number;
  leadMinutes: number;
  daysAhead: number;
}

/** What a team without settings of its own offers (and what the seed writes). */
export const defaultCapacity: CallbackCapacity = { slotMinutes: 30, capacityPerSlot: 2, leadMinutes: 60, daysAhead: 7 };

export interface Slot {
  startsAt: Date;
  endsAt: Date;
}

export interface SlotWithRoom extends Slot {
  remaining: number;
}

export interface Callback {
  id: string;
  reference: string;
  contactId: string;
  walletCustomerId: string | null;
  phoneSource: PhoneSource;
  /** Entered numbers only; a wallet customer's number stays in the wallet. */
  phoneE164: string | null;
  phoneMasked: string;
  timezone: string;
  language: Locale;
  topic: string;
  note: string | null;
  teamId: string | null;
  slotStartsAt: Date;
  slotEndsAt: Date;
  status: CallbackStatus;
  conversationId: string | null;
  ticketId: string | null;
  remindedAt: Date | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  cancelledAt: Date | null;
  completedAt: Date | null;
}

const aroundTheClock: BusinessHours = {
  timeZone: 'UTC',
  weekly: { mon: [['00:00', '24:00']], tue: [['00:00', '24:00']], wed: [['00:00', '24:00']], thu: [['00:00', '24:00']], fri: [['00:00', '24:00']], sat: [['00:00', '24:00']], sun: [['00:00', '24:00']] },
  holidays: [],
};

/**
 * The slots a team offers from `now`: its openings (holidays skipped; a team without hours answers
 * around the clock) cut into `slotMinutes` pieces from each opening's start, those starting at
 * least `leadMinutes` from now and within `daysAhead` days. A piece shorter than a slot at the end
 * of an opening is not offered.
 */
export function slotsFor(hours: BusinessHours | null, capacity: CallbackCapacity, now: Date): Slot[] {
  const slotMs = capacity.slotMinutes * 60_000;
  const earliest = now.getTime() + capacity.leadMinutes * 60_000;
  const horizon = new Date(now.getTime() + capacity.daysAhead * 86_400_000);
  const slots: Slot[] = [];
  for (const [open, close] of openingsBetween(hours ?? aroundTheClock, now, horizon)) {
    for (let start = open; start + slotMs <= close && start < horizon.getTime(); start += slotMs) {
      if (start >= earliest) slots.push({ startsAt: new Date(start), endsAt: new Date(start + slotMs) });
    }
  }
  return slots;
}

/** Seats left per slot: a slot nobody booked yet has the team's capacity; a booked one its own row. */
export function withRoom(slots: Slot[], taken: Map<number, { booked: number; capacity: number }>, capacityPerSlot: number): SlotWithRoom[] {
  return slots.map((s) => {
    const row = taken.get(s.startsAt.getTime());
    return { ...s, remaining: Math.max(0, (row?.capacity ?? capacityPerSlot) - (row?.booked ?? 0)) };
  });
}

/** Slots that lie wholly inside one of the customer's windows, earliest first. */
export function slotsInWindows<S extends Slot>(slots: S[], windows: { from: Date; to: Date }[]): S[] {
  return slots
    .filter((s) => windows.some((w) => s.startsAt >= w.from && s.endsAt <= w.to))
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

export function overlaps(a: Slot, b: Slot): boolean {
  return a.startsAt < b.endsAt && b.startsAt < a.endsAt;
}

export const isTimeZone = (zone: string) => IANAZone.isValidZone(zone);

/**
 * An instant as the customer gave it: with an offset ('2026-11-26T14:00:00+08:00', '...Z') as it
 * says, without one in the customer's own zone. Null when it is not a date-time.
 */
export function instantIn(text: string, zone: string): Date | null {
  const parsed = DateTime.fromISO(text, { zone });
  return parsed.isValid ? parsed.toJSDate() : null;
}

/** Mainland numbers may be typed without +86 by those writing in Chinese; everyone else gives the country code. */
const defaultRegion: Record<Locale, CountryCode | undefined> = { 'zh-CN': 'CN', en: undefined };

/** A typed phone number in E.164, or CALLBACK_PHONE_INVALID. */
export function normalizePhone(typed: string, language: Locale): string {
  try {
    const phone = parsePhoneNumberWithError(typed.normalize('NFKC').trim(), defaultRegion[language]);
    if (phone.isValid()) return phone.number;
  } catch {
    // A ParseError says why (too short, no country); the customer needs only to know it is not a number.
  }
  throw new AppError('CALLBACK_PHONE_INVALID');
}

/** Last digits of the number we will call, for "ending 8001". */
export const phoneTail = (masked: string) => masked.replace(/\D/g, '').slice(-4);

/**
 * "11月26日 14:00–14:30（北京时间）" / "November 26, 14:00–14:30 (Beijing time)": the slot in the
 * customer's zone, for chat messages and e-mail.
 */
export function describeSlot(slot: Slot, timezone: string, locale: Locale): string {
  const day = new Intl.DateTimeFormat(locale, { month: 'long', day: 'numeric', timeZone: timezone }).format(slot.startsAt);
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: timezone });
  const zone = zoneName(timezone, locale, slot.startsAt);
  const range = `${time.format(slot.startsAt)}–${time.format(slot.endsAt)}`;
  return locale === 'zh-CN' ? `${day} ${range}（${zone}）` : `${day}, ${range} (${zone})`;
}

/** What customers call a zone: Beijing time for China's, otherwise the name Intl gives it. */
export function zoneName(timezone: string, locale: Locale, at: Date): string {
  if (timezone === 'Asia/Shanghai') return catalog(locale).callbacks.beijingTime;
  return new Intl.DateTimeFormat(locale, { timeZone: timezone, timeZoneName: 'longGeneric' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? timezone;
}

/** What the customer sees of their callback: no team, no number beyond its masked form, no note lease state. */
export function customerView(c: Callback) {
  return {
    id: c.id,
    reference: c.reference,
    status: c.status,
    topic: c.topic,
    language: c.language,
    timezone: c.timezone,
    phoneMasked: c.phoneMasked,
    slotStartsAt: c.slotStartsAt,
    slotEndsAt: c.slotEndsAt,
    conversationId: c.conversationId,
    ticketId: c.ticketId,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}
export type CustomerCallback = ReturnType<typeof customerView>;

/** Only a booked callback moves or is cancelled; one that was called (or given up) stays as it ended. */
export function assertChangeable(c: Callback): void {
  if (c.status !== 'scheduled') throw new AppError('CALLBACK_NOT_CHANGEABLE', { status: c.status });
}

/** The outcome of the call task, as the request records it; null when the task goes on. */
export function statusAfterCall(outcome: string, final: boolean): CallbackStatus | null {
  if (outcome === 'reached') return 'completed';
  return final ? 'unreached' : null;
}
