import { addBusinessTime, businessTimeBetween, type BusinessHours } from '../people/index.js';
import type { TicketPriority, TicketStatus, TicketType } from './tickets.js';

export const slaMetrics = ['acknowledgement', 'first_response', 'next_response', 'resolution'] as const;
export type SlaMetric = (typeof slaMetrics)[number];

export const timerStatuses = ['running', 'paused', 'met', 'breached', 'cancelled'] as const;
export type TimerStatus = (typeof timerStatuses)[number];

export const breachActions = ['notify', 'raise_priority', 'reassign'] as const;
export type BreachAction = (typeof breachActions)[number];

/** Targets for one ticket type at one priority, in business minutes of the ticket's team. */
export interface SlaPolicy {
  id: string;
  name: string;
  ticketType: TicketType;
  priority: TicketPriority;
  firstResponseMinutes: number;
  nextResponseMinutes: number;
  resolutionMinutes: number;
  /** Complaints only: how soon the customer must be told the complaint was received. */
  acknowledgementMinutes: number | null;
  /** A warning goes out when this share of a target is used up. */
  warnAtPercent: number;
  breachActions: BreachAction[];
  active: boolean;
  /** Whose business hours count for tickets without a team; null: around the clock. */
  hoursTeamId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * One metric of one ticket. Business time used is `elapsedMs` (runs before this one) plus the
 * open time since `runningSince`; `dueAt` and `warnAt` are where a running timer reaches its
 * target and its warning point.
 */
export interface SlaTimer {
  metric: SlaMetric;
  status: TimerStatus;
  policyId: string;
  /** The team whose business hours this timer counts in; null: around the clock. */
  teamId: string | null;
  targetMs: number;
  elapsedMs: number;
  runningSince: Date | null;
  dueAt: Date | null;
  warnAt: Date | null;
  warnedAt: Date | null;
  breachedAt: Date | null;
  /** When the timer was stopped by what it waited for; also set on a breached timer fulfilled late. */
  metAt: Date | null;
}

/** The SLA facts of a ticket, as the console shows them. */
export interface SlaTimerView {
  metric: SlaMetric;
  status: TimerStatus;
  dueAt: Date | null;
  /** Business seconds left (0 once due); null for timers that no longer count. */
  remainingSeconds: number | null;
  breachedAt: Date | null;
}

export interface SlaTicket {
  id: string;
  type: TicketType;
  priority: TicketPriority;
  status: TicketStatus;
  teamId: string | null;
}

/** Statuses in which the ticket waits on someone other than the team: resolution time stops. */
const waiting: readonly TicketStatus[] = ['pending', 'on_hold'];
const done: readonly TicketStatus[] = ['solved', 'closed'];

/** The active policy for a ticket type and priority, if any. */
export function selectPolicy(policies: readonly SlaPolicy[], type: TicketType, priority: TicketPriority): SlaPolicy | null {
  return policies.find((p) => p.active && p.ticketType === type && p.priority === priority) ?? null;
}

/** A policy's target for a metric, in ms; null when the policy sets none (acknowledgement of a request). */
export function targetOf(policy: SlaPolicy, metric: SlaMetric, type: TicketType): number | null {
  const minutes = {
    acknowledgement: type === 'complaint' ? policy.acknowledgementMinutes : null,
    first_response: policy.firstResponseMinutes,
    next_response: policy.nextResponseMinutes,
    resolution: policy.resolutionMinutes,
  }[metric];
  return minutes === null ? null : minutes * 60_000;
}

/** Business time at which a target of `targetMs` warns. */
export const warnPointMs = (targetMs: number, warnAtPercent: number) => Math.floor((targetMs * warnAtPercent) / 100);

/** Whose hours a ticket's timers count in. */
export const hoursTeamOf = (ticket: SlaTicket, policy: SlaPolicy) => ticket.teamId ?? policy.hoursTeamId;

/** What a ticket event does to one timer. */
export type TimerChange =
  | { kind: 'start'; paused: boolean }
  | { kind: 'pause' }
  | { kind: 'resume' }
  | { kind: 'meet' }
  | { kind: 'cancel' }
  | { kind: 'reopen'; paused: boolean }
  | { kind: 'retarget' };

export type TimerPlan = Partial<Record<SlaMetric, TimerChange>>;

const active = (t: SlaTimer | undefined) => t?.status === 'running' || t?.status === 'paused';
/** Still waiting for what it measures: counting, or breached and not yet fulfilled. */
const owed = (t: SlaTimer | undefined) => active(t) || (t?.status === 'breached' && t.metAt === null);

/** A new ticket: first response and resolution start, and the acknowledgement for a complaint. */
export function planCreated(ticket: SlaTicket, policy: SlaPolicy): TimerPlan {
  if (done.includes(ticket.status)) return {};
  const plan: TimerPlan = { first_response: { kind: 'start', paused: false }, resolution: { kind: 'start', paused: waiting.includes(ticket.status) } };
  if (targetOf(policy, 'acknowledgement', ticket.type) !== null) plan.acknowledgement = { kind: 'start', paused: false };
  return plan;
}

/**
 * A status change moves the resolution timer only: the response timers (acknowledgement, first
 * and next response) measure how long a person waits to hear from the team, which a status set
 * without writing to them does not change. Resolution pauses while the ticket waits on the
 * customer or a third party, resumes when it is back with the team, stops on solve or close and
 * picks up where it stopped on reopen. Solving also ends the response timers still waiting:
 * nothing more is owed on a solved ticket.
 */
export function planStatusChange(from: TicketStatus, to: TicketStatus): TimerPlan {
  if (from === to) return {};
  if (done.includes(to)) {
    if (done.includes(from)) return {};
    return { resolution: { kind: 'meet' }, acknowledgement: { kind: 'cancel' }, first_response: { kind: 'cancel' }, next_response: { kind: 'cancel' } };
  }
  if (done.includes(from)) return { resolution: { kind: 'reopen', paused: waiting.includes(to) } };
  if (waiting.includes(to) && !waiting.includes(from)) return { resolution: { kind: 'pause' } };
  if (waiting.includes(from) && !waiting.includes(to)) return { resolution: { kind: 'resume' } };
  return {};
}

/** A public reply by an agent answers the first response, or the customer's latest message. */
export function planAgentReply(): TimerPlan {
  return { first_response: { kind: 'meet' }, next_response: { kind: 'meet' } };
}

/**
 * A customer's message starts the next-response clock, unless an answer is already owed (the
 * first response, or an earlier message still unanswered: its clock keeps running). `ticket` is
 * the ticket after the message (a reply reopens a solved ticket first).
 */
export function planCustomerReply(ticket: SlaTicket, timers: ReadonlyMap<SlaMetric, SlaTimer>): TimerPlan {
  if (done.includes(ticket.status)) return {};
  if (owed(timers.get('first_response')) || owed(timers.get('next_response'))) return {};
  return { next_response: { kind: 'start', paused: false } };
}

export function planAcknowledged(): TimerPlan {
  return { acknowledgement: { kind: 'meet' } };
}

/** New priority or team: counting timers take the new policy's targets and the new team's hours. */
export function planRetarget(timers: ReadonlyMap<SlaMetric, SlaTimer>): TimerPlan {
  return Object.fromEntries([...timers.values()].filter(active).map((t) => [t.metric, { kind: 'retarget' }]));
}

/** A ticket merged into another: its timers stop counting; the kept ticket's timers carry on. */
export function planMerged(): TimerPlan {
  return Object.fromEntries(slaMetrics.map((m) => [m, { kind: 'cancel' }]));
}

/** What applying a change needs to know besides the timer. */
export interface ChangeContext {
  now: Date;
  /** Hours by team id (null: around the clock); holds every team a timer counts in. */
  hours: (teamId: string | null) => BusinessHours | null;
  /** Warning share of the policy a timer runs under. */
  warnAtPercent: (policyId: string) => number;
  /** For start and retarget: the policy, team and target to use. */
  target?: { policyId: string; teamId: string | null; targetMs: number };
}

/** Business time used up to `now`, with the current run folded into `elapsedMs`. */
function folded(timer: SlaTimer, ctx: ChangeContext): SlaTimer {
  if (timer.status !== 'running' || !timer.runningSince) return timer;
  return { ...timer, elapsedMs: timer.elapsedMs + businessTimeBetween(ctx.hours(timer.teamId), timer.runningSince, ctx.now), runningSince: null };
}

/**
 * A timer set running from `now`: due and warning instants in its team's hours. A warning
 * already given stays given while the time used is past the warning point (a pause and a resume
 * do not warn twice); a later point (a longer target) warns again.
 */
function scheduled(timer: SlaTimer, ctx: ChangeContext): SlaTimer {
  const hours = ctx.hours(timer.teamId);
  const warnPoint = warnPointMs(timer.targetMs, ctx.warnAtPercent(timer.policyId));
  return {
    ...timer,
    status: 'running',
    runningSince: ctx.now,
    dueAt: addBusinessTime(hours, ctx.now, Math.max(0, timer.targetMs - timer.elapsedMs)),
    warnAt: addBusinessTime(hours, ctx.now, Math.max(0, warnPoint - timer.elapsedMs)),
    warnedAt: timer.elapsedMs >= warnPoint ? timer.warnedAt : null,
  };
}

function stopped(timer: SlaTimer, ctx: ChangeContext): SlaTimer {
  return { ...folded(timer, ctx), runningSince: null, warnAt: null };
}

/** Applies one change; null when the change does not apply to the timer as it is. */
export function applyChange(timer: SlaTimer | undefined, change: TimerChange, metric: SlaMetric, ctx: ChangeContext): SlaTimer | null {
  if (change.kind === 'start') {
    if (!ctx.target) throw new Error('a timer starts with a target');
    const fresh: SlaTimer = { metric, status: 'paused', ...ctx.target, elapsedMs: 0, runningSince: null, dueAt: null, warnAt: null, warnedAt: null, breachedAt: null, metAt: null };
    return change.paused ? fresh : scheduled(fresh, ctx);
  }
  if (!timer) return null;
  switch (change.kind) {
    case 'pause':
      return timer.status === 'running' ? { ...stopped(timer, ctx), status: 'paused', dueAt: null } : null;
    case 'resume':
      return timer.status === 'paused' ? scheduled(timer, ctx) : null;
    case 'meet':
      if (active(timer)) return { ...stopped(timer, ctx), status: 'met', metAt: ctx.now };
      return timer.status === 'breached' && timer.metAt === null ? { ...timer, metAt: ctx.now } : null;
    case 'cancel':
      return active(timer) ? { ...stopped(timer, ctx), status: 'cancelled', dueAt: null } : null;
    case 'reopen':
      if (timer.status === 'met') {
        const reopened = { ...timer, metAt: null };
        return change.paused ? { ...reopened, status: 'paused', dueAt: null } : scheduled(reopened, ctx);
      }
      return timer.status === 'breached' && timer.metAt !== null ? { ...timer, metAt: null } : null;
    case 'retarget': {
      if (!active(timer) || !ctx.target) return null;
      // The run so far counts in the old team's hours; from now on the new team's count.
      const moved = { ...folded(timer, ctx), teamId: ctx.target.teamId, policyId: ctx.target.policyId, targetMs: ctx.target.targetMs };
      return timer.status === 'running' ? scheduled(moved, ctx) : moved;
    }
  }
}

/** The console's view of a timer at `now`. */
export function viewOf(timer: SlaTimer, hours: BusinessHours | null, now: Date): SlaTimerView {
  const used = timer.elapsedMs + (timer.status === 'running' && timer.runningSince ? businessTimeBetween(hours, timer.runningSince, now) : 0);
  return {
    metric: timer.metric,
    status: timer.status,
    dueAt: timer.status === 'cancelled' ? null : timer.dueAt,
    remainingSeconds: active(timer) ? Math.max(0, Math.floor((timer.targetMs - used) / 1000)) : null,
    breachedAt: timer.breachedAt,
  };
}
