import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { businessHoursSchema } from '../people/index.js';
import {
  applyChange,
  planAgentReply,
  planCreated,
  planCustomerReply,
  planMerged,
  planRetarget,
  planStatusChange,
  selectPolicy,
  targetOf,
  viewOf,
  warnPointMs,
  type ChangeContext,
  type SlaMetric,
  type SlaPolicy,
  type SlaTicket,
  type SlaTimer,
} from './sla.js';

const M = 60_000;
const H = 60 * M;

const policy = (over: Partial<SlaPolicy> = {}): SlaPolicy => ({
  id: 'p-request-normal',
  name: 'Requests, normal',
  ticketType: 'request',
  priority: 'normal',
  firstResponseMinutes: 60,
  nextResponseMinutes: 120,
  resolutionMinutes: 480,
  acknowledgementMinutes: null,
  warnAtPercent: 80,
  breachActions: ['notify'],
  active: true,
  hoursTeamId: null,
  createdAt: new Date(0),
  updatedAt: new Date(0),
  ...over,
});

const ticket = (over: Partial<SlaTicket> = {}): SlaTicket => ({ id: 't1', type: 'request', priority: 'normal', status: 'new', teamId: 'team-sh', ...over });

// Monday 2026-11-23; Shanghai (UTC+8) open 09:00-18:00 on weekdays.
const shanghai = businessHoursSchema.parse({
  timeZone: 'Asia/Shanghai',
  weekly: { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '18:00']] },
});
const hoursByTeam: Record<string, typeof shanghai | null> = { 'team-sh': shanghai, 'team-24x7': null };
const ctx = (now: string, target?: ChangeContext['target']): ChangeContext => ({
  now: new Date(now),
  hours: (teamId) => (teamId ? (hoursByTeam[teamId] ?? null) : null),
  warnAtPercent: () => 80,
  target,
});
const mon0900 = '2026-11-23T01:00:00Z';

function started(metric: SlaMetric, targetMs: number, at = mon0900, teamId: string | null = 'team-sh'): SlaTimer {
  return applyChange(undefined, { kind: 'start', paused: false }, metric, ctx(at, { policyId: 'p', teamId, targetMs }))!;
}
const timersOf = (...timers: SlaTimer[]) => new Map(timers.map((t) => [t.metric, t]));

describe('SLA policy selection', () => {
  const policies = [policy(), policy({ id: 'p-complaint-normal', ticketType: 'complaint', acknowledgementMinutes: 30 }), policy({ id: 'p-request-high', priority: 'high', active: false })];

  it('picks the active policy of the ticket type and priority', () => {
    assert.equal(selectPolicy(policies, 'request', 'normal')?.id, 'p-request-normal');
    assert.equal(selectPolicy(policies, 'complaint', 'normal')?.id, 'p-complaint-normal');
    assert.equal(selectPolicy(policies, 'request', 'high'), null, 'inactive');
    assert.equal(selectPolicy(policies, 'request', 'urgent'), null, 'none defined');
  });

  it('gives an acknowledgement target to complaints only', () => {
    assert.equal(targetOf(policies[1]!, 'acknowledgement', 'complaint'), 30 * M);
    assert.equal(targetOf(policy({ acknowledgementMinutes: 30 }), 'acknowledgement', 'request'), null);
    assert.equal(targetOf(policy(), 'resolution', 'request'), 480 * M);
  });

  it('warns at the configured share of the target', () => {
    assert.equal(warnPointMs(60 * M, 80), 48 * M);
    assert.equal(warnPointMs(60 * M, 50), 30 * M);
  });
});

