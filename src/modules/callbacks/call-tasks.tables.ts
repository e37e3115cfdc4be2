import { boolean, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Mirrors migration 061_call_tasks.sql.
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const returnVisitRules = pgTable('return_visit_rules', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  trigger: text('trigger').notNull(),
  categories: jsonb('categories').$type<string[]>().notNull().default([]),
  maxRating: integer('max_rating'),
  sampleRate: integer('sample_rate').notNull().default(100),
  delayMinutes: integer('delay_minutes').notNull(),
  dueWithinMinutes: integer('due_within_minutes').notNull(),
  purpose: text('purpose').notNull(),
  priority: text('priority').notNull().default('normal'),
  active: boolean('active').notNull().default(true),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export type AnswerValue = number | boolean | string;

export const callTasks = pgTable('call_tasks', {
  id: uuid('id').primaryKey(),
  kind: text('kind').notNull(),
  purpose: text('purpose').notNull(),
  status: text('status').notNull().default('open'),
  priority: text('priority').notNull().default('normal'),
  dueAt: ts('due_at').notNull(),
  deadlineAt: ts('deadline_at').notNull(),
  nextAttemptAt: ts('next_attempt_at').notNull(),
  attempts: integer('attempts').notNull().default(0),
  maxAttempts: integer('max_attempts').notNull(),
  contactId: uuid('contact_id').notNull(),
  walletCustomerId: text('wallet_customer_id'),
  phoneSource: text('phone_source').notNull(),
  phoneE164: text('phone_e164'),
  phoneMasked: text('phone_masked'),
  timezone: text('timezone').notNull(),
  language: text('language').notNull().default('zh-CN'),
  topic: text('topic'),
  ticketId: uuid('ticket_id'),
  conversationId: uuid('conversation_id'),
  callbackId: uuid('callback_id').unique(),
  ruleId: uuid('rule_id'),
  sourceKey: text('source_key').unique(),
  assigneeId: uuid('assignee_id'),
  answers: jsonb('answers').$type<Record<string, AnswerValue>>().notNull().default({}),
  satisfaction: integer('satisfaction'),
  reason: text('reason'),
  outcome: text('outcome'),
  followUp: text('follow_up'),
  followUpTicketId: uuid('follow_up_ticket_id'),
  completedAt: ts('completed_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const callAttempts = pgTable('call_attempts', {
  id: uuid('id').primaryKey(),
  taskId: uuid('task_id').notNull(),
  agentId: uuid('agent_id'),
  at: ts('at').notNull(),
  outcome: text('outcome').notNull(),
  note: text('note'),
  answers: jsonb('answers').$type<Record<string, AnswerValue>>().notNull().default({}),
});

export const callPolicy = pgTable('call_policy', {
  id: integer('id').primaryKey().default(1),
  quietStart: text('quiet_start').notNull(),
  quietEnd: text('quiet_end').notNull(),
  maxAttempts: integer('max_attempts').notNull(),
  retrySpacingMinutes: integer('retry_spacing_minutes').array().notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
