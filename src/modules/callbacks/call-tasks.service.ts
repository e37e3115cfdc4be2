import { DateTime } from 'luxon';
import { uuidv7 } from 'uuidv7';
import type { EventBus } from '../../platform/events/index.js';
import type { Actor } from '../../platform/http/access.js';
import { AppError } from '../../platform/http/app-error.js';
import { catalog, fill, type Locale } from '../../platform/i18n/index.js';
import type { AuditService } from '../audit/index.js';
import { maskText } from '../guard/index.js';
import type { Callback } from './callbacks.js';
import {
  applyOutcome,
  callPurposes,
  inQuietHours,
  isActive,
  isOverdue,
  outsideQuietHours,
  queueOrder,
  scriptFor,
  type AnswerValue,
  type CallPolicy,
  type CallPurpose,
  type CallStatus,
  type CallTask,
  type FollowUpAction,
  type OutcomeInput,
  type QueuePosition,
} from './call-tasks.js';
import type { CallTasksQueries, CallTasksStore, TaskFilter, TaskInsert } from './call-tasks.store.js';
import type { PlannedVisit } from './return-visits.js';

/** What call tasks need of a ticket. */
export interface TicketView {
  id: string;
  reference: string;
  subject: string;
  status: string;
  category: string;
  contactId: string;
  conversationId: string | null;
  language: Locale;
  solvedAt: Date | null;
  transaction: { reference: string | null; errorMessage: string | null };
}

/** The other modules as call tasks use them; the composition in index.ts fills these in. */
export interface CallTaskPorts {
  contact(id: string): Promise<{ id: string; displayName: string; walletCustomerId: string | null; locale: Locale } | undefined>;
  conversation(id: string): Promise<{ id: string; contactId: string; category: string | null; language: Locale; resolvedAt: Date | null } | undefined>;
  /** The staff-only summary the bot wrote when it handed the chat over, if any. */
  conversationSummary(id: string): Promise<string | null>;
  ticket(id: string): Promise<TicketView | undefined>;
  reopenTicket(actor: Actor, ticketId: string, note: string): Promise<void>;
  createTicket(actor: Actor, input: { contactId: string; category: string; subject: string; description: string; language: Locale; relatedId: string | null }): Promise<{ id: string }>;
  callback(id: string): Promise<Callback | undefined>;
  /** The contact's latest callback request: the number and time zone they last gave us. */
  latestCallback(contactId: string): Promise<Callback | undefined>;
  /** The masked number from the wallet profile, read by the system when a task is made. */
  walletMaskedPhone(customerId: string): Promise<string | null>;
  /** A staff read of the wallet profile (audited as the wallet panel's reads are). */
  walletProfile(actor: Actor, customerId: string): Promise<{ displayName: string; maskedPhone: string }>;
  /** The full wallet number, audited as revealed for this call. */
  dialNumber(actor: Actor, customerId: string, taskId: string): Promise<string>;
  agentName(id: string): Promise<string | null>;
  /** Whether an active webhook endpoint receives dial requests. */
  dialWebhookSubscribed(): Promise<boolean>;
  /** The bot's knowledge-gap review: what a customer misunderstood, in words an article could answer. */
  logKnowledgeGap(input: { conversationId: string | null; language: Locale; text: string }): Promise<void>;
}

export interface Outcome extends OutcomeInput {
  note?: string;
  followUp?: { action: FollowUpAction; subject?: string; description?: string };
}

export type View = 'mine' | 'unassigned' | 'all';

/** Where the customer probably is when we know nothing better: the service's home time zone. */
const DEFAULT_TIMEZONE = 'Asia/Shanghai';

/**
 * Call tasks (外呼任务): the agents' phone work. Changes lock the task row, so a claim, a dial and
 * an outcome on one task happen one after another; events are published after the commit.
 */
