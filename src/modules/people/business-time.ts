import { DateTime } from 'luxon';
import { weekdays, type BusinessHours } from './business-hours.js';

/**
 * Time counted only while a team is open: the arithmetic SLA targets use ("4 business hours").
 * Null hours, and a schedule that names no opening at all, count around the clock: a target that
 * could never run out would hide every breach.
 */
function counted(hours: BusinessHours | null): BusinessHours | null {
  if (!hours) return null;
  return weekdays.some((d) => hours.weekly[d].length > 0) ? hours : null;
}

/** A local wall-clock time of `day`; '24:00' is the next day's midnight. */
function at(day: DateTime, hhmm: string): DateTime {
  if (hhmm === '24:00') return day.plus({ days: 1 }).startOf('day');
  // `set` keeps wall-clock time across a daylight-saving change, where adding minutes would not.
  return day.set({ hour: Number(hhmm.slice(0, 2)), minute: Number(hhmm.slice(3, 5)) });
}

/** The day's openings as UTC milliseconds, sorted, overlaps merged; none on a holiday. */
function openingsOn(hours: BusinessHours, day: DateTime): [number, number][] {
  if (hours.holidays.includes(day.toISODate()!)) return [];
  const spans = hours.weekly[weekdays[day.weekday - 1]!]
    .map(([from, to]): [number, number] => [at(day, from).toMillis(), at(day, to).toMillis()])
    .filter(([from, to]) => to > from)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push(span);
  }
  return merged;
}

/** Local days from the one holding `from` onwards, without end. */
function* daysFrom(hours: BusinessHours, from: Date): Generator<DateTime> {
  let day = DateTime.fromJSDate(from, { zone: hours.timeZone }).startOf('day');
  for (;;) {
    yield day;
    day = day.plus({ days: 1 }).startOf('day');
  }
}

/**
 * The instant at which `ms` of business time has passed since `from`. Time before the next
 * opening does not count; the result lies inside an opening (or at its end). A schedule with at
 * least one weekly opening always reaches it, since holidays are finite.
 */
export function addBusinessTime(hours: BusinessHours | null, from: Date, ms: number): Date {
  const h = counted(hours);
  if (ms <= 0) return from;
  if (!h) return new Date(from.getTime() + ms);
  const start = from.getTime();
  let left = ms;
  for (const day of daysFrom(h, from)) {
    for (const [open, close] of openingsOn(h, day)) {
      if (close <= start) continue;
      const begin = Math.max(open, start);
      if (left <= close - begin) return new Date(begin + left);
      left -= close - begin;
    }
  }
  throw new Error('unreachable: daysFrom never ends');
}

/** Business time (ms) between two instants; 0 when `to` is not after `from`. */
export function businessTimeBetween(hours: BusinessHours | null, from: Date, to: Date): number {
  const h = counted(hours);
  const start = from.getTime();
  const end = to.getTime();
  if (end <= start) return 0;
  if (!h) return end - start;
  let total = 0;
  for (const day of daysFrom(h, from)) {
    if (day.toMillis() >= end) break;
    for (const [open, close] of openingsOn(h, day)) total += Math.max(0, Math.min(close, end) - Math.max(open, start));
  }
  return total;
}

/**
 * The openings (UTC milliseconds, merged, none on holidays) of the local days from the one holding
 * `from` up to `to`, as the schedule names them: unlike the arithmetic above, a schedule without
 * openings has none here. Callbacks cut them into slots.
 */
export function openingsBetween(hours: BusinessHours, from: Date, to: Date): [number, number][] {
  const out: [number, number][] = [];
  for (const day of daysFrom(hours, from)) {
    if (day.toMillis() >= to.getTime()) break;
    out.push(...openingsOn(hours, day));
  }
  return out;
}
