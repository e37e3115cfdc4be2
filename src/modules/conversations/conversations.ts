import type { Locale } from '../../platform/i18n/index.js';

export const channels = ['web', 'app', 'email', 'api'] as const;
export const conversationStatuses = ['bot', 'queued', 'assigned', 'resolved', 'closed'] as const;
export const authorTypes = ['customer', 'bot', 'agent', 'system'] as const;
export const messageKinds = ['text', 'quick_replies', 'card', 'attachment', 'event'] as const;
export const priorities = ['low', 'normal', 'high', 'urgent'] as const;

export type Channel = (typeof channels)[number];
export type ConversationStatus = (typeof conversationStatuses)[number];

/** Long enough for a detailed complaint, short enough that one message cannot flood a console. */
export const MAX_MESSAGE_CHARS = 4000;

export interface Contact {
  id: string;
  walletCustomerId: string | null;
  visitorId: string | null;
  /** Known for customers who wrote in by e-mail or left an address on a ticket. */
  email: string | null;
  displayName: string;
  locale: Locale;
}

export interface Conversation {
  id: string;
  contactId: string;
  channel: Channel;
  status: ConversationStatus;
  category: string | null;
  language: Locale;
  priority: (typeof priorities)[number];
  labels: string[];
  flags: string[];
  assigneeId: string | null;
  teamId: string | null;
  lastSeq: number;
  createdAt: Date;
  updatedAt: Date;
  lastMessageAt: Date | null;
  queuedAt: Date | null;
  assignedAt: Date | null;
  firstResponseAt: Date | null;
  /** When the assignee took the offer; an offer not taken in time moves on. */
  acceptedAt: Date | null;
  skippedAgentIds: string[];
  resolvedAt: Date | null;
  resolutionCode: ResolutionCode | null;
}

/** Why a conversation ended, for reporting; agents pick one when they resolve. */
export const resolutionCodes = ['answered', 'wallet_issue_fixed', 'escalated_to_ticket', 'callback_scheduled', 'duplicate', 'no_response', 'not_our_service', 'spam'] as const;
export type ResolutionCode = (typeof resolutionCodes)[number];

export interface Message {
  id: string;
  conversationId: string;
  seq: number;
  clientId: string;
  authorType: (typeof authorTypes)[number];
  authorId: string | null;
  kind: (typeof messageKinds)[number];
  text: string;
  payload: Record<string, unknown>;
  createdAt: Date;
  /** Receipts from the other side's client; unset on a message just written. */
  deliveredAt?: Date | null;
  readAt?: Date | null;
}

/** Still open for messages: a resolved conversation reopens when the customer writes. */
export function acceptsMessages(status: ConversationStatus): boolean {
  return status !== 'closed';
}

/**
 * What a new message does to its conversation, as data that the store applies in the statement
 * that writes the message: closed conversations refuse it, and a customer writing after a
 * resolution reopens the conversation with the bot, which hands over again if needed.
 */
export const appendRules = {
  refusing: conversationStatuses.filter((s) => !acceptsMessages(s)),
  reopen: { from: 'resolved', to: 'bot' },
} as const satisfies { refusing: readonly ConversationStatus[]; reopen: { from: ConversationStatus; to: ConversationStatus } };
