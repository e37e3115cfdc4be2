import { randomInt } from 'node:crypto';
import type { Locale } from '../../platform/i18n/index.js';

export const ticketStatuses = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
export type TicketStatus = (typeof ticketStatuses)[number];
export const ticketTypes = ['request', 'complaint'] as const;
export type TicketType = (typeof ticketTypes)[number];
export const ticketPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof ticketPriorities)[number];
export const ticketChannels = ['web', 'app', 'help_center', 'email', 'api', 'chat', 'phone'] as const;
export type TicketChannel = (typeof ticketChannels)[number];

/**
 * Issue types a ticket is filed under: the chat's routing categories plus a catch-all. The widget
 * form and the help center offer them; custom fields hang off them.
 */
export const ticketCategories = [
  'top_up',
  'payment_failed',
  'transfer',
  'refund',
  'withdrawal',
  'frozen_account',
  'account_security',
  'login',
  'payment_pin',
  'kyc',
  'limits',
  'fees',
  'scam',
  'complaint',
  'app_problem',
  'other',
] as const;
export type TicketCategory = (typeof ticketCategories)[number];

export interface Money {
  amount: number;
  currency: string;
}

export interface ComplaintState {
  acknowledgedAt: Date | null;
  reviewStatus: 'none' | 'requested' | 'approved' | 'rejected';
  reviewedBy: string | null;
  reviewNote: string | null;
  escalationLevel: number;
  outcome: ComplaintOutcome | null;
}

export interface ComplaintOutcome {
  code: string;
  summary: string;
  compensation: Money | null;
}

export interface Ticket {
  id: string;
  reference: string;
  type: TicketType;
  category: string;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  channel: TicketChannel;
  contactId: string;
  requesterEmail: string | null;
  language: Locale;
  assigneeId: string | null;
  teamId: string | null;
  conversationId: string | null;
  mergedIntoId: string | null;
  fields: Record<string, string | number | boolean | null>;
  transaction: { reference: string | null; amount: Money | null; occurredAt: Date | null; errorMessage: string | null };
  complaint: ComplaintState | null;
  customerSeenAt: Date | null;
  lastPublicAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  firstResponseAt: Date | null;
  solvedAt: Date | null;
  closedAt: Date | null;
}

export type EntryKind = 'reply' | 'note' | 'event';
export type EntryAuthor = 'customer' | 'agent' | 'system';

export interface TicketEntry {
  id: string;
  ticketId: string;
  kind: EntryKind;
  authorType: EntryAuthor;
  authorId: string | null;
  body: string;
  data: Record<string, unknown>;
  via: TicketChannel;
  createdAt: Date;
}

/** Crockford base32 without I, L, O, U: read aloud on the phone and typed back without confusion. */
const referenceAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 'WD-' (or another prefix) and 8 random characters: 40 bits, so references are unguessable enough to not enumerate and short enough to quote. */
export function newReference(prefix = 'WD'): string {
  let out = `${prefix}-`;
  for (let i = 0; i < 8; i++) out += referenceAlphabet[randomInt(referenceAlphabet.length)];
  return out;
}

export const referencePattern = /\bWD-[0-9A-HJKMNP-TV-Z]{8}\b/;

/**
 * Which status changes staff may make. Closed is final (a follow-up opens a new ticket, linked);
 * 'new' is only where a ticket starts.
 */
const allowed: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['open', 'pending', 'on_hold', 'solved'],
  open: ['pending', 'on_hold', 'solved'],
  pending: ['open', 'on_hold', 'solved'],
  on_hold: ['open', 'pending', 'solved'],
  solved: ['open', 'closed'],
  closed: [],
};

export function canMove(from: TicketStatus, to: TicketStatus): boolean {
  return from === to || allowed[from].includes(to);
}

/** Why a status change is refused, or null. Complaints cannot be solved before a supervisor approved the outcome. */
export function refusal(ticket: Pick<Ticket, 'status' | 'type' | 'complaint' | 'mergedIntoId'>, to: TicketStatus): 'TICKET_STATUS_INVALID' | 'COMPLAINT_REVIEW_REQUIRED' | 'TICKET_MERGED' | null {
  if (ticket.mergedIntoId) return 'TICKET_MERGED';
  if (!canMove(ticket.status, to)) return 'TICKET_STATUS_INVALID';
  if (to === 'solved' && ticket.type === 'complaint' && ticket.complaint?.reviewStatus !== 'approved') return 'COMPLAINT_REVIEW_REQUIRED';
  return null;
}

/**
 * Where a ticket goes when its customer writes: waiting on them (pending) or done (solved) means
 * the ball is back with us. On hold stays on hold: the third party still has to answer.
 */
export function statusAfterCustomerReply(status: TicketStatus): TicketStatus {
  return status === 'pending' || status === 'solved' ? 'open' : status;
}

/** A first public reply by staff takes a new ticket into work. */
export function statusAfterAgentReply(status: TicketStatus, requested?: TicketStatus): TicketStatus {
  if (requested) return requested;
  return status === 'new' ? 'open' : status;
}

const raised: Record<TicketPriority, TicketPriority> = { low: 'normal', normal: 'high', high: 'urgent', urgent: 'urgent' };
export const raisePriority = (p: TicketPriority): TicketPriority => raised[p];

/** Complaints start one step above normal: regulators and reputations read them. */
export function initialPriority(type: TicketType, requested: TicketPriority | undefined, scam: boolean): TicketPriority {
  if (scam) return 'urgent';
  if (requested) return requested;
  return type === 'complaint' ? 'high' : 'normal';
}

/** What a customer sees of their ticket; `unread` marks public news since they last looked. */
export function customerView(t: Ticket) {
  return {
    id: t.id,
    reference: t.reference,
    type: t.type,
    category: t.category,
    subject: t.subject,
    status: t.status,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    unread: !!t.lastPublicAt && (!t.customerSeenAt || t.lastPublicAt > t.customerSeenAt),
  };
}
export type CustomerTicket = ReturnType<typeof customerView>;

/** A subject from the description when the customer gave none: the first line, cut at a word. */
export function subjectFrom(description: string, max = 80): string {
  const line = description.trim().split(/\r?\n/)[0]!.trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}
