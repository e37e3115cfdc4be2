import { AppError } from '../../platform/http/app-error.js';
import { catalog, fill, type Locale } from '../../platform/i18n/index.js';
import { isOpen, nextOpening, type BusinessHours } from '../people/index.js';
import type { AnswerValue } from './call-tasks.tables.js';

export type { AnswerValue } from './call-tasks.tables.js';

export const callKinds = ['callback', 'return_visit'] as const;
export type CallKind = (typeof callKinds)[number];
export const callPurposes = ['callback', 'problem_check', 'satisfaction_survey', 'education'] as const;
export type CallPurpose = (typeof callPurposes)[number];
export const callStatuses = ['open', 'in_progress', 'done', 'failed', 'cancelled'] as const;
export type CallStatus = (typeof callStatuses)[number];
export const callPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export type CallPriority = (typeof callPriorities)[number];
export const callOutcomes = ['reached', 'no_answer', 'wrong_number', 'call_back_later'] as const;
export type CallOutcome = (typeof callOutcomes)[number];
/** Why the customer needed us, as the agent hears it on the call: what the knowledge-gap review and reports count. */
export const callReasons = ['slow_response', 'unclear_answer', 'product_issue', 'misuse', 'other'] as const;
export type CallReason = (typeof callReasons)[number];
export const followUpActions = ['none', 'reopen_ticket', 'create_ticket'] as const;
export type FollowUpAction = (typeof followUpActions)[number];
export type PhoneSource = 'wallet' | 'entered' | 'none';

export interface CallTask {
  id: string;
  kind: CallKind;
  purpose: CallPurpose;
  status: CallStatus;
  priority: CallPriority;
  dueAt: Date;
  deadlineAt: Date;
  nextAttemptAt: Date;
  attempts: number;
  maxAttempts: number;
  contactId: string;
  walletCustomerId: string | null;
  phoneSource: PhoneSource;
  phoneE164: string | null;
  phoneMasked: string | null;
  timezone: string;
  language: Locale;
  topic: string | null;
  ticketId: string | null;
  conversationId: string | null;
  callbackId: string | null;
  ruleId: string | null;
  sourceKey: string | null;
  assigneeId: string | null;
  answers: Record<string, AnswerValue>;
  satisfaction: number | null;
  reason: string | null;
  outcome: CallOutcome | null;
  followUp: FollowUpAction | null;
  followUpTicketId: string | null;
  completedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface CallPolicy {
  quietStart: string;
  quietEnd: string;
  maxAttempts: number;
  retrySpacingMinutes: number[];
}

export const isActive = (status: CallStatus) => status === 'open' || status === 'in_progress';

/** Past the time by which the call should have happened, and still not made. */
export const isOverdue = (task: Pick<CallTask, 'status' | 'deadlineAt'>, now: Date) => isActive(task.status) && task.deadlineAt < now;

// Queue order: the next attempt due soonest first; at the same time, the more urgent first.
const priorityRank: Record<CallPriority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };
export const rankOf = (p: CallPriority) => priorityRank[p];

