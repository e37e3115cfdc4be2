import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { businessHoursSchema, isOpen, nextOpening } from './business-hours.js';

const shanghai = businessHoursSchema.parse({
  timeZone: 'Asia/Shanghai',
  weekly: { mon: [['09:00', '12:00'], ['13:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '18:00']] },
  holidays: ['2026-10-01'],
});

describe('business hours', () => {
  it('reads the instant in the team time zone, not UTC', () => {
    // 2026-11-23 is a Monday. 01:30 UTC is 09:30 in Shanghai.
    assert.equal(isOpen(shanghai, new Date('2026-11-23T01:30:00Z')), true);
    // 09:30 UTC is 17:30 in Shanghai: open; 10:30 UTC is 18:30: closed.
    assert.equal(isOpen(shanghai, new Date('2026-11-23T09:30:00Z')), true);
    assert.equal(isOpen(shanghai, new Date('2026-11-23T10:30:00Z')), false);
  });

  it('closes over lunch and at the end of an interval (end exclusive)', () => {
    assert.equal(isOpen(shanghai, new Date('2026-11-23T04:30:00Z')), false); // 12:30 local
    assert.equal(isOpen(shanghai, new Date('2026-11-23T10:00:00Z')), false); // 18:00 local
    assert.equal(isOpen(shanghai, new Date('2026-11-23T09:59:00Z')), true); // 17:59 local
  });

  it('is closed all day on a holiday and on days without intervals', () => {
    assert.equal(isOpen(shanghai, new Date('2026-10-01T03:00:00Z')), false); // Thursday, National Day
    assert.equal(isOpen(shanghai, new Date('2026-11-28T03:00:00Z')), false); // Saturday
  });

  it('finds the next opening across lunch, the weekend and holidays', () => {
    assert.equal(nextOpening(shanghai, new Date('2026-11-23T04:30:00Z'))?.toISOString(), '2026-11-23T05:00:00.000Z'); // 13:00 local
    // Friday 19:00 local -> Monday 09:00 local.
    assert.equal(nextOpening(shanghai, new Date('2026-11-27T11:00:00Z'))?.toISOString(), '2026-11-30T01:00:00.000Z');
    // The evening before the holiday -> the day after it.
    assert.equal(nextOpening(shanghai, new Date('2026-09-30T12:00:00Z'))?.toISOString(), '2026-10-02T01:00:00.000Z');
  });

  it('is open now when open, and always open without hours', () => {
    const at = new Date('2026-11-23T02:00:00Z');
    assert.equal(nextOpening(shanghai, at), at);
    assert.equal(isOpen(null, new Date('2026-11-28T20:00:00Z')), true);
  });

  it('puts local opening times on the right instant across a daylight-saving change', () => {
    const newYork = businessHoursSchema.parse({ timeZone: 'America/New_York', weekly: { mon: [['09:00', '17:00']] } });
    // Sunday 2026-11-01 is the end of DST in New York: Monday 09:00 EST is 14:00 UTC (it was 13:00 UTC a week earlier).
    assert.equal(nextOpening(newYork, new Date('2026-10-31T12:00:00Z'))?.toISOString(), '2026-11-02T14:00:00.000Z');
    assert.equal(nextOpening(newYork, new Date('2026-10-24T12:00:00Z'))?.toISOString(), '2026-10-26T13:00:00.000Z');
  });

  it('never opens when the schedule is empty', () => {
    const never = businessHoursSchema.parse({ timeZone: 'UTC', weekly: {} });
    assert.equal(nextOpening(never, new Date('2026-11-23T00:00:00Z')), null);
  });

  it('refuses an unknown zone and a backwards interval', () => {
    assert.equal(businessHoursSchema.safeParse({ timeZone: 'Mars/Olympus', weekly: {} }).success, false);
    assert.equal(businessHoursSchema.safeParse({ timeZone: 'UTC', weekly: { mon: [['18:00', '09:00']] } }).success, false);
    assert.equal(businessHoursSchema.safeParse({ timeZone: 'UTC', weekly: { mon: [['9:00', '18:00']] } }).success, false);
  });
});