describe('which timers a ticket event moves', () => {
  it('starts first response and resolution on a request, plus acknowledgement on a complaint', () => {
    assert.deepEqual(Object.keys(planCreated(ticket(), policy())).sort(), ['first_response', 'resolution']);
    assert.deepEqual(Object.keys(planCreated(ticket({ type: 'complaint' }), policy({ acknowledgementMinutes: 30 }))).sort(), ['acknowledgement', 'first_response', 'resolution']);
    assert.deepEqual(planCreated(ticket({ status: 'pending' }), policy()).resolution, { kind: 'start', paused: true });
    assert.deepEqual(planCreated(ticket({ status: 'solved' }), policy()), {});
  });

  it('pauses and resumes only resolution while waiting on the customer or a third party', () => {
    assert.deepEqual(planStatusChange('open', 'pending'), { resolution: { kind: 'pause' } });
    assert.deepEqual(planStatusChange('new', 'on_hold'), { resolution: { kind: 'pause' } });
    assert.deepEqual(planStatusChange('pending', 'on_hold'), {});
    assert.deepEqual(planStatusChange('on_hold', 'open'), { resolution: { kind: 'resume' } });
    assert.deepEqual(planStatusChange('new', 'open'), {});
  });

  it('stops everything on solve, and reopens resolution where it stopped', () => {
    const solve = planStatusChange('pending', 'solved');
    assert.deepEqual(solve.resolution, { kind: 'meet' });
    assert.deepEqual(solve.first_response, { kind: 'cancel' });
    assert.deepEqual(solve.next_response, { kind: 'cancel' });
    assert.deepEqual(planStatusChange('solved', 'closed'), {});
    assert.deepEqual(planStatusChange('solved', 'open'), { resolution: { kind: 'reopen', paused: false } });
    assert.deepEqual(planStatusChange('solved', 'pending'), { resolution: { kind: 'reopen', paused: true } });
  });

  it('starts next response on a customer message only when no answer is owed', () => {
    const fr = started('first_response', H);
    assert.deepEqual(planCustomerReply(ticket({ status: 'open' }), timersOf(fr)), {}, 'first response still owed');
    const answered = applyChange(fr, { kind: 'meet' }, 'first_response', ctx('2026-11-23T01:30:00Z'))!;
    assert.deepEqual(planCustomerReply(ticket({ status: 'open' }), timersOf(answered)), { next_response: { kind: 'start', paused: false } });
    const nr = started('next_response', 2 * H);
    assert.deepEqual(planCustomerReply(ticket({ status: 'open' }), timersOf(answered, nr)), {}, 'the earlier message keeps its clock');
    const lateNr = { ...nr, status: 'breached' as const, breachedAt: nr.dueAt };
    assert.deepEqual(planCustomerReply(ticket({ status: 'open' }), timersOf(answered, lateNr)), {}, 'still unanswered after its breach');
    const metNr = { ...nr, status: 'met' as const, metAt: new Date() };
    assert.deepEqual(Object.keys(planCustomerReply(ticket({ status: 'open' }), timersOf(answered, metNr))), ['next_response']);
    assert.deepEqual(planCustomerReply(ticket({ status: 'solved' }), timersOf(answered)), {});
  });

  it('meets both response metrics on an agent reply and cancels all on merge', () => {
    assert.deepEqual(planAgentReply(), { first_response: { kind: 'meet' }, next_response: { kind: 'meet' } });
    assert.deepEqual(Object.keys(planMerged()).sort(), ['acknowledgement', 'first_response', 'next_response', 'resolution']);
  });

  it('re-targets only the timers still counting', () => {
    const met = { ...started('first_response', H), status: 'met' as const };
    const res = started('resolution', 8 * H);
    assert.deepEqual(planRetarget(timersOf(met, res)), { resolution: { kind: 'retarget' } });
  });
});

