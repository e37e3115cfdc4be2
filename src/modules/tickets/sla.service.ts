import './sla-events.js';
import type { Orm } from '../../platform/db/database.js';
import type { EventBus } from '../../platform/events/index.js';
import type { Actor } from '../../platform/http/access.js';
import { AppError } from '../../platform/http/app-error.js';
import { poller } from '../../platform/jobs/poller.js';
import type { Logger } from '../../platform/log.js';
import type { AuditService } from '../audit/index.js';
import type { BusinessHours } from '../people/index.js';
import {
  applyChange,
  hoursTeamOf,
  planAcknowledged,
  planAgentReply,
  planCreated,
  planCustomerReply,
  planMerged,
  planRetarget,
  planStatusChange,
  selectPolicy,
  slaMetrics,
  targetOf,
  viewOf,
  type BreachAction,
  type SlaMetric,
  type SlaPolicy,
  type SlaTicket,
  type SlaTimer,
  type SlaTimerView,
  type TimerPlan,
} from './sla.js';
import { slaQueries, slaStore, type ClaimedBreach, type ClaimedWarning, type PolicyPatch } from './sla.store.js';
import type { TicketStatus } from './tickets.js';

export type { SlaTicket, SlaTimerView, SlaPolicy } from './sla.js';

/**
 * A team's business hours, read through `orm`: inside a ticket's transaction that is the
 * transaction itself (PGlite has one connection, and a read beside an open transaction waits for
 * it forever). Throws TEAM_NOT_FOUND for an unknown team.
 */
export type BusinessHoursOf = (teamId: string, orm: Orm) => Promise<BusinessHours | null>;

/** What a breach may do to the ticket, through the tickets service (its own transaction). */
export interface EscalationPort {
  raisePriority(ticketId: string): Promise<void>;
  reassign(ticketId: string): Promise<void>;
}

/** Fired rows are held this long by the node that claimed them; past it another node takes over. */
const LEASE_MS = 60_000;
const BATCH = 50;
/** Escalations run in this order whatever the policy lists: reassignment may route by priority. */
const escalationOrder: BreachAction[] = ['raise_priority', 'reassign'];

const isTeamMissing = (err: unknown) => err instanceof AppError && err.code === 'TEAM_NOT_FOUND';

/**
 * SLA timers on tickets. Changes join the ticket's transaction (`timers(tx)`); a poller on every
 * node claims warnings and breaches that fell due, escalates and announces them once. All timer
 * state is in the database: a restarted node picks up where any node left off.
 */
