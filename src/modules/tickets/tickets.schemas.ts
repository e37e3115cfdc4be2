import { z } from 'zod';
import { locales } from '../../platform/i18n/index.js';
import { fieldKinds } from './ticket-fields.js';
import { ticketCategories, ticketChannels, ticketPriorities, ticketStatuses, ticketTypes } from './tickets.js';

/** Money as the API carries it everywhere: integer minor units and an ISO currency. */
export const moneySchema = z.strictObject({
  amount: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).describe('Minor units (fen, cents): 12345 is 123.45.'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'ISO 4217, e.g. CNY'),
});

const fieldValue = z.union([z.string().max(500), z.number(), z.boolean(), z.null()]);
export const fieldValues = z.record(z.string().max(50), fieldValue).describe('Custom fields of the issue type (GET /api/v1/ticket-fields).');

export const transactionInput = z.strictObject({
  reference: z.string().trim().max(100).nullable().optional().describe('The transaction or order id the customer sees in the app.'),
  amount: moneySchema.nullable().optional(),
  occurredAt: z.coerce.date().nullable().optional().describe('When it happened (ISO 8601).'),
  errorMessage: z.string().trim().max(500).nullable().optional().describe('The error the app showed, as the customer saw it.'),
});

export const categorySchema = z.enum(ticketCategories);

export const ticketSchema = z.object({
  id: z.uuid(),
  reference: z.string().describe('Shown to people and carried in e-mail subjects as [#WD-XXXXXXXX].'),
  type: z.enum(ticketTypes),
  category: z.string(),
  subject: z.string(),
  status: z.enum(ticketStatuses),
  priority: z.enum(ticketPriorities),
  channel: z.enum(ticketChannels),
  contactId: z.uuid(),
  requesterEmail: z.string().nullable(),
  language: z.enum(locales),
  assigneeId: z.uuid().nullable(),
  teamId: z.uuid().nullable(),
  conversationId: z.uuid().nullable(),
  mergedIntoId: z.uuid().nullable(),
  fields: z.record(z.string(), fieldValue),
  transaction: z.object({ reference: z.string().nullable(), amount: moneySchema.nullable(), occurredAt: z.date().nullable(), errorMessage: z.string().nullable() }),
  complaint: z
    .object({
      acknowledgedAt: z.date().nullable(),
      reviewStatus: z.enum(['none', 'requested', 'approved', 'rejected']),
      reviewedBy: z.uuid().nullable(),
      reviewNote: z.string().nullable(),
      escalationLevel: z.number().int(),
      outcome: z.object({ code: z.string(), summary: z.string(), compensation: moneySchema.nullable() }).nullable(),
    })
    .nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  firstResponseAt: z.date().nullable(),
  solvedAt: z.date().nullable(),
  closedAt: z.date().nullable(),
});

export const fileSchema = z.object({ id: z.uuid(), name: z.string(), contentType: z.string(), sizeBytes: z.number().int(), url: z.string().describe('Signed, short-lived.') });

export const entrySchema = z.object({
  id: z.uuid(),
  ticketId: z.uuid(),
  kind: z.enum(['reply', 'note', 'event']),
  authorType: z.enum(['customer', 'agent', 'system']),
  authorId: z.string().nullable(),
  authorName: z.string().nullable().describe("Staff entries: the name customers see (the staff member's display name)."),
  body: z.string().describe('As stored: secrets already replaced by placeholders.'),
  data: z.record(z.string(), z.unknown()).describe("For events: {event: 'status_changed', from, to} and the like."),
  via: z.enum(ticketChannels),
  attachments: z.array(fileSchema),
  createdAt: z.date(),
});

export const customerTicketSchema = z.object({
  id: z.uuid(),
  reference: z.string(),
  type: z.enum(ticketTypes),
  category: z.string(),
  subject: z.string(),
  status: z.enum(ticketStatuses),
  createdAt: z.date(),
  updatedAt: z.date(),
  unread: z.boolean().describe('A public update the customer has not opened yet.'),
});

const label = z.object({ en: z.string(), 'zh-CN': z.string() });
export const fieldDefSchema = z.object({
  key: z.string(),
  category: z.string(),
  label,
  kind: z.enum(fieldKinds),
  options: z.array(z.object({ value: z.string(), label })),
  required: z.boolean(),
});

export const replyBody = z.strictObject({
  body: z.string().trim().min(1).max(10_000),
  attachmentIds: z.array(z.uuid()).max(10).optional().describe('Files uploaded first with POST /api/v1/attachments (or /api/v1/widget/attachments).'),
});