describe('timer arithmetic in business hours', () => {
  it('puts due and warning instants inside the team hours', () => {
    // Monday 17:00 local, 2 h target: 1 h on Monday, 1 h on Tuesday -> Tuesday 10:00 (02:00Z).
    const t = started('first_response', 2 * H, '2026-11-23T09:00:00Z');
    assert.equal(t.status, 'running');
    assert.equal(t.dueAt?.toISOString(), '2026-11-24T02:00:00.000Z');
    // 80 % = 96 min: 60 on Monday, 36 on Tuesday -> 09:36 local.
    assert.equal(t.warnAt?.toISOString(), '2026-11-24T01:36:00.000Z');
  });

  it('counts around the clock for a team without hours', () => {
    const t = started('resolution', 8 * H, '2026-11-28T20:00:00Z', 'team-24x7');
    assert.equal(t.dueAt?.toISOString(), '2026-11-29T04:00:00.000Z');
  });

  it('pauses with the business time used so far and resumes with the rest', () => {
    const t = started('resolution', 8 * H);
    // Paused Monday 11:00 local (2 h used), resumed Wednesday 09:00 local: 6 h left -> 15:00.
    const paused = applyChange(t, { kind: 'pause' }, 'resolution', ctx('2026-11-23T03:00:00Z'))!;
    assert.equal(paused.status, 'paused');
    assert.equal(paused.elapsedMs, 2 * H);
    assert.equal(paused.dueAt, null);
    assert.equal(applyChange(paused, { kind: 'pause' }, 'resolution', ctx('2026-11-23T04:00:00Z')), null, 'already paused');
    const resumed = applyChange(paused, { kind: 'resume' }, 'resolution', ctx('2026-11-25T01:00:00Z'))!;
    assert.equal(resumed.status, 'running');
    assert.equal(resumed.dueAt?.toISOString(), '2026-11-25T07:00:00.000Z');
  });

  it('does not warn twice after a pause past the warning point', () => {
    const t = { ...started('resolution', 10 * H), warnedAt: new Date('2026-11-24T06:00:00Z') };
    // 9 h (Monday) + 1 h (Tuesday 09:00-10:00) would be due; pause at Tuesday 09:00 local with 9 h used (90 %).
    const paused = applyChange(t, { kind: 'pause' }, 'resolution', ctx('2026-11-24T01:00:00Z'))!;
    const resumed = applyChange(paused, { kind: 'resume' }, 'resolution', ctx('2026-11-24T02:00:00Z'))!;
    assert.equal(resumed.warnedAt?.toISOString(), '2026-11-24T06:00:00.000Z');
    assert.equal(resumed.warnAt?.toISOString(), '2026-11-24T02:00:00.000Z', 'the warning point is already behind');
  });

  it('meets a counting timer, and marks a breached one as answered late without un-breaching it', () => {
    const t = started('first_response', H);
    const met = applyChange(t, { kind: 'meet' }, 'first_response', ctx('2026-11-23T01:20:00Z'))!;
    assert.equal(met.status, 'met');
    assert.equal(met.elapsedMs, 20 * M);
    assert.equal(met.metAt?.toISOString(), '2026-11-23T01:20:00.000Z');
    const breached = { ...t, status: 'breached' as const, breachedAt: t.dueAt };
    const late = applyChange(breached, { kind: 'meet' }, 'first_response', ctx('2026-11-23T03:00:00Z'))!;
    assert.equal(late.status, 'breached');
    assert.equal(late.metAt?.toISOString(), '2026-11-23T03:00:00.000Z');
    assert.equal(applyChange(breached, { kind: 'cancel' }, 'first_response', ctx('2026-11-23T03:00:00Z')), null, 'a breach stays on record');
  });

  it('reopens resolution keeping the time already used', () => {
    const t = started('resolution', 8 * H);
    const solved = applyChange(t, { kind: 'meet' }, 'resolution', ctx('2026-11-23T04:00:00Z'))!; // 3 h used
    const reopened = applyChange(solved, { kind: 'reopen', paused: false }, 'resolution', ctx('2026-11-24T01:00:00Z'))!;
    assert.equal(reopened.status, 'running');
    assert.equal(reopened.metAt, null);
    assert.equal(reopened.dueAt?.toISOString(), '2026-11-24T06:00:00.000Z'); // 5 h left from Tuesday 09:00
    const reopenedPending = applyChange(solved, { kind: 'reopen', paused: true }, 'resolution', ctx('2026-11-24T01:00:00Z'))!;
    assert.equal(reopenedPending.status, 'paused');
  });

  it('re-targets a running timer: a longer target warns again, time used is kept', () => {
    const t = { ...started('resolution', 4 * H), warnedAt: new Date('2026-11-23T04:12:00Z') };
    // 3.5 h used at 12:30 local; the new target is 8 h: due at 17:00 local, warning (6.4 h) at 15:24.
    const longer = applyChange(t, { kind: 'retarget' }, 'resolution', ctx('2026-11-23T04:30:00Z', { policyId: 'p2', teamId: 'team-sh', targetMs: 8 * H }))!;
    assert.equal(longer.targetMs, 8 * H);
    assert.equal(longer.policyId, 'p2');
    assert.equal(longer.elapsedMs, 3.5 * H);
    assert.equal(longer.dueAt?.toISOString(), '2026-11-23T09:00:00.000Z');
    assert.equal(longer.warnedAt, null);
    assert.equal(longer.warnAt?.toISOString(), '2026-11-23T07:24:00.000Z');
    // A shorter target already used up is due at once.
    const shorter = applyChange(t, { kind: 'retarget' }, 'resolution', ctx('2026-11-23T04:30:00Z', { policyId: 'p3', teamId: 'team-sh', targetMs: 2 * H }))!;
    assert.equal(shorter.dueAt?.toISOString(), '2026-11-23T04:30:00.000Z');
    assert.equal(shorter.warnedAt?.toISOString(), '2026-11-23T04:12:00.000Z');
  });

  it('counts the run before a team change in the old hours and the rest in the new', () => {
    // Started Monday 17:00 local in Shanghai hours; moved to a 24/7 team at 02:00 local Tuesday:
    // 1 h used (17:00-18:00), 3 h left around the clock.
    const t = started('resolution', 4 * H, '2026-11-23T09:00:00Z');
    const moved = applyChange(t, { kind: 'retarget' }, 'resolution', ctx('2026-11-23T18:00:00Z', { policyId: 'p', teamId: 'team-24x7', targetMs: 4 * H }))!;
    assert.equal(moved.elapsedMs, H);
    assert.equal(moved.teamId, 'team-24x7');
    assert.equal(moved.dueAt?.toISOString(), '2026-11-23T21:00:00.000Z');
  });

  it('shows business time left, none for finished timers, and zero once due', () => {
    const t = started('first_response', 2 * H, '2026-11-23T09:00:00Z'); // due Tuesday 10:00 local
    assert.deepEqual(viewOf(t, shanghai, new Date('2026-11-23T12:00:00Z')), { metric: 'first_response', status: 'running', dueAt: t.dueAt, remainingSeconds: 3600, breachedAt: null });
    assert.equal(viewOf(t, shanghai, new Date('2026-11-24T03:00:00Z')).remainingSeconds, 0);
    const paused = applyChange(t, { kind: 'pause' }, 'first_response', ctx('2026-11-23T09:30:00Z'))!;
    assert.equal(viewOf(paused, shanghai, new Date('2026-12-01T00:00:00Z')).remainingSeconds, 5400);
    const met = applyChange(t, { kind: 'meet' }, 'first_response', ctx('2026-11-23T09:30:00Z'))!;
    assert.equal(viewOf(met, shanghai, new Date('2026-11-23T10:00:00Z')).remainingSeconds, null);
  });
});
