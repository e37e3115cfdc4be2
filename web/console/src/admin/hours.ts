import { splitList } from '../format.js';

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
type Weekday = (typeof weekdays)[number];

export interface BusinessHours { timeZone: string; weekly: Record<Weekday, [string, string][]>; holidays: string[] }

/** What the form edits: each day's intervals as "09:00-12:00, 13:00-18:00". */
export interface HoursDraft { alwaysOpen: boolean; timeZone: string; days: Record<Weekday, string>; holidays: string }

export function toDraft(hours: BusinessHours | null): HoursDraft {
  const days = Object.fromEntries(weekdays.map((d) => [d, (hours?.weekly[d] ?? []).map(([from, to]) => `${from}-${to}`).join(', ')])) as Record<Weekday, string>;
  return { alwaysOpen: hours === null, timeZone: hours?.timeZone ?? 'Asia/Shanghai', days, holidays: hours?.holidays.join(', ') ?? '' };
}

/** The API's shape; the server checks the times and the zone and says what is wrong. */
export function fromDraft(draft: HoursDraft): BusinessHours | null {
  if (draft.alwaysOpen) return null;
  const weekly = Object.fromEntries(weekdays.map((d) => [d, splitList(draft.days[d]).map((range) => range.split(/\s*[-–~]\s*/) as [string, string])])) as BusinessHours['weekly'];
  return { timeZone: draft.timeZone.trim(), weekly, holidays: splitList(draft.holidays) };
}
