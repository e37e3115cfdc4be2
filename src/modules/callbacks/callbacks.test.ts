import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../platform/http/app-error.js';
import { businessHoursSchema } from '../people/index.js';
import { maskPhone } from '../wallet/index.js';
import { defaultCapacity, describeSlot, instantIn, normalizePhone, slotsFor, slotsInWindows, withRoom } from './callbacks.js';

// Shanghai, weekdays 09:00-12:00 and 13:00-18:00; Wednesday 2026-11-25 is a holiday. 2026-11-23 is a Monday.
const hours = businessHoursSchema.parse({
  timeZone: 'Asia/Shanghai',
  weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [['09:00', '12:00'], ['13:00', '18:00']]])),
  holidays: ['2026-11-25'],
});
const local = (iso: string) => instantIn(iso, 'Asia/Shanghai')!;
const times = (slots: { startsAt: Date }[]) => slots.map((s) => s.startsAt.toISOString());

describe('callback slots', () => {
  test('follow the business hours: openings cut into slots, lunch, the weekend and holidays left out', () => {
    const slots = slotsFor(hours, defaultCapacity, local('2026-11-23T07:00'));
    const byDay = new Map<string, number>();
    for (const s of slots) {
      const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(s.startsAt);
      byDay.set(day, (byDay.get(day) ?? 0) + 1);
    }
    // Seven days from Monday 07:00: Mon, Tue, (Wed holiday), Thu, Fri, then next Monday until 07:00 (closed).
    assert.deepEqual([...byDay.entries()], [['2026-11-23', 16], ['2026-11-24', 16], ['2026-11-26', 16], ['2026-11-27', 16]]);
    assert.equal(slots[0]!.startsAt.toISOString(), local('2026-11-23T09:00').toISOString());
    assert.ok(!times(slots).includes(local('2026-11-23T12:00').toISOString()), 'closed for lunch');
    assert.ok(times(slots).includes(local('2026-11-23T11:30').toISOString()), 'the last slot before lunch ends at 12:00');
    assert.ok(!times(slots).includes(local('2026-11-23T17:45').toISOString()));
    assert.ok(slots.every((s) => s.endsAt.getTime() - s.startsAt.getTime() === 30 * 60_000));
  });

  test('start no sooner than the lead time, on the slot grid', () => {
    const slots = slotsFor(hours, { ...defaultCapacity, leadMinutes: 60 }, local('2026-11-23T09:10'));
    assert.equal(slots[0]!.startsAt.toISOString(), local('2026-11-23T10:30').toISOString());
    const hourly = slotsFor(hours, { ...defaultCapacity, slotMinutes: 60, leadMinutes: 0, daysAhead: 1 }, local('2026-11-23T09:00'));
    assert.deepEqual(times(hourly).map((t) => new Date(t).getUTCHours()), [1, 2, 3, 5, 6, 7, 8, 9], '09-12 and 13-18 local in whole hours');
  });

  test('a team without hours answers around the clock, on a grid aligned to the hour', () => {
    const slots = slotsFor(null, { ...defaultCapacity, daysAhead: 1 }, new Date('2026-11-23T03:17:00Z'));
    assert.equal(slots[0]!.startsAt.toISOString(), '2026-11-23T04:30:00.000Z');
    assert.equal(slots.length, 46, 'from 04:30 to the last one starting before the day is up, 03:00');
  });

  test('seats left come from the booked rows; the windows pick the earliest slot wholly inside', () => {
    const slots = slotsFor(hours, defaultCapacity, local('2026-11-23T07:00'));
    const nine = local('2026-11-23T09:00').getTime();
    const room = withRoom(slots, new Map([[nine, { booked: 2, capacity: 2 }]]), 2);
    assert.equal(room[0]!.remaining, 0);
    assert.equal(room[1]!.remaining, 2);
    const inside = slotsInWindows(room, [{ from: local('2026-11-24T13:15'), to: local('2026-11-24T15:00') }, { from: local('2026-11-23T17:00'), to: local('2026-11-23T17:45') }]);
    assert.deepEqual(times(inside), [local('2026-11-23T17:00').toISOString(), local('2026-11-24T13:30').toISOString(), local('2026-11-24T14:00').toISOString(), local('2026-11-24T14:30').toISOString()]);
  });
});

describe('callback phone numbers', () => {
  test('mainland mobiles without +86 for Chinese speakers; others need the country code', () => {
    assert.equal(normalizePhone('138 0013 8001', 'zh-CN'), '+8613800138001');
    assert.equal(normalizePhone('+1 (415) 555-2671', 'en'), '+14155552671');
    assert.equal(normalizePhone('＋８５２ ９１２３ ４５６７', 'zh-CN'), '+85291234567', 'full-width digits as a Chinese keyboard types them');
    for (const [typed, lang] of [['13800138001', 'en'], ['12345', 'zh-CN'], ['call me', 'en'], ['+86 138', 'zh-CN']] as const) {
      assert.throws(() => normalizePhone(typed, lang), (err: unknown) => err instanceof AppError && err.code === 'CALLBACK_PHONE_INVALID', typed);
    }
  });

  test('masked: Chinese mobiles as 138****8001, other countries keep only the + and two digits', () => {
    assert.equal(maskPhone('+8613800138001'), '138****8001');
    assert.equal(maskPhone('13800138001'), '138****8001');
    assert.equal(maskPhone('+14155552671'), '+14****2671');
    assert.equal(maskPhone('+85291234567'), '+85****4567');
  });
});

test("a slot is described in the customer's zone and language", () => {
  const slot = { startsAt: new Date('2026-11-26T06:00:00Z'), endsAt: new Date('2026-11-26T06:30:00Z') };
  assert.equal(describeSlot(slot, 'Asia/Shanghai', 'zh-CN'), '11月26日 14:00–14:30（北京时间）');
  assert.equal(describeSlot(slot, 'Asia/Shanghai', 'en'), 'November 26, 14:00–14:30 (Beijing time)');
  assert.match(describeSlot(slot, 'America/New_York', 'en'), /^November 26, 01:00–01:30 \(Eastern/);
});