export function slaService(deps: {
  orm: Orm;
  bus: EventBus;
  clock: () => Date;
  logger: Logger;
  audit: AuditService;
  businessHoursOf: BusinessHoursOf;
  escalate: EscalationPort;
  pollMs: number;
}) {
  const { orm, bus, clock, logger, audit, escalate } = deps;
  const store = slaStore(orm);

  /** Hours of the given teams; a team deleted since counts around the clock rather than failing the ticket. */
  async function hoursFor(teamIds: Iterable<string | null>, via: Orm): Promise<(teamId: string | null) => BusinessHours | null> {
    const known = new Map<string, BusinessHours | null>();
    for (const id of new Set(teamIds)) {
      if (!id) continue;
      try {
        known.set(id, await deps.businessHoursOf(id, via));
      } catch (err) {
        if (!isTeamMissing(err)) throw err;
        logger.warn({ teamId: id }, 'SLA hours of a deleted team: counting around the clock');
        known.set(id, null);
      }
    }
    return (teamId) => (teamId ? (known.get(teamId) ?? null) : null);
  }

  function timers(tx: Orm) {
    const s = slaQueries(tx);

    /**
     * Applies what a ticket event does to its timers. Starting and re-targeting take the active
     * policy of the ticket's type and priority; without one, timers are left as they are.
     */
    async function apply(ticketId: string, ticket: SlaTicket | null, plan: (current: Map<SlaMetric, SlaTimer>, policy: SlaPolicy | null) => TimerPlan): Promise<void> {
      const current = await s.lockTimers(ticketId);
      const policies = await s.policies();
      const policy = ticket ? selectPolicy(policies, ticket.type, ticket.priority) : null;
      const changes = plan(current, policy);
      if (Object.keys(changes).length === 0) return;
      const hoursTeam = ticket && policy ? hoursTeamOf(ticket, policy) : null;
      const targeting = Object.values(changes).some((c) => c.kind === 'start' || c.kind === 'retarget');
      const hours = await hoursFor([...(targeting ? [hoursTeam] : []), ...[...current.values()].map((t) => t.teamId)], tx);
      const warnAt = new Map(policies.map((p) => [p.id, p.warnAtPercent]));
      const now = clock();
      const changed: SlaTimer[] = [];
      for (const metric of slaMetrics) {
        const change = changes[metric];
        if (!change) continue;
        const targetMs = ticket && policy ? targetOf(policy, metric, ticket.type) : null;
        const target = policy && targetMs !== null ? { policyId: policy.id, teamId: hoursTeam, targetMs } : undefined;
        if ((change.kind === 'start' || change.kind === 'retarget') && !target) continue;
        const next = applyChange(current.get(metric), change, metric, { now, hours, warnAtPercent: (id) => warnAt.get(id)!, target });
        if (next) changed.push(next);
      }
      await s.saveTimers(ticketId, changed, now);
    }

    const retarget = (t: SlaTicket) => apply(t.id, t, (current) => planRetarget(current));

    return {
      /** Starts first response and resolution, and the acknowledgement of a complaint. */
      ticketCreated: (t: SlaTicket) => apply(t.id, t, (_, policy) => (policy ? planCreated(t, policy) : {})),
      /** Pending and on hold pause resolution; solved and closed stop every timer; reopening resumes resolution. */
      statusChanged: (t: SlaTicket, from: TicketStatus, to: TicketStatus) => apply(t.id, t, () => planStatusChange(from, to)),
      /** A public agent reply (not a note) meets the first or the next response. */
      agentReplied: (t: SlaTicket) => apply(t.id, t, () => planAgentReply()),
      /** `t` as it is after the reply (a reply that reopens is a status change first). */
      customerReplied: (t: SlaTicket) => apply(t.id, t, (current) => planCustomerReply(t, current)),
      acknowledged: (t: SlaTicket) => apply(t.id, t, () => planAcknowledged()),
      /** Counting timers take the targets of the new priority's policy. */
      priorityChanged: retarget,
      /** Counting timers count in the new team's hours from now on. */
      teamChanged: retarget,
      merged: (ticketId: string) => apply(ticketId, null, () => planMerged()),
    };
  }

  async function view(ticketId: string): Promise<SlaTimerView[]> {
    const list = await store.timers(ticketId);
    const hours = await hoursFor(list.map((t) => t.teamId), orm);
    const now = clock();
    return list.sort((a, b) => slaMetrics.indexOf(a.metric) - slaMetrics.indexOf(b.metric)).map((t) => viewOf(t, hours(t.teamId), now));
  }

  async function announceWarning(w: ClaimedWarning): Promise<boolean> {
    try {
      await bus.publish('ticket.sla_warning', { ticketId: w.ticketId, metric: w.metric, dueAt: w.dueAt.toISOString() });
      await store.markWarningSent(w.id, w.warnedAt, clock());
      return true;
    } catch (err) {
      logger.error({ err, ticketId: w.ticketId, metric: w.metric }, 'SLA warning not announced; another round retries after the lease');
      return false;
    }
  }

  /**
   * Escalates, then announces, then marks the breach handled. A failed escalation is logged and
   * not repeated (the others may already have happened); a failed announcement leaves the breach
   * unmarked, so it is taken up again once the lease runs out.
   */
  async function handleBreach(b: ClaimedBreach): Promise<boolean> {
    for (const action of escalationOrder.filter((a) => b.breachActions.includes(a))) {
      try {
        await (action === 'raise_priority' ? escalate.raisePriority(b.ticketId) : escalate.reassign(b.ticketId));
      } catch (err) {
        logger.error({ err, ticketId: b.ticketId, metric: b.metric, action }, 'SLA breach escalation failed');
      }
    }
    try {
      await bus.publish('ticket.sla_breached', { ticketId: b.ticketId, metric: b.metric, dueAt: b.dueAt.toISOString(), actions: b.breachActions });
      await store.markBreachHandled(b.id, b.breachedAt, clock());
      return true;
    } catch (err) {
      logger.error({ err, ticketId: b.ticketId, metric: b.metric }, 'SLA breach not announced; another round retries after the lease');
      return false;
    }
  }

  /** One batch of each: claims commit first, then the work is done outside any transaction. */
  async function round(): Promise<{ warned: number; breached: number; claimed: number }> {
    const now = clock();
    const leaseUntil = new Date(now.getTime() + LEASE_MS);
    const warnings = await store.claimWarnings(now, leaseUntil, BATCH);
    let warned = 0;
    for (const w of warnings) if (await announceWarning(w)) warned += 1;
    const breaches = await store.claimBreaches(now, leaseUntil, BATCH);
    let breached = 0;
    for (const b of breaches) if (await handleBreach(b)) breached += 1;
    return { warned, breached, claimed: Math.max(warnings.length, breaches.length) };
  }

  /** Fires every warning and breach due now; what this node announced is counted. */
  async function runDue(): Promise<{ warned: number; breached: number }> {
    const total = { warned: 0, breached: 0 };
    for (;;) {
      const r = await round();
      total.warned += r.warned;
      total.breached += r.breached;
      if (r.claimed < BATCH) return total;
    }
  }

  const loop = poller({
    round: async () => (await round()).claimed,
    batchSize: BATCH,
    pollMs: deps.pollMs,
    onError: (err) => logger.error({ err }, 'SLA timer round failed'),
  });

  const policies = {
    list: () => store.policies(),
    async update(id: string, patch: PolicyPatch, actor: Actor): Promise<SlaPolicy> {
      const existing = await store.policy(id);
      if (!existing) throw new AppError('SLA_POLICY_NOT_FOUND');
      const acknowledgement = patch.acknowledgementMinutes === undefined ? existing.acknowledgementMinutes : patch.acknowledgementMinutes;
      if (existing.ticketType !== 'complaint' && acknowledgement !== null) throw new AppError('SLA_POLICY_INVALID', { reason: 'acknowledgement_complaints_only' });
      if (patch.hoursTeamId) await deps.businessHoursOf(patch.hoursTeamId, orm);
      const updated = await store.updatePolicy(id, { ...patch, ...(patch.breachActions ? { breachActions: [...new Set(patch.breachActions)] } : {}) }, clock());
      await audit.record({ actor, action: 'sla_policy.updated', target: { type: 'sla_policy', id }, details: { fields: Object.keys(patch) } });
      return updated!;
    },
  };

  return {
    timers,
    view,
    runDue,
    policies,
    /** A poller on every node; claims keep nodes from firing a timer twice. */
    start: () => loop.start(),
    stop: () => loop.stop(),
  };
}

export type SlaService = ReturnType<typeof slaService>;
