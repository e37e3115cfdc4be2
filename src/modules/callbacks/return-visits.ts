import { createHash } from 'node:crypto';
import { AppError } from '../../platform/http/app-error.js';
import type { CallPriority, CallPurpose } from './call-tasks.js';

export const ruleTriggers = ['ticket_solved', 'conversation_resolved', 'low_rating', 'security_emergency'] as const;
export type RuleTrigger = (typeof ruleTriggers)[number];
/** A rule plans a visit with one of these aims; 'callback' tasks come from bookings only. */
export const rulePurposes = ['problem_check', 'satisfaction_survey', 'education'] as const satisfies readonly CallPurpose[];
export type RulePurpose = (typeof rulePurposes)[number];

export interface ReturnVisitRule {
  id: string;
  name: string;
  trigger: RuleTrigger;
  /** Ticket categories (the bot's intents carry the same ones); empty means every category. */
  categories: string[];
  /** low_rating only: ratings at or below this one count. */
  maxRating: number | null;
  /** Percent of matching cases that get a visit. */
  sampleRate: number;
  delayMinutes: number;
  dueWithinMinutes: number;
  purpose: RulePurpose;
  priority: CallPriority;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** Something that happened that a rule may answer with a visit. */
export interface Occurrence {
  trigger: RuleTrigger;
  /** 'ticket' or 'conversation', and its id: what the visit is about. */
  subject: { kind: 'ticket' | 'conversation'; id: string };
  category: string | null;
  rating?: number;
  /** When it happened: the visit is due a rule's delay after it. */
  at: Date;
  /**
   * Which occasion of the subject this is, from stored data (a ticket's solvedAt): every node
   * derives the same value, so the task's idempotency key is the same on each, while a ticket
   * solved again later is a new occasion. A conversation is rated, or has its emergency, once.
   */
  occasion: string;
}

/**
 * Whether this case falls in the rule's sample. A hash of rule and subject, not a random draw:
 * every node that handles the event decides the same, and a test can predict it.
 */
export function sampled(ruleId: string, subjectId: string, percent: number): boolean {
  if (percent >= 100) return true;
  if (percent <= 0) return false;
  const bucket = createHash('sha256').update(`${ruleId}:${subjectId}`).digest().readUInt32BE(0) % 100;
  return bucket < percent;
}

export function matches(rule: ReturnVisitRule, o: Occurrence): boolean {
  if (!rule.active || rule.trigger !== o.trigger) return false;
  if (rule.categories.length > 0 && (!o.category || !rule.categories.includes(o.category))) return false;
  if (rule.trigger === 'low_rating' && (o.rating === undefined || o.rating > (rule.maxRating ?? 0))) return false;
  return sampled(rule.id, o.subject.id, rule.sampleRate);
}

export interface PlannedVisit {
  ruleId: string;
  purpose: RulePurpose;
  priority: CallPriority;
  dueAt: Date;
  deadlineAt: Date;
  sourceKey: string;
}

export function plan(rule: ReturnVisitRule, o: Occurrence): PlannedVisit {
  const dueAt = new Date(o.at.getTime() + rule.delayMinutes * 60_000);
  return {
    ruleId: rule.id,
    purpose: rule.purpose,
    priority: rule.priority,
    dueAt,
    deadlineAt: new Date(dueAt.getTime() + rule.dueWithinMinutes * 60_000),
    sourceKey: `rule:${rule.id}:${o.subject.kind}:${o.subject.id}:${o.occasion}`,
  };
}

/** Visits the active rules plan for one occurrence. */
export function visitsFor(rules: ReturnVisitRule[], o: Occurrence): PlannedVisit[] {
  return rules.filter((r) => matches(r, o)).map((r) => plan(r, o));
}

export type RuleInput = Pick<ReturnVisitRule, 'trigger' | 'maxRating'>;

/** A rating threshold belongs to low-rating rules, which need one. */
export function checkRule(rule: RuleInput): void {
  if (rule.trigger === 'low_rating' && rule.maxRating === null) throw new AppError('RETURN_VISIT_RULE_INVALID', { reason: 'max_rating_required' });
  if (rule.trigger !== 'low_rating' && rule.maxRating !== null) throw new AppError('RETURN_VISIT_RULE_INVALID', { reason: 'max_rating_only_for_low_rating' });
}
