import { bigint, boolean, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { BreachAction, SlaMetric, TimerStatus } from './sla.js';
import type { TicketPriority, TicketType } from './tickets.js';

// Mirrors migration 051_sla.sql.
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const slaPolicies = pgTable('sla_policies', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  ticketType: text('ticket_type').$type<TicketType>().notNull(),
  priority: text('priority').$type<TicketPriority>().notNull(),
  firstResponseMinutes: integer('first_response_minutes').notNull(),
  nextResponseMinutes: integer('next_response_minutes').notNull(),
  resolutionMinutes: integer('resolution_minutes').notNull(),
  acknowledgementMinutes: integer('acknowledgement_minutes'),
  warnAtPercent: integer('warn_at_percent').notNull().default(80),
  breachActions: text('breach_actions').array().$type<BreachAction[]>().notNull(),
  hoursTeamId: uuid('hours_team_id'),
  active: boolean('active').notNull().default(true),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const slaTimers = pgTable('sla_timers', {
  id: uuid('id').primaryKey(),
  ticketId: uuid('ticket_id').notNull(),
  metric: text('metric').$type<SlaMetric>().notNull(),
  status: text('status').$type<TimerStatus>().notNull(),
  policyId: uuid('policy_id').notNull(),
  teamId: uuid('team_id'),
  targetMs: bigint('target_ms', { mode: 'number' }).notNull(),
  elapsedMs: bigint('elapsed_ms', { mode: 'number' }).notNull().default(0),
  runningSince: ts('running_since'),
  dueAt: ts('due_at'),
  warnAt: ts('warn_at'),
  warnedAt: ts('warned_at'),
  warningSentAt: ts('warning_sent_at'),
  breachedAt: ts('breached_at'),
  breachHandledAt: ts('breach_handled_at'),
  leaseUntil: ts('lease_until'),
  metAt: ts('met_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
