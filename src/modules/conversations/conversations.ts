import type { Locale } from '../../platform/i18n/index.js';

export const channels = ['web', 'app', 'email', 'api'] as const;
export const conversationStatuses = ['bot', 'queued', 'assigned', 'resolved', 'closed'] as const;
export const authorTypes = ['customer', 'bot', 'agent', 'system'] as const;
export const messageKinds = ['text', 'quick_replies', 'card', 'attachment', 'event'] as const;

export type Channel = (typeof channels)[number];
export type ConversationStatus = (typeof conversationStatuses)[number];

/** Long enough for a detailed complaint, short enough that one message cannot flood a console. */
export const MAX_MESSAGE_CHARS = 4000;

export interface Contact {
  id: string;
  walletCustomerId: string | null;
  visitorId: string | null;
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
  priority: 'low' | 'normal' | 'high' | 'urgent';
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
  resolvedAt: Date | null;
}

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
}

/** Still open for messages: a resolved conversation reopens when the customer writes. */
export function acceptsMessages(status: ConversationStatus): boolean {
  return status !== 'closed';
}