export function queueOrder(a: Pick<CallTask, 'nextAttemptAt' | 'priority' | 'id'>, b: Pick<CallTask, 'nextAttemptAt' | 'priority' | 'id'>): number {
  return a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || rankOf(a.priority) - rankOf(b.priority) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** A queue position as a cursor key: the same three values the queue is ordered by. */
export interface QueuePosition {
  at: Date;
  rank: number;
  id: string;
}
export const queueKeyPattern = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\|[0-3]\|[0-9a-f-]{36}$/;
export const queueKey = (t: Pick<CallTask, 'nextAttemptAt' | 'priority' | 'id'>) => `${t.nextAttemptAt.toISOString()}|${rankOf(t.priority)}|${t.id}`;
export function parseQueueKey(key: string): QueuePosition {
  const [at, rank, id] = key.split('|');
  return { at: new Date(at!), rank: Number(rank), id: id! };
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
export const isClockTime = (s: string) => HHMM.test(s);

/**
 * The hours a customer may be called, as business hours in their own time zone: every day outside
 * the quiet hours. Reusing the business-hours arithmetic keeps daylight-saving days right.
 */
function callableHours(policy: Pick<CallPolicy, 'quietStart' | 'quietEnd'>, timeZone: string): BusinessHours | null {
  const { quietStart: start, quietEnd: end } = policy;
  if (start === end) return null;
  const spans: [string, string][] = start > end ? [[end, start]] : ([[end, '24:00'], ['00:00', start]] as [string, string][]).filter(([a, b]) => a < b);
  return { timeZone, weekly: { mon: spans, tue: spans, wed: spans, thu: spans, fri: spans, sat: spans, sun: spans }, holidays: [] };
}

export function inQuietHours(at: Date, timeZone: string, policy: Pick<CallPolicy, 'quietStart' | 'quietEnd'>): boolean {
  return !isOpen(callableHours(policy, timeZone), at);
}

/** `at` itself when the customer may be called then; otherwise the end of those quiet hours, in their time zone. */
export function outsideQuietHours(at: Date, timeZone: string, policy: Pick<CallPolicy, 'quietStart' | 'quietEnd'>): Date {
  return nextOpening(callableHours(policy, timeZone), at) ?? at;
}

/** When to try again after the `attempts`-th unanswered call: its spacing (the last one repeats), moved out of quiet hours. */
export function nextAttemptAt(now: Date, attempts: number, timeZone: string, policy: CallPolicy): Date {
  const spacing = policy.retrySpacingMinutes;
  const minutes = spacing[Math.min(attempts, spacing.length) - 1] ?? 60;
  return outsideQuietHours(new Date(now.getTime() + minutes * 60_000), timeZone, policy);
}

// Scripts and their structured questions.

export type QuestionKind = 'scale' | 'yes_no' | 'choice';
export interface QuestionDef {
  id: string;
  kind: QuestionKind;
  options?: readonly string[];
}

const stillIssueOptions = ['same_problem', 'related_problem', 'new_problem'] as const;
/** Education topics are ticket categories, so their labels are the ones customers already see. */
const educationTopics = ['payment_pin', 'scam', 'account_security', 'top_up', 'transfer', 'limits', 'other'] as const;
const scale = ['1', '2', '3', '4', '5'] as const;

export const questionsByPurpose: Record<CallPurpose, readonly QuestionDef[]> = {
  callback: [{ id: 'resolved', kind: 'yes_no' }],
  problem_check: [
    { id: 'resolved', kind: 'yes_no' },
    { id: 'still_issue', kind: 'choice', options: stillIssueOptions },
  ],
  satisfaction_survey: [
    { id: 'satisfaction', kind: 'scale', options: scale },
    { id: 'agent_helpful', kind: 'yes_no' },
    { id: 'reason', kind: 'choice', options: callReasons },
  ],
  education: [
    { id: 'understood', kind: 'yes_no' },
    { id: 'topic', kind: 'choice', options: educationTopics },
  ],
};

function fits(q: QuestionDef, value: AnswerValue): boolean {
  if (q.kind === 'yes_no') return typeof value === 'boolean';
  if (q.kind === 'scale') return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5;
  return typeof value === 'string' && (q.options ?? []).includes(value);
}

/** Answers must belong to the script's questions and fit their kind; unanswered questions are allowed (the customer may decline). */
export function validateAnswers(purpose: CallPurpose, answers: Record<string, AnswerValue>): Record<string, AnswerValue> {
  const questions = new Map(questionsByPurpose[purpose].map((q) => [q.id, q]));
  const invalid = Object.entries(answers)
    .filter(([id, value]) => {
      const q = questions.get(id);
      return !q || !fits(q, value);
    })
    .map(([id]) => id);
  if (invalid.length) throw new AppError('CALL_OUTCOME_INVALID', { reason: 'answers', questions: invalid });
  return answers;
}

export interface Script {
  purpose: CallPurpose;
  intro: string;
  steps: string[];
  questions: { id: string; kind: QuestionKind; label: string; options?: { value: string; label: string }[] }[];
}

/** The script an agent reads, in the customer's language; `vars` fill the intro's {customer}, {agent}, {topic}, {reference}. */
export function scriptFor(purpose: CallPurpose, locale: Locale, vars: Record<string, string>): Script {
  const c = catalog(locale);
  const t = c.callbacks.calls;
  const optionLabel = (q: QuestionDef, value: string): string => {
    if (q.id === 'topic') return c.tickets.categories[value as keyof typeof c.tickets.categories] ?? value;
    if (q.kind === 'scale') return t.scale[value as keyof typeof t.scale];
    if (q.id === 'reason') return t.reasons[value as CallReason];
    return t.stillIssue[value as keyof typeof t.stillIssue];
  };
  return {
    purpose,
    intro: fill(t.scripts[purpose].intro, vars),
    steps: [...t.scripts[purpose].steps],
    questions: questionsByPurpose[purpose].map((q) => ({
      id: q.id,
      kind: q.kind,
      label: t.questions[q.id as keyof typeof t.questions],
      ...(q.kind === 'yes_no' ? { options: [{ value: 'true', label: t.yes }, { value: 'false', label: t.no }] } : {}),
      ...(q.options ? { options: q.options.map((value) => ({ value, label: optionLabel(q, value) })) } : {}),
    })),
  };
}

// Outcomes.

export interface OutcomeInput {
  outcome: CallOutcome;
  callBackAt?: Date;
  answers?: Record<string, AnswerValue>;
  reason?: string;
}

export interface Transition {
  status: CallStatus;
  attempts: number;
  nextAttemptAt: Date;
  outcome: CallOutcome;
  /** No more calls for this task: done, or given up. */
  final: boolean;
  answers?: Record<string, AnswerValue>;
  satisfaction?: number | null;
  reason?: string | null;
  completedAt: Date | null;
}

/**
 * What one call does to its task. Reached ends it with the answers; no answer counts an attempt and
 * plans the next one out of the customer's quiet hours, or gives up after the last; "call back
 * later" is an appointment the customer made, so it is not held against the attempts; a wrong
 * number ends it.
 */
export function applyOutcome(task: Pick<CallTask, 'status' | 'purpose' | 'attempts' | 'maxAttempts' | 'timezone' | 'nextAttemptAt'>, input: OutcomeInput, now: Date, policy: CallPolicy): Transition {
  if (!isActive(task.status)) throw new AppError('CALL_TASK_CLOSED', { status: task.status });
  if (input.outcome !== 'reached' && (input.answers || input.reason)) throw new AppError('CALL_OUTCOME_INVALID', { reason: 'answers_need_reached' });
  if (input.outcome !== 'call_back_later' && input.callBackAt) throw new AppError('CALL_OUTCOME_INVALID', { reason: 'call_back_at_needs_call_back_later' });
  const attempts = task.attempts + 1;
  switch (input.outcome) {
    case 'reached': {
      const answers = validateAnswers(task.purpose, input.answers ?? {});
      const reason = input.reason ?? (typeof answers.reason === 'string' ? answers.reason : null);
      if (reason !== null && !(callReasons as readonly string[]).includes(reason)) throw new AppError('CALL_OUTCOME_INVALID', { reason: 'reason', allowed: callReasons });
      return { status: 'done', attempts, nextAttemptAt: task.nextAttemptAt, outcome: 'reached', final: true, answers, satisfaction: typeof answers.satisfaction === 'number' ? answers.satisfaction : null, reason, completedAt: now };
    }
    case 'wrong_number':
      return { status: 'failed', attempts, nextAttemptAt: task.nextAttemptAt, outcome: 'wrong_number', final: true, completedAt: now };
    case 'no_answer':
      if (attempts >= task.maxAttempts) return { status: 'failed', attempts, nextAttemptAt: task.nextAttemptAt, outcome: 'no_answer', final: true, completedAt: now };
      return { status: 'open', attempts, nextAttemptAt: nextAttemptAt(now, attempts, task.timezone, policy), outcome: 'no_answer', final: false, completedAt: null };
    case 'call_back_later': {
      const at = input.callBackAt;
      if (!at || at <= now) throw new AppError('CALL_OUTCOME_INVALID', { reason: 'call_back_at_in_past' });
      if (inQuietHours(at, task.timezone, policy)) throw new AppError('CALL_OUTCOME_INVALID', { reason: 'call_back_at_in_quiet_hours', quietStart: policy.quietStart, quietEnd: policy.quietEnd, timezone: task.timezone });
      return { status: 'open', attempts: task.attempts, nextAttemptAt: at, outcome: 'call_back_later', final: false, completedAt: null };
    }
  }
}
