// Pure rules of the ticket screens, unit-tested without a browser.
import type { TicketStatus } from './types.js';

/**
 * "12.34" -> 1234 minor units, by string arithmetic: a float (12.34 * 100 = 1233.9999…) must never
 * decide an amount of money. Thousands separators and spaces are ignored; more than two decimals,
 * a sign or anything else is refused with null.
 */
export function parseMinor(text: string): number | null {
  const plain = text.replace(/[\s,，]/g, '');
  const match = /^(\d{1,13})(?:\.(\d{0,2}))?$/.exec(plain);
  if (!match) return null;
  return Number(`${match[1]}${(match[2] ?? '').padEnd(2, '0')}`);
}

/** 1234 -> "12.34": the form shows what was stored, in the same notation it accepts. */
export function formatMinor(minor: number): string {
  const digits = String(minor).padStart(3, '0');
  return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/**
 * Where staff may move a ticket from each status (the server's rule; it still decides, and refuses
 * a complaint's "solved" until a supervisor approved it). Closed is final.
 */
const moves: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['open', 'pending', 'on_hold', 'solved'],
  open: ['pending', 'on_hold', 'solved'],
  pending: ['open', 'on_hold', 'solved'],
  on_hold: ['open', 'pending', 'solved'],
  solved: ['open', 'closed'],
  closed: [],
};

/** The statuses offered in a picker: the current one first, then where it can go. */
export const statusChoices = (status: TicketStatus): TicketStatus[] => [status, ...moves[status]];

/** A reference typed loosely ("wd-ab12 cd34", "#WD-AB12CD34") in the form the server knows, or null. */
export function normalizeReference(text: string): string | null {
  const compact = text.toUpperCase().replace(/[\s#]/g, '');
  const match = /^(?:WD-?)?([0-9A-HJKMNP-TV-Z]{8})$/.exec(compact);
  return match ? `WD-${match[1]}` : null;
}
