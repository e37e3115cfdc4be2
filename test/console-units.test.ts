// The console's own rules, outside the browser: showing each message once across pushes and
// catch-ups, the business-hours form, and how figures are written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromDraft, toDraft } from '../web/console/src/admin/hours.js';
import { duration, money, percent } from '../web/console/src/format.js';
import { mergeBySeq } from '../web/console/src/timeline.js';
import type { Message } from '../web/console/src/types.js';

const message = (seq: number, readAt: string | null = null): Message => ({
  id: `m${seq}`, conversationId: 'c', seq, clientId: `c${seq}`, author: 'customer', kind: 'text', text: `#${seq}`, payload: {}, createdAt: '2026-11-25T10:00:00Z', deliveredAt: null, readAt,
});

test('a message pushed and fetched again after a reconnect is shown once, in seq order, newest copy kept', () => {
  const shown = mergeBySeq([message(1), message(3)], [message(2)]);
  const afterReconnect = mergeBySeq(shown, [message(2), message(3, '2026-11-25T10:01:00Z'), message(4)]);
  assert.deepEqual(afterReconnect.map((m) => m.seq), [1, 2, 3, 4]);
  assert.equal(afterReconnect[2]!.readAt, '2026-11-25T10:01:00Z');
});

test('business hours round-trip through the weekly form', () => {
  const hours = { timeZone: 'Asia/Hong_Kong', weekly: { mon: [['09:00', '12:00'], ['13:00', '18:00']], tue: [], wed: [], thu: [], fri: [['09:00', '18:00']], sat: [], sun: [] }, holidays: ['2026-12-25'] } as Parameters<typeof toDraft>[0];
  const draft = toDraft(hours);
  assert.equal(draft.days.mon, '09:00-12:00, 13:00-18:00');
  assert.deepEqual(fromDraft(draft), hours);
  assert.deepEqual(fromDraft({ ...draft, days: { ...draft.days, tue: '10:00 – 16:00，17:00-19:00' } })!.weekly.tue, [['10:00', '16:00'], ['17:00', '19:00']]);
  assert.equal(fromDraft({ ...draft, alwaysOpen: true }), null, 'around the clock is no hours at all');
  assert.equal(toDraft(null).alwaysOpen, true);
});

test('figures: money from minor units, durations and shares in the reader\'s language', () => {
  assert.equal(money(380000, 'CNY', 'zh-CN'), '¥3,800.00');
  assert.equal(money(1999, 'USD', 'en'), '$19.99');
  assert.equal(duration(75, 'en'), '1 min 15 sec');
  assert.equal(duration(null, 'en'), null);
  assert.equal(percent(0.5, 'en'), '50%');
  assert.equal(percent(null, 'en'), null);
});
