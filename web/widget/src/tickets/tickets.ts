import type { Money } from '../chat/protocol.js';

// The customer's requests (工单) as the server's customer routes send them, and the rules the
// widget keeps about them. No DOM here: the unit tests run it under Node.

export type TicketStatus = 'new' | 'open' | 'pending' | 'on_hold' | 'solved' | 'closed';

export interface CustomerTicket {
  id: string;
  reference: string;
  type: 'request' | 'complaint';
  category: string;
  subject: string;
  status: TicketStatus;
  createdAt: string;
  updatedAt: string;
  unread: boolean;
}

export interface TicketFile {
  id: string;
  name: string;
  contentType: string;
  sizeBytes: number;
  url: string;
}

export interface TicketEntry {
  id: string;
  kind: 'reply' | 'note' | 'event';
  authorType: 'customer' | 'agent' | 'system';
  body: string;
  data: { event?: string; from?: string; to?: string; [key: string]: unknown };
  attachments: TicketFile[];
  createdAt: string;
}

type Label = { en: string; 'zh-CN': string };
export interface FieldDef {
  key: string;
  label: Label;
  kind: 'text' | 'number' | 'money' | 'date' | 'select';
  options: { value: string; label: Label }[];
  required: boolean;
}

export type FieldValue = string | number | boolean | null;

export interface NewRequest {
  category: string;
  subject?: string;
  description: string;
  email?: string;
  fields?: Record<string, FieldValue>;
  transaction?: { reference?: string; amount?: Money; occurredAt?: string; errorMessage?: string };
  attachmentIds?: string[];
}

export interface Uploaded {
  id: string;
  name: string;
  contentType: string;
  sizeBytes: number;
}

/**
 * Puts a ticket's latest state in the list, most recent activity first. A copy older than the one
 * shown is ignored: a push and a fetch may cross. At the same time the newer arrival wins, since
 * opening a ticket clears its unread mark without touching updatedAt.
 */
export function upsertTicket(items: CustomerTicket[], ticket: CustomerTicket): CustomerTicket[] {
  const known = items.find((t) => t.id === ticket.id);
  if (known && known.updatedAt > ticket.updatedAt) return items;
  return [ticket, ...items.filter((t) => t.id !== ticket.id)].sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
}
