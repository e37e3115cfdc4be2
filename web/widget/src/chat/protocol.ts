// The shapes of docs/realtime-protocol.md the widget relies on.

export type ConversationStatus = 'bot' | 'queued' | 'assigned' | 'resolved' | 'closed';

export interface Conversation {
  id: string;
  status: ConversationStatus;
  language: string;
  lastSeq: number;
}

export interface Money {
  amount: number;
  currency: string;
}

export interface TransactionCard {
  type: 'transaction';
  transaction: { reference: string; type: string; amount: Money; status: string; createdAt: string; counterparty?: string | null };
}

export interface ArticleCard {
  type: 'article';
  title: string;
  url: string;
  summary?: string;
}

export interface Attachment {
  id: string;
  name: string;
  contentType: string;
  size: number;
}

export interface MessagePayload {
  hidden?: string[];
  options?: { value: string; label: string }[];
  card?: TransactionCard | ArticleCard;
  attachment?: Attachment;
}

export interface ChatMessage {
  id: string;
  conversationId: string;
  seq: number;
  clientId: string;
  author: 'customer' | 'bot' | 'agent' | 'system';
  kind: 'text' | 'quick_replies' | 'card' | 'attachment' | 'event';
  text: string;
  payload: MessagePayload;
  createdAt: string;
  deliveredAt: string | null;
  readAt: string | null;
}

export interface OutsideHours {
  nextOpeningAt: string | null;
  options: ('ticket' | 'callback')[];
}

export interface Frame {
  type: string;
  ref?: number;
  [key: string]: unknown;
}

export class ProtocolError extends Error {
  constructor(readonly code: string, message: string, readonly details?: Record<string, unknown>) {
    super(message);
  }
}
