// The call shapes the console reads, as src/modules/callbacks/call-tasks.schemas.ts and
// callbacks.schemas.ts serve them.
import type { Priority } from '../types.js';

export const callPurposes = ['callback', 'problem_check', 'satisfaction_survey', 'education'] as const;
export type CallPurpose = (typeof callPurposes)[number];
/** What a rule can plan a call for: callbacks come from customers, not rules. */
export const rulePurposes = ['problem_check', 'satisfaction_survey', 'education'] as const;
export type RulePurpose = (typeof rulePurposes)[number];
export type CallStatus = 'open' | 'in_progress' | 'done' | 'failed' | 'cancelled';
export const callOutcomes = ['reached', 'no_answer', 'wrong_number', 'call_back_later'] as const;
export type CallOutcome = (typeof callOutcomes)[number];
/** Why the customer needed us (the server's `callReasons`). */
export const callReasons = ['slow_response', 'unclear_answer', 'product_issue', 'misuse', 'other'] as const;
export type CallReason = (typeof callReasons)[number];
export const followUpActions = ['none', 'reopen_ticket', 'create_ticket'] as const;
export type FollowUpAction = (typeof followUpActions)[number];
export const callViews = ['mine', 'unassigned', 'all'] as const;
export type CallView = (typeof callViews)[number];
export const statusFilters = ['open', 'done', 'all'] as const;
export type StatusFilter = (typeof statusFilters)[number];

export interface CallTask {
  id: string; kind: 'callback' | 'return_visit'; purpose: CallPurpose; status: CallStatus; priority: Priority;
  dueAt: string; deadlineAt: string; nextAttemptAt: string; attempts: number; maxAttempts: number; contactId: string; customerName: string | null;
  phoneMasked: string | null; language: 'zh-CN' | 'en'; timezone: string; topic: string | null; ticketId: string | null; ticketReference: string | null;
  conversationId: string | null; callbackId: string | null; ruleId: string | null; assigneeId: string | null; overdue: boolean;
  outcome: CallOutcome | null; satisfaction: number | null; reason: string | null; followUpTicketId: string | null; completedAt: string | null;
}

export type QuestionKind = 'scale' | 'yes_no' | 'choice';
export interface Question { id: string; kind: QuestionKind; label: string; options?: { value: string; label: string }[] }
export interface Script { purpose: CallPurpose; intro: string; steps: string[]; questions: Question[] }

export interface CallTaskDetail {
  task: CallTask;
  script: Script;
  context: {
    ticket: { id: string; reference: string; subject: string; status: string; category: string } | null;
    conversation: { id: string; summary: string | null; category: string | null } | null;
    diagnosis: string | null;
    callback: { note: string | null; slotStartsAt: string; slotEndsAt: string } | null;
  };
  attempts: { at: string; agentId: string | null; agentName: string | null; outcome: CallOutcome; note: string | null }[];
}

export type AnswerValue = number | boolean | string;

export interface OutcomeInput {
  outcome: CallOutcome;
  callBackAt?: string;
  answers?: Record<string, AnswerValue>;
  reason?: string;
  note?: string;
  followUp?: { action: FollowUpAction; subject?: string; description?: string };
}

export const ruleTriggers = ['ticket_solved', 'conversation_resolved', 'low_rating', 'security_emergency'] as const;
export type RuleTrigger = (typeof ruleTriggers)[number];

export interface ReturnVisitRule {
  id: string; name: string; trigger: RuleTrigger; categories: string[]; maxRating: number | null; sampleRate: number;
  delayMinutes: number; dueWithinMinutes: number; purpose: RulePurpose; priority: Priority; active: boolean; createdAt: string; updatedAt: string;
}

export interface CallPolicy { quietStart: string; quietEnd: string; maxAttempts: number; retrySpacingMinutes: number[] }

export interface TeamCapacity { teamId: string; teamName: string; slotMinutes: number; capacityPerSlot: number; leadMinutes: number; daysAhead: number }

export interface CallPlan {
  days: { date: string; byPurpose: Partial<Record<CallPurpose, { due: number; done: number; failed: number }>> }[];
  upcoming: CallTask[];
}
