// The ticket shapes the console reads, as src/modules/tickets/tickets.schemas.ts serves them.
import type { Money, Priority } from '../types.js';

export const ticketStatuses = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
export type TicketStatus = (typeof ticketStatuses)[number];
export type TicketType = 'request' | 'complaint';

/** The issue types a ticket is filed under (the server's `ticketCategories`). */
export const ticketCategories = [
  'top_up', 'payment_failed', 'transfer', 'refund', 'withdrawal', 'frozen_account', 'account_security', 'login',
  'payment_pin', 'kyc', 'limits', 'fees', 'scam', 'complaint', 'app_problem', 'other',
] as const;
export type TicketCategory = (typeof ticketCategories)[number];

export type ReviewStatus = 'none' | 'requested' | 'approved' | 'rejected';

export interface Ticket {
  id: string; reference: string; type: TicketType; category: string; subject: string; status: TicketStatus; priority: Priority; channel: string;
  contactId: string; requesterEmail: string | null; language: 'zh-CN' | 'en'; assigneeId: string | null; teamId: string | null;
  conversationId: string | null; mergedIntoId: string | null; fields: Record<string, FieldValue>;
  transaction: { reference: string | null; amount: Money | null; occurredAt: string | null; errorMessage: string | null };
  complaint: null | {
    acknowledgedAt: string | null; reviewStatus: ReviewStatus; reviewedBy: string | null; reviewNote: string | null; escalationLevel: number;
    outcome: null | { code: string; summary: string; compensation: Money | null };
  };
  createdAt: string; updatedAt: string; firstResponseAt: string | null; solvedAt: string | null; closedAt: string | null;
}

export type FieldValue = string | number | boolean | null;

export interface TicketFile { id: string; name: string; contentType: string; sizeBytes: number; url: string }

export interface TicketEntry {
  id: string; ticketId: string; kind: 'reply' | 'note' | 'event'; authorType: 'customer' | 'agent' | 'system'; authorId: string | null; authorName: string | null;
  body: string; data: Record<string, unknown>; via: string; attachments: TicketFile[]; createdAt: string;
}

export interface TicketLink { ticketId: string; reference: string; subject: string; status: TicketStatus; kind: 'related' | 'merged_from' | 'merged_into' }

export const slaMetrics = ['acknowledgement', 'first_response', 'next_response', 'resolution'] as const;
export type SlaMetric = (typeof slaMetrics)[number];
export type TimerStatus = 'running' | 'paused' | 'met' | 'breached' | 'cancelled';
export interface SlaTimer { metric: SlaMetric; status: TimerStatus; dueAt: string | null; remainingSeconds: number | null; breachedAt: string | null }

export interface TicketDetail {
  ticket: Ticket; entries: TicketEntry[]; links: TicketLink[]; sla: SlaTimer[];
  contact: { id: string; displayName: string; email: string | null; walletCustomerId: string | null } | null;
}

type Bilingual = { en: string; 'zh-CN': string };
export interface FieldDef { key: string; category: string; label: Bilingual; kind: 'text' | 'number' | 'money' | 'date' | 'select'; options: { value: string; label: Bilingual }[]; required: boolean }

export const breachActions = ['notify', 'raise_priority', 'reassign'] as const;
export type BreachAction = (typeof breachActions)[number];

export interface SlaPolicy {
  id: string; name: string; ticketType: TicketType; priority: Priority; firstResponseMinutes: number; nextResponseMinutes: number; resolutionMinutes: number;
  acknowledgementMinutes: number | null; warnAtPercent: number; breachActions: BreachAction[]; active: boolean; hoursTeamId: string | null;
}
