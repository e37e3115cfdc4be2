import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../platform/http/app-error.js';
import { applyOutcome, inQuietHours, nextAttemptAt, outsideQuietHours, queueOrder, scriptFor, type CallPolicy } from './call-tasks.js';
import { sampled } from './return-visits.js';

const policy: CallPolicy = { quietStart: '21:00', quietEnd: '09:00', maxAttempts: 3, retrySpacingMinutes: [60, 240] };
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? err.code : String(err);
  }
  return null;
};

describe('call tasks: quiet hours, retries, outcomes, order', () => {
  test("quiet hours are the customer's local evening and night, across midnight", () => {
    assert.equal(inQuietHours(new Date('2026-11-23T12:59:00Z'), 'Asia/Shanghai', policy), false); // 20:59
    assert.equal(inQuietHours(new Date('2026-11-23T13:00:00Z'), 'Asia/Shanghai', policy), true); // 21:00
    assert.equal(inQuietHours(new Date('2026-11-23T00:59:00Z'), 'Asia/Shanghai', policy), true); // 08:59
    assert.equal(inQuietHours(new Date('2026-11-23T13:00:00Z'), 'Europe/London', policy), false); // 13:00 in London
    assert.equal(inQuietHours(new Date('2026-11-23T13:00:00Z'), 'Asia/Shanghai', { quietStart: '00:00', quietEnd: '00:00' }), false, 'equal bounds: never quiet');
    assert.equal(inQuietHours(new Date('2026-11-23T20:00:00Z'), 'UTC', { quietStart: '00:00', quietEnd: '07:00' }), false);
    assert.equal(outsideQuietHours(new Date('2026-11-23T03:00:00Z'), 'UTC', { quietStart: '00:00', quietEnd: '07:00' }).toISOString(), '2026-11-23T07:00:00.000Z');
  });

  test('a retry that would land in quiet hours moves to their end, on the right side of a daylight-saving change', () => {
    // New York springs forward on 2026-03-08: 20:30 EST + 60 minutes is quiet, and 09:00 next morning is EDT (UTC-4).
    assert.equal(nextAttemptAt(new Date('2026-03-08T01:30:00Z'), 1, 'America/New_York', policy).toISOString(), '2026-03-08T13:00:00.000Z');
    // The spacing follows the attempt number; the last one repeats.
    assert.equal(nextAttemptAt(new Date('2026-11-23T02:00:00Z'), 2, 'Asia/Shanghai', policy).toISOString(), '2026-11-23T06:00:00.000Z');
    assert.equal(nextAttemptAt(new Date('2026-11-23T02:00:00Z'), 5, 'Asia/Shanghai', policy).toISOString(), '2026-11-23T06:00:00.000Z');
  });

  test('outcomes: reached ends with checked answers, unanswered retries until the last attempt, wrong number ends', () => {
    const task = { status: 'in_progress' as const, purpose: 'satisfaction_survey' as const, attempts: 0, maxAttempts: 2, timezone: 'Asia/Shanghai', nextAttemptAt: new Date('2026-11-23T02:00:00Z') };
    const now = new Date('2026-11-23T02:00:00Z');
    const reached = applyOutcome(task, { outcome: 'reached', answers: { satisfaction: 4, agent_helpful: true, reason: 'slow_response' } }, now, policy);
    assert.deepEqual([reached.status, reached.final, reached.satisfaction, reached.reason], ['done', true, 4, 'slow_response']);
    assert.equal(code(() => applyOutcome(task, { outcome: 'reached', answers: { satisfaction: 6 } }, now, policy)), 'CALL_OUTCOME_INVALID');
    assert.equal(code(() => applyOutcome(task, { outcome: 'reached', answers: { mood: 'fine' } }, now, policy)), 'CALL_OUTCOME_INVALID');
    assert.equal(code(() => applyOutcome(task, { outcome: 'no_answer', answers: { satisfaction: 3 } }, now, policy)), 'CALL_OUTCOME_INVALID');
    const first = applyOutcome(task, { outcome: 'no_answer' }, now, policy);
    assert.deepEqual([first.status, first.attempts, first.final], ['open', 1, false]);
    const last = applyOutcome({ ...task, attempts: 1 }, { outcome: 'no_answer' }, now, policy);
    assert.deepEqual([last.status, last.attempts, last.final], ['failed', 2, true]);
    assert.deepEqual([applyOutcome(task, { outcome: 'wrong_number' }, now, policy).status], ['failed']);
    assert.equal(code(() => applyOutcome({ ...task, status: 'done' }, { outcome: 'no_answer' }, now, policy)), 'CALL_TASK_CLOSED');
  });

  test('the queue: the next attempt due first, then the more urgent', () => {
    const at = (iso: string) => new Date(iso);
    const tasks = [
      { id: 'c', nextAttemptAt: at('2026-11-23T03:00:00Z'), priority: 'urgent' as const },
      { id: 'b', nextAttemptAt: at('2026-11-23T02:00:00Z'), priority: 'low' as const },
      { id: 'a', nextAttemptAt: at('2026-11-23T02:00:00Z'), priority: 'high' as const },
    ];
    assert.deepEqual([...tasks].sort(queueOrder).map((t) => t.id), ['a', 'b', 'c']);
  });

  test('sampling: the same answer every time, close to the rate over many subjects', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`);
    const picked = ids.filter((id) => sampled('rule-1', id, 10));
    assert.ok(picked.length > 150 && picked.length < 250, `${picked.length} of 2000`);
    assert.deepEqual(ids.filter((id) => sampled('rule-1', id, 10)), picked);
    assert.notDeepEqual(ids.filter((id) => sampled('rule-2', id, 10)), picked, 'another rule draws another sample');
    assert.equal(ids.every((id) => sampled('rule-1', id, 100) && !sampled('rule-1', id, 0)), true);
  });

  test('scripts exist in both languages with the same questions', () => {
    for (const purpose of ['callback', 'problem_check', 'satisfaction_survey', 'education'] as const) {
      const zh = scriptFor(purpose, 'zh-CN', { customer: '王丽', agent: '李娜', topic: '支付失败', reference: 'WD-1' });
      const en = scriptFor(purpose, 'en', { customer: 'Wang Li', agent: 'Li Na', topic: 'Payment failed', reference: 'WD-1' });
      assert.deepEqual(zh.questions.map((q) => [q.id, q.kind, q.options?.map((o) => o.value)]), en.questions.map((q) => [q.id, q.kind, q.options?.map((o) => o.value)]));
      assert.ok(zh.intro.includes('李娜') && en.intro.includes('Li Na') && zh.steps.length > 0);
      assert.ok([...zh.questions, ...en.questions].every((q) => q.label && (q.options ?? []).every((o) => o.label)));
    }
  });
});
