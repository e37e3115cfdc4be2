import { integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Mirrors migration 060_callbacks.sql.
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const callbackCapacity = pgTable('callback_capacity', {
  teamId: uuid('team_id').primaryKey(),
  slotMinutes: integer('slot_minutes').notNull(),
  capacityPerSlot: integer('capacity_per_slot').notNull(),
  leadMinutes: integer('lead_minutes').notNull(),
  daysAhead: integer('days_ahead').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const callbackSlots = pgTable(
  'callback_slots',
  {
    teamId: uuid('team_id').notNull(),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    booked: integer('booked').notNull().default(0),
    capacity: integer('capacity').notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.startsAt] })],
);

export const callbackRequests = pgTable('callback_requests', {
  id: uuid('id').primaryKey(),
  reference: text('reference').notNull().unique(),
  contactId: uuid('contact_id').notNull(),
  walletCustomerId: text('wallet_customer_id'),
  phoneSource: text('phone_source').notNull(),
  phoneE164: text('phone_e164'),
  phoneMasked: text('phone_masked').notNull(),
  timezone: text('timezone').notNull(),
  language: text('language').notNull().default('zh-CN'),
  topic: text('topic').notNull(),
  note: text('note'),
  teamId: uuid('team_id'),
  slotStartsAt: ts('slot_starts_at').notNull(),
  slotEndsAt: ts('slot_ends_at').notNull(),
  status: text('status').notNull().default('scheduled'),
  conversationId: uuid('conversation_id'),
  ticketId: uuid('ticket_id'),
  remindedAt: ts('reminded_at'),
  reminderLeaseUntil: ts('reminder_lease_until'),
  reminderSentAt: ts('reminder_sent_at'),
  createdBy: text('created_by').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  cancelledAt: ts('cancelled_at'),
  completedAt: ts('completed_at'),
});
