import { DateTime, IANAZone } from 'luxon';

/** True for an IANA zone name such as `Asia/Shanghai`; "today" on the dashboard is the day in that zone. */
export const isTimeZone = (tz: string): boolean => IANAZone.isValidZone(tz);

/** Midnight of the day `now` falls on, in `tz`. */
export function startOfDay(now: Date, tz: string): Date {
  return DateTime.fromJSDate(now, { zone: tz }).startOf('day').toJSDate();
}

/** `part / whole`, or null when there is nothing to divide (a rate of nothing is not 0 %). */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/**
 * One bucket per hour of the day so far (0 up to the current hour), zero where nothing happened,
 * so a chart shows quiet hours instead of skipping them.
 */
export function hourlyBuckets<T extends { hour: number }>(rows: T[], currentHour: number, empty: (hour: number) => T): T[] {
  const byHour = new Map(rows.map((r) => [r.hour, r]));
  return Array.from({ length: currentHour + 1 }, (_, hour) => byHour.get(hour) ?? empty(hour));
}

/** Counts per score 1..5, zeros included. */
export function scoreDistribution(rows: { score: number; count: number }[]): number[] {
  const counts = [0, 0, 0, 0, 0];
  for (const r of rows) if (r.score >= 1 && r.score <= 5) counts[r.score - 1]! += r.count;
  return counts;
}

/** The hour of the day (0-23) of `now` in `tz`. */
export const hourOfDay = (now: Date, tz: string): number => DateTime.fromJSDate(now, { zone: tz }).hour;
