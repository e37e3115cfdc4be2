import { IANAZone } from 'luxon';
import { z } from 'zod';
import { locales } from '../../platform/i18n/index.js';
import { ticketCategories } from '../tickets/index.js';
import { callKinds, callOutcomes, callPriorities, callPurposes, callReasons, callStatuses, followUpActions, isClockTime } from './call-tasks.js';
import { rulePurposes, ruleTriggers } from './return-visits.js';

export const timeZoneSchema = z.string().max(64).refine((tz) => IANAZone.isValidZone(tz), 'an IANA time zone such as Asia/Shanghai');

export const callTaskListItem = z.object({
  id: z.uuid(),
  kind: z.enum(callKinds),
  purpose: z.enum(callPurposes),
  status: z.enum(callStatuses),
  priority: z.enum(callPriorities),
  dueAt: z.date().describe('The earliest time to call (a callback: the slot start; a return visit: the event plus the rule delay).'),
  deadlineAt: z.date().describe('When the call should have happened by; after it the task is overdue.'),
  nextAttemptAt: z.date().describe('Where the queue orders the task: the due time, moved by unanswered attempts and out of quiet hours.'),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  contactId: z.uuid(),
  customerName: z.string().nullable(),
  phoneMasked: z.string().nullable().describe('Null: no number is known ("no number"); the task can still end as wrong number or unreached.'),
  language: z.enum(locales),
  timezone: z.string(),
  topic: z.string().nullable(),
  ticketId: z.uuid().nullable(),
  ticketReference: z.string().nullable(),
  conversationId: z.uuid().nullable(),
  callbackId: z.uuid().nullable(),
  ruleId: z.uuid().nullable(),
  assigneeId: z.uuid().nullable(),
  outcome: z.enum(callOutcomes).nullable().describe('The last call outcome.'),
  satisfaction: z.number().int().nullable(),
  reason: z.string().nullable(),
  followUpTicketId: z.uuid().nullable().describe('The ticket a reached visit reopened or opened.'),
  completedAt: z.date().nullable(),
  overdue: z.boolean(),
});

const answerValue = z.union([z.number(), z.boolean(), z.string().max(50)]);

export const scriptSchema = z.object({
  purpose: z.enum(callPurposes),
  intro: z.string(),
  steps: z.array(z.string()),
  questions: z.array(z.object({ id: z.string(), kind: z.enum(['scale', 'yes_no', 'choice']), label: z.string(), options: z.array(z.object({ value: z.string(), label: z.string() })).optional() })),
});

export const callTaskDetail = z.object({
  task: callTaskListItem,
  script: scriptSchema.describe("In the task's language; answers go back as numbers (scale), booleans (yes_no) or option values (choice)."),
  context: z.object({
    ticket: z.object({ id: z.uuid(), reference: z.string(), subject: z.string(), status: z.string(), category: z.string() }).nullable(),
    conversation: z.object({ id: z.uuid(), summary: z.string().nullable().describe("The bot's handover summary, staff only."), category: z.string().nullable() }).nullable(),
    diagnosis: z.string().nullable(),
    callback: z.object({ note: z.string().nullable(), slotStartsAt: z.date(), slotEndsAt: z.date() }).nullable(),
  }),
  attempts: z.array(z.object({ at: z.date(), agentId: z.uuid().nullable(), agentName: z.string().nullable(), outcome: z.enum(callOutcomes), note: z.string().nullable() })),
});

export const outcomeBody = z.strictObject({
  outcome: z.enum(callOutcomes),
  callBackAt: z.coerce.date().optional().describe('call_back_later only: in the future and outside the customer\'s quiet hours.'),
  answers: z.record(z.string().max(50), answerValue).optional().describe('reached only: question id -> answer, as the script asks.'),
  reason: z.enum(callReasons).optional().describe('reached only: why the contact was necessary.'),
  note: z.string().trim().max(4000).optional().describe('Masked by the guard before it is stored.'),
  followUp: z
    .strictObject({
      action: z.enum(followUpActions),
      subject: z.string().trim().min(1).max(200).optional(),
      description: z.string().trim().min(1).max(10_000).optional(),
    })
    .optional()
    .describe('reached only: reopen the ticket with an internal note, or open a new one for the customer.'),
});

const clockTime = z.string().refine(isClockTime, 'HH:MM');
export const policySchema = z.strictObject({
  quietStart: clockTime.describe("Local time in the customer's time zone from which nobody is called."),
  quietEnd: clockTime,
  maxAttempts: z.number().int().min(1).max(10),
  retrySpacingMinutes: z.array(z.number().int().min(1).max(10_080)).min(1).max(10).describe('Minutes after the 1st, 2nd, ... unanswered call; the last repeats.'),
});

export const ruleSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  trigger: z.enum(ruleTriggers),
  categories: z.array(z.string()),
  maxRating: z.number().int().nullable(),
  sampleRate: z.number().int(),
  delayMinutes: z.number().int(),
  dueWithinMinutes: z.number().int(),
  purpose: z.enum(rulePurposes),
  priority: z.enum(callPriorities),
  active: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

const categories = z.array(z.enum(ticketCategories)).max(ticketCategories.length).describe('Ticket categories (the bot uses the same); empty = all.');
const maxRating = z.number().int().min(1).max(5).nullable().describe('low_rating only: ratings at or below this.');
const sampleRate = z.number().int().min(0).max(100).describe('Percent of matching cases that get a visit.');

/** A rule's fields as PATCH takes them: only what is sent changes. */
export const rulePatch = z.strictObject({
  name: z.string().trim().min(1).max(200),
  trigger: z.enum(ruleTriggers),
  categories,
  maxRating,
  sampleRate,
  delayMinutes: z.number().int().min(0).max(60 * 24 * 90),
  dueWithinMinutes: z.number().int().min(1).max(60 * 24 * 90),
  purpose: z.enum(rulePurposes),
  priority: z.enum(callPriorities),
  active: z.boolean(),
}).partial();

export const ruleBody = rulePatch.required({ name: true, trigger: true, delayMinutes: true, dueWithinMinutes: true, purpose: true }).extend({
  categories: categories.default([]),
  maxRating: maxRating.default(null),
  sampleRate: sampleRate.default(100),
  priority: z.enum(callPriorities).default('normal'),
  active: z.boolean().default(true),
});

const counts = z.object({ due: z.number().int(), done: z.number().int(), failed: z.number().int() });
export const planSchema = z.object({
  days: z.array(z.object({ date: z.string().describe('Local date in timeZone.'), byPurpose: z.object(Object.fromEntries(callPurposes.map((p) => [p, counts])) as Record<(typeof callPurposes)[number], typeof counts>) })),
  upcoming: z.array(callTaskListItem),
});

export const resultsSchema = z.object({
  visits: z.number().int().describe('Return visits closed (done or failed) in the period.'),
  reached: z.number().int(),
  reachRate: z.number().nullable(),
  satisfaction: z.object({ avg: z.number().nullable(), count: z.number().int() }).describe('The 1-5 score from return-visit surveys.'),
  chatRating: z.object({ avg: z.number().nullable(), count: z.number().int() }).describe('Chat ratings (1-5) given in the same period.'),
  reasons: z.array(z.object({ reason: z.string(), count: z.number().int() })),
  reopened: z.number().int(),
  reopenRate: z.number().nullable().describe('Reached visits that reopened a ticket, over reached visits.'),
});
