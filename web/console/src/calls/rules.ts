// Pure rules of the call screens, unit-tested without a browser: times typed in the customer's zone,
// survey answers as the API wants them, and the plan's totals.
import type { AnswerValue, CallPlan, CallPurpose, QuestionKind } from './types.js';

/** Pushes that may change a call list: a task created, assigned or finished, and a reconnect (pushes missed meanwhile). */
export const callFrame = (f: { type: string }) => f.type === 'call_task' || f.type === 'connection';

const wallParts = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock reading of an instant in a zone, as [y, m, d, h, min, s]. */
function wall(at: Date, timeZone: string): number[] {
  let format = wallParts.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    wallParts.set(timeZone, format);
  }
  const p = Object.fromEntries(format.formatToParts(at).map((x) => [x.type, Number(x.value)]));
  return [p.year!, p.month!, p.day!, p.hour!, p.minute!, p.second!];
}

/** Minutes the zone is ahead of UTC at that instant. */
function offsetMinutes(at: Date, timeZone: string): number {
  const [y, m, d, h, min, s] = wall(at, timeZone);
  return Math.round((Date.UTC(y!, m! - 1, d!, h!, min!, s!) - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/**
 * A `datetime-local` value ("2026-11-26T10:00") read as the customer's wall clock, to an ISO
 * instant. The agent types the time the customer asked for in the customer's own zone, whatever
 * zone the agent sits in. Null when it is not such a value. A time skipped by a daylight-saving
 * jump lands just after it.
 */
export function zonedInputToIso(value: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)$/.exec(value);
  if (!m) return null;
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  if (Number.isNaN(asUtc)) return null;
  // The offset at the guess can differ from the offset at the answer near a change: look twice,
  // and keep a candidate that reads as the value typed. Neither does when the time was skipped.
  const first = asUtc - offsetMinutes(new Date(asUtc), timeZone) * 60_000;
  const second = asUtc - offsetMinutes(new Date(first), timeZone) * 60_000;
  const reads = (at: number) => isoToZonedInput(new Date(at).toISOString(), timeZone) === value;
  const at = reads(second) ? second : reads(first) ? first : Math.max(first, second);
  return new Date(at).toISOString();
}

/** An instant as a `datetime-local` value on the customer's wall clock. */
export function isoToZonedInput(iso: string, timeZone: string): string {
  const [y, m, d, h, min] = wall(new Date(iso), timeZone).map((n) => String(n).padStart(2, '0'));
  return `${y}-${m}-${d}T${h}:${min}`;
}

/** A form control's text as the API's answer: yes/no as a boolean, a scale as a number, a choice as its id; undefined when not answered. */
export function answerValue(kind: QuestionKind, raw: string): AnswerValue | undefined {
  if (raw === '') return undefined;
  if (kind === 'yes_no') return raw === 'true';
  if (kind === 'scale') {
    const n = Number(raw);
    return Number.isInteger(n) ? n : undefined;
  }
  return raw;
}

/** "30, 120,1440" -> [30, 120, 1440]; null unless every entry is a positive whole number. */
export function parseSpacing(text: string): number[] | null {
  const parts = text.split(/[,，\s]+/).filter(Boolean);
  if (!parts.length || parts.some((p) => !/^\d+$/.test(p) || Number(p) === 0)) return null;
  return parts.map(Number);
}

/** The plan's figures per purpose over all its days, for the totals row. */
export function planTotals(plan: CallPlan, purposes: readonly CallPurpose[]): Record<CallPurpose, { due: number; done: number; failed: number }> {
  const totals = Object.fromEntries(purposes.map((p) => [p, { due: 0, done: 0, failed: 0 }])) as Record<CallPurpose, { due: number; done: number; failed: number }>;
  for (const day of plan.days) {
    for (const p of purposes) {
      const f = day.byPurpose[p];
      if (!f) continue;
      totals[p].due += f.due;
      totals[p].done += f.done;
      totals[p].failed += f.failed;
    }
  }
  return totals;
}
