import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM, 00:00 to 24:00');
const interval = z.tuple([clock, clock]).refine(([from, to]) => from < to, 'an interval ends after it starts');

/**
 * When a team answers: opening intervals per weekday in the team's own IANA time zone, and
 * holidays (local dates) on which it is closed all day. A team without hours answers around the
 * clock.
 */
export const businessHoursSchema = z.strictObject({
  timeZone: z.string().refine((tz) => IANAZone.isValidZone(tz), 'an IANA time zone such as Asia/Shanghai'),
  weekly: z.strictObject(Object.fromEntries(weekdays.map((d) => [d, z.array(interval).max(4).default([])])) as Record<(typeof weekdays)[number], z.ZodDefault<z.ZodArray<typeof interval>>>),
  holidays: z.array(z.iso.date()).max(366).default([]),
});

export type BusinessHours = z.infer<typeof businessHoursSchema>;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function intervalsOn(hours: BusinessHours, day: DateTime): [number, number][] {
  if (hours.holidays.includes(day.toISODate()!)) return [];
  return hours.weekly[weekdays[day.weekday - 1]!].map(([from, to]) => [minutesOf(from), minutesOf(to)]);
}

/** Whether the team answers at this instant; null hours mean always. */
export function isOpen(hours: BusinessHours | null, at: Date): boolean {
  if (!hours) return true;
  const local = DateTime.fromJSDate(at, { zone: hours.timeZone });
  const minute = local.hour * 60 + local.minute;
  return intervalsOn(hours, local).some(([from, to]) => minute >= from && minute < to);
}

/**
 * The next instant the team opens (now, if open), looking up to two weeks ahead; null when the
 * schedule never opens in that time. Local wall-clock times are converted through the zone, so
 * daylight-saving changes land on the right UTC instant.
 */
export function nextOpening(hours: BusinessHours | null, at: Date): Date | null {
  if (isOpen(hours, at) || !hours) return at;
  const start = DateTime.fromJSDate(at, { zone: hours.timeZone });
  const nowMinute = start.hour * 60 + start.minute;
  for (let offset = 0; offset <= 14; offset++) {
    const day = start.startOf('day').plus({ days: offset });
    const opening = intervalsOn(hours, day)
      .map(([from]) => from)
      .filter((from) => offset > 0 || from > nowMinute)
      .sort((a, b) => a - b)[0];
    if (opening !== undefined) return day.set({ hour: Math.floor(opening / 60), minute: opening % 60 }).toJSDate();
  }
  return null;
}