export function callTasksService(deps: { store: CallTasksStore; bus: EventBus; audit: AuditService; ports: CallTaskPorts; clock: () => Date }) {
  const { store, bus, audit, ports, clock } = deps;
  const target = (id: string) => ({ type: 'call_task', id });

  async function listItems(tasks: CallTask[]) {
    const names = new Map<string, Promise<string | null>>();
    const references = new Map<string, Promise<string | null>>();
    const now = clock();
    return Promise.all(
      tasks.map(async (t) => {
        if (!names.has(t.contactId)) names.set(t.contactId, ports.contact(t.contactId).then((c) => c?.displayName || null));
        if (t.ticketId && !references.has(t.ticketId)) references.set(t.ticketId, ports.ticket(t.ticketId).then((x) => x?.reference ?? null));
        return {
          id: t.id,
          kind: t.kind,
          purpose: t.purpose,
          status: t.status,
          priority: t.priority,
          dueAt: t.dueAt,
          deadlineAt: t.deadlineAt,
          nextAttemptAt: t.nextAttemptAt,
          attempts: t.attempts,
          maxAttempts: t.maxAttempts,
          contactId: t.contactId,
          customerName: await names.get(t.contactId)!,
          phoneMasked: t.phoneMasked,
          language: t.language,
          timezone: t.timezone,
          topic: t.topic,
          ticketId: t.ticketId,
          ticketReference: t.ticketId ? await references.get(t.ticketId)! : null,
          conversationId: t.conversationId,
          callbackId: t.callbackId,
          ruleId: t.ruleId,
          assigneeId: t.assigneeId,
          outcome: t.outcome,
          satisfaction: t.satisfaction,
          reason: t.reason,
          followUpTicketId: t.followUpTicketId,
          completedAt: t.completedAt,
          overdue: isOverdue(t, now),
        };
      }),
    );
  }
  const listItem = async (t: CallTask) => (await listItems([t]))[0]!;

  async function required(id: string, s: Pick<CallTasksQueries, 'get'> = store): Promise<CallTask> {
    const task = await s.get(id);
    if (!task) throw new AppError('CALL_TASK_NOT_FOUND');
    return task;
  }

  /** Someone else is on the phone with this customer right now. */
  function assertFree(task: CallTask, agentId: string): void {
    if (!isActive(task.status)) throw new AppError('CALL_TASK_CLOSED', { status: task.status });
    if (task.status === 'in_progress' && task.assigneeId && task.assigneeId !== agentId) throw new AppError('CALL_TASK_TAKEN', { assigneeId: task.assigneeId });
  }

  /** Inserts a task unless its callback or source key already has one; announces only the one that was made. */
  async function insertTask(row: TaskInsert): Promise<CallTask | undefined> {
    const created = await store.insert(row);
    if (!created) return undefined;
    await bus.publish('call_task.created', { taskId: created.id, kind: created.kind, purpose: created.purpose, dueAt: created.dueAt.toISOString(), callbackId: created.callbackId, ruleId: created.ruleId });
    return created;
  }

  /**
   * The number a return visit will call: a verified customer's stays in the wallet (masked here);
   * otherwise the one they last typed for a callback. None known still makes a task: the agent
   * sees "no number" and can close it as unreached.
   */
  async function phoneOf(contactId: string): Promise<Pick<TaskInsert, 'walletCustomerId' | 'phoneSource' | 'phoneE164' | 'phoneMasked' | 'timezone'>> {
    const [contact, last] = await Promise.all([ports.contact(contactId), ports.latestCallback(contactId)]);
    const timezone = last?.timezone ?? DEFAULT_TIMEZONE;
    if (contact?.walletCustomerId) return { walletCustomerId: contact.walletCustomerId, phoneSource: 'wallet', phoneE164: null, phoneMasked: await ports.walletMaskedPhone(contact.walletCustomerId), timezone };
    if (last?.phoneE164) return { walletCustomerId: null, phoneSource: 'entered', phoneE164: last.phoneE164, phoneMasked: last.phoneMasked, timezone };
    return { walletCustomerId: null, phoneSource: 'none', phoneE164: null, phoneMasked: null, timezone };
  }

  /** Takes the task: assigned to me and in progress. Someone else's call in progress is theirs. */
  async function claim(actor: Actor, agentId: string, id: string): Promise<CallTask> {
    const { task, assigned } = await store.transaction(async (s) => {
      const task = await s.lock(id);
      if (!task) throw new AppError('CALL_TASK_NOT_FOUND');
      assertFree(task, agentId);
      if (task.status === 'in_progress' && task.assigneeId === agentId) return { task, assigned: false };
      return { task: await s.update(id, { status: 'in_progress', assigneeId: agentId, updatedAt: clock() }), assigned: task.assigneeId !== agentId };
    });
    await audit.record({ actor, action: 'call_task.claimed', target: target(id) });
    if (assigned) await bus.publish('call_task.assigned', { taskId: id, agentId });
    return task;
  }

  /** The note a reached visit leaves on a ticket: what the customer said, and the agent's words. */
  function visitSummary(task: CallTask, answers: Record<string, AnswerValue>, note: string | null): string {
    const t = catalog(task.language).callbacks.calls;
    const parts = [
      answers.resolved === false ? t.outcomeSummary.resolvedNo : answers.resolved === true ? t.outcomeSummary.resolvedYes : t.outcomeSummary.noAnswers,
      ...(typeof answers.still_issue === 'string' ? [t.stillIssue[answers.still_issue as keyof typeof t.stillIssue]] : []),
      ...(note ? [note] : []),
    ];
    return fill(t.ticketNote, { summary: parts.join(' · ') });
  }

  return {
    listItems,

    async list(me: string, query: { view: View; status: 'open' | 'done' | 'all'; purpose?: CallPurpose }, limit: number, after?: QueuePosition) {
      const statuses: Record<typeof query.status, CallStatus[] | undefined> = { open: ['open', 'in_progress'], done: ['done', 'failed', 'cancelled'], all: undefined };
      const filter: TaskFilter = {
        statuses: statuses[query.status],
        purpose: query.purpose,
        assigneeId: query.view === 'mine' ? me : query.view === 'unassigned' ? null : undefined,
      };
      return store.list(filter, limit, after);
    },

    /** One task with what the agent needs on the call: the script, the customer's context, and earlier attempts. */
    async detail(actor: Actor, id: string) {
      const task = await required(id);
      const [contact, ticket, conversation, callback, attempts] = await Promise.all([
        ports.contact(task.contactId),
        task.ticketId ? ports.ticket(task.ticketId) : undefined,
        task.conversationId ? ports.conversation(task.conversationId) : undefined,
        task.callbackId ? ports.callback(task.callbackId) : undefined,
        store.attempts(id),
      ]);
      // A verified customer's profile is wallet data: reading it here is audited like the wallet panel.
      const profile = task.walletCustomerId ? await ports.walletProfile(actor, task.walletCustomerId).catch(() => null) : null;
      const agent = actor.type === 'agent' && actor.id ? await ports.agentName(actor.id) : null;
      const topicLabel = task.topic ? (catalog(task.language).tickets.categories[task.topic as keyof ReturnType<typeof catalog>['tickets']['categories']] ?? task.topic) : '';
      const script = scriptFor(task.purpose, task.language, { customer: profile?.displayName || contact?.displayName || '', agent: agent ?? '', topic: topicLabel, reference: ticket?.reference ?? '' });
      const names = new Map(await Promise.all([...new Set(attempts.flatMap((a) => (a.agentId ? [a.agentId] : [])))].map(async (a) => [a, await ports.agentName(a)] as const)));
      const transaction = ticket?.transaction;
      return {
        task: await listItem(task),
        script,
        context: {
          ticket: ticket ? { id: ticket.id, reference: ticket.reference, subject: ticket.subject, status: ticket.status, category: ticket.category } : null,
          conversation: conversation ? { id: conversation.id, summary: await ports.conversationSummary(conversation.id), category: conversation.category } : null,
          // What the customer's app reported on the ticket: the closest thing to a diagnosis a visit has.
          diagnosis: transaction?.errorMessage ? [transaction.reference, transaction.errorMessage].filter(Boolean).join(' · ') : null,
          callback: callback ? { note: callback.note, slotStartsAt: callback.slotStartsAt, slotEndsAt: callback.slotEndsAt } : null,
        },
        attempts: attempts.map((a) => ({ at: a.at, agentId: a.agentId, agentName: a.agentId ? (names.get(a.agentId) ?? null) : null, outcome: a.outcome as OutcomeInput['outcome'], note: a.note })),
      };
    },

    claim,

    /**
     * Click-to-dial: the tel: link for the agent's phone, and a dial request for a telephone system
     * subscribed by webhook. Never in the customer's quiet hours, unless a supervisor says so.
     */
    async dial(actor: Actor, agent: { id: string; supervisor: boolean }, id: string, override: boolean) {
      const task = await required(id);
      assertFree(task, agent.id);
      if (override && !agent.supervisor) throw new AppError('FORBIDDEN', { reason: 'only supervisors override quiet hours' });
      const policy = await store.policy();
      const now = clock();
      const quiet = inQuietHours(now, task.timezone, policy);
      if (quiet && !override) throw new AppError('CALL_QUIET_HOURS', { timezone: task.timezone, quietStart: policy.quietStart, quietEnd: policy.quietEnd, callableAt: outsideQuietHours(now, task.timezone, policy).toISOString() });
      if (task.phoneSource === 'none') throw new AppError('NOT_FOUND', { what: 'phone' });
      const claimed = await claim(actor, agent.id, id);
      const phone = task.phoneSource === 'wallet' ? await ports.dialNumber(actor, task.walletCustomerId!, id) : task.phoneE164!;
      await audit.record({ actor, action: 'call_task.dialed', target: target(id), details: { quietHours: quiet, override: quiet && override, phoneSource: task.phoneSource } });
      await bus.publish('call_task.dial_requested', { taskId: id, agentId: agent.id, phone, customerRef: claimed.walletCustomerId ?? claimed.contactId });
      return { telUrl: `tel:${phone}`, webhook: await ports.dialWebhookSubscribed() };
    },

    /**
     * Records one call. A follow-up on the ticket happens first, so a refused one (a closed ticket)
     * leaves the task as it was for the agent to choose again; then the task moves, under its lock.
     */
    async recordOutcome(actor: Actor, agentId: string, id: string, input: Outcome) {
      const followUp = input.followUp?.action ?? 'none';
      if (followUp !== 'none' && input.outcome !== 'reached') throw new AppError('CALL_OUTCOME_INVALID', { reason: 'follow_up_needs_reached' });
      const before = await required(id);
      assertFree(before, agentId);
      if (followUp === 'reopen_ticket' && !before.ticketId) throw new AppError('CALL_OUTCOME_INVALID', { reason: 'no_ticket' });
      const policy = await store.policy();
      // Checked before anything changes: the outcome itself must be valid.
      const planned = applyOutcome(before, input, clock(), policy);
      const note = input.note?.trim() ? maskText(input.note.trim()) : null;

      let ticketId: string | null = null;
      if (followUp !== 'none') {
        const summary = visitSummary(before, planned.answers ?? {}, note);
        if (followUp === 'reopen_ticket') {
          await ports.reopenTicket(actor, before.ticketId!, summary);
          ticketId = before.ticketId;
        } else {
          const t = catalog(before.language).callbacks.calls;
          const original = before.ticketId ? await ports.ticket(before.ticketId) : undefined;
          const created = await ports.createTicket(actor, {
            contactId: before.contactId,
            category: before.topic ?? 'other',
            subject: input.followUp?.subject ?? (original ? fill(t.followUpSubject, { reference: original.reference }) : t.followUpSubjectNoTicket),
            description: input.followUp?.description ? `${input.followUp.description}\n\n${summary}` : summary,
            language: before.language,
            relatedId: before.ticketId,
          });
          ticketId = created.id;
        }
      }

      const now = clock();
      const { task, transition } = await store.transaction(async (s) => {
        const locked = await s.lock(id);
        if (!locked) throw new AppError('CALL_TASK_NOT_FOUND');
        assertFree(locked, agentId);
        const transition = applyOutcome(locked, input, now, policy);
        await s.insertAttempt({ id: uuidv7(), taskId: id, agentId, at: now, outcome: input.outcome, note, answers: transition.answers ?? {} });
        const task = await s.update(id, {
          status: transition.status,
          attempts: transition.attempts,
          nextAttemptAt: transition.nextAttemptAt,
          outcome: transition.outcome,
          completedAt: transition.completedAt,
          assigneeId: locked.assigneeId ?? agentId,
          ...(transition.answers ? { answers: transition.answers, satisfaction: transition.satisfaction ?? null, reason: transition.reason ?? null } : {}),
          ...(input.outcome === 'reached' ? { followUp, followUpTicketId: ticketId } : {}),
          updatedAt: now,
        });
        return { task, transition };
      });
      await audit.record({ actor, action: 'call_task.outcome_recorded', target: target(id), details: { outcome: input.outcome, final: transition.final, followUp, ticketId } });
      await bus.publish('call_task.completed', { taskId: id, kind: task.kind, callbackId: task.callbackId, outcome: input.outcome, final: transition.final });
        // What the customer misunderstood, in the agent's words, is a question an article should answer.
      if (input.outcome === 'reached' && note && (task.reason === 'misuse' || task.reason === 'unclear_answer')) {
        await ports.logKnowledgeGap({ conversationId: task.conversationId, language: task.language, text: note });
      }
      return { task, ticketId };
    },

    /** A return visit a rule planned. Every node handles the event; the source key lets one task through. */
    async createReturnVisit(visit: PlannedVisit, about: { contactId: string; ticketId: string | null; conversationId: string | null; topic: string | null; language: Locale }) {
      const policy = await store.policy();
      const phone = await phoneOf(about.contactId);
      return insertTask({
        id: uuidv7(),
        kind: 'return_visit',
        purpose: visit.purpose,
        priority: visit.priority,
        dueAt: visit.dueAt,
        deadlineAt: visit.deadlineAt,
        nextAttemptAt: outsideQuietHours(visit.dueAt, phone.timezone, policy),
        maxAttempts: policy.maxAttempts,
        ...phone,
        contactId: about.contactId,
        language: about.language,
        topic: about.topic,
        ticketId: about.ticketId,
        conversationId: about.conversationId,
        ruleId: visit.ruleId,
        sourceKey: visit.sourceKey,
      });
    },

    /** A booked callback becomes the agents' call task, due in its slot; one per callback however many nodes see the booking. */
    async fromCallback(callbackId: string) {
      const callback = await ports.callback(callbackId);
      if (!callback || callback.status !== 'scheduled') return undefined;
      const policy = await store.policy();
      return insertTask({
        id: uuidv7(),
        kind: 'callback',
        purpose: 'callback',
        priority: 'normal',
        dueAt: callback.slotStartsAt,
        deadlineAt: callback.slotEndsAt,
        nextAttemptAt: callback.slotStartsAt,
        maxAttempts: policy.maxAttempts,
        contactId: callback.contactId,
        walletCustomerId: callback.walletCustomerId,
        phoneSource: callback.phoneSource === 'wallet' ? 'wallet' : 'entered',
        phoneE164: callback.phoneSource === 'wallet' ? null : callback.phoneE164,
        phoneMasked: callback.phoneMasked,
        timezone: callback.timezone,
        language: callback.language,
        topic: callback.topic,
        ticketId: callback.ticketId,
        conversationId: callback.conversationId,
        callbackId,
      });
    },

    async callbackRescheduled(callbackId: string, slot: { startsAt: Date; endsAt: Date }): Promise<void> {
      await store.transaction(async (s) => {
        const task = await s.lockByCallback(callbackId);
        if (!task || !isActive(task.status)) return;
        await s.update(task.id, { dueAt: slot.startsAt, deadlineAt: slot.endsAt, nextAttemptAt: slot.startsAt, updatedAt: clock() });
      });
    },

    async callbackCancelled(callbackId: string): Promise<void> {
      await store.transaction(async (s) => {
        const task = await s.lockByCallback(callbackId);
        if (!task || !isActive(task.status)) return;
        await s.update(task.id, { status: 'cancelled', completedAt: clock(), updatedAt: clock() });
      });
    },

    /** Supervisors' plan: per local day and purpose, how many are due, done and failed; and the open tasks due in the period, in queue order. */
    async plan(from: Date, to: Date, timeZone: string) {
      const tasks = await store.dueBetween(from, to);
      const days = new Map<string, Record<CallPurpose, { due: number; done: number; failed: number }>>();
      for (const t of tasks) {
        const date = DateTime.fromJSDate(t.dueAt, { zone: timeZone }).toISODate()!;
        const day = days.get(date) ?? (Object.fromEntries(callPurposes.map((p) => [p, { due: 0, done: 0, failed: 0 }])) as Record<CallPurpose, { due: number; done: number; failed: number }>);
        day[t.purpose].due += 1;
        if (t.status === 'done') day[t.purpose].done += 1;
        if (t.status === 'failed') day[t.purpose].failed += 1;
        days.set(date, day);
      }
      const upcoming = tasks.filter((t) => isActive(t.status)).sort(queueOrder).slice(0, 100);
      return { days: [...days].map(([date, byPurpose]) => ({ date, byPurpose })), upcoming: await listItems(upcoming) };
    },

    policy: () => store.policy(),
    async setPolicy(actor: Actor, policy: CallPolicy): Promise<CallPolicy> {
      const saved = await store.setPolicy(policy);
      await audit.record({ actor, action: 'call_task.policy_changed', details: { ...policy } });
      return saved;
    },
  };
}

export type CallTasksService = ReturnType<typeof callTasksService>;
