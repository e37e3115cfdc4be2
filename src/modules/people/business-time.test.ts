import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { businessHoursSchema } from './business-hours.js';
import { addBusinessTime, businessTimeBetween } from './business-time.js';

const H = 3_600_000;
const M = 60_000;

// 2026-11-23 is a Monday; Shanghai is UTC+8 all year.
const shanghai = businessHoursSchema.parse({
  timeZone: 'Asia/Shanghai',
  weekly: { mon: [['09:00', '12:00'], ['13:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '18:00']] },
  holidays: ['2026-10-01', '2026-10-02'],
});
const newYork = businessHoursSchema.parse({ timeZone: 'America/New_York', weekly: { sat: [['00:00', '24:00']], sun: [['00:00', '24:00']], mon: [['09:00', '17:00']] } });

const iso = (d: Date) => d.toISOString();

describe('addBusinessTime', () => {
  it('adds plain time around the clock without hours', () => {
    assert.equal(iso(addBusinessTime(null, new Date('2026-11-28T20:00:00Z'), 5 * H)), '2026-11-29T01:00:00.000Z');
  });

  it('skips lunch inside a day', () => {
    // Monday 11:00 local + 2 h = 14:00 local (12:00-13:00 does not count).
    assert.equal(iso(addBusinessTime(shanghai, new Date('2026-11-23T03:00:00Z'), 2 * H)), '2026-11-23T06:00:00.000Z');
  });

  it('starts counting at the next opening when closed', () => {
    // Saturday 10:00 local + 30 min = Monday 09:30 local.
    assert.equal(iso(addBusinessTime(shanghai, new Date('2026-11-28T02:00:00Z'), 30 * M)), '2026-11-30T01:30:00.000Z');
  });

  it('carries over evenings, weekends and holidays', () => {
    // Friday 17:00 local + 2 h = Monday 10:00 local.
    assert.equal(iso(addBusinessTime(shanghai, new Date('2026-11-27T09:00:00Z'), 2 * H)), '2026-11-30T02:00:00.000Z');
    // Wednesday 2026-09-30 17:00 local + 2 h: Thursday and Friday are holidays, then the weekend -> Monday 10:00.
    assert.equal(iso(addBusinessTime(shanghai, new Date('2026-09-30T09:00:00Z'), 2 * H)), '2026-10-05T02:00:00.000Z');
  });

  it('ends exactly at closing time when the target uses the day up', () => {
    assert.equal(iso(addBusinessTime(shanghai, new Date('2026-11-24T01:00:00Z'), 9 * H)), '2026-11-24T10:00:00.000Z');
  });

  it('returns the start itself for no time, even when closed', () => {
    const sunday = new Date('2026-11-29T02:00:00Z');
    assert.equal(addBusinessTime(shanghai, sunday, 0), sunday);
  });

  it('keeps local opening times across a daylight-saving change', () => {
    // New York falls back on Sunday 2026-11-01: that day lasts 25 hours.
    // Saturday 00:00 EDT (04:00Z) + 48 h: Saturday has 24 h, Sunday 25 h -> Sunday 23:00 EST (Monday 04:00Z).
    assert.equal(iso(addBusinessTime(newYork, new Date('2026-10-31T04:00:00Z'), 48 * H)), '2026-11-02T04:00:00.000Z');
    // Sunday 12:00 EST + 13 h: 12 h left on Sunday, then Monday opens at 09:00 EST = 14:00Z, +1 h.
    assert.equal(iso(addBusinessTime(newYork, new Date('2026-11-01T17:00:00Z'), 13 * H)), '2026-11-02T15:00:00.000Z');
    // A week earlier (EDT) Sunday 13:00 leaves 11 h, and Monday opens at 09:00 EDT = 13:00Z.
    assert.equal(iso(addBusinessTime(newYork, new Date('2026-10-25T17:00:00Z'), 11 * H + 30 * M)), '2026-10-26T13:30:00.000Z');
  });

  it('counts a schedule without any opening around the clock rather than never', () => {
    const never = businessHoursSchema.parse({ timeZone: 'UTC', weekly: {} });
    assert.equal(iso(addBusinessTime(never, new Date('2026-11-23T00:00:00Z'), H)), '2026-11-23T01:00:00.000Z');
  });

  it('merges overlapping intervals instead of counting them twice', () => {
    const overlapping = businessHoursSchema.parse({ timeZone: 'UTC', weekly: { mon: [['09:00', '12:00'], ['11:00', '13:00']] } });
    assert.equal(businessTimeBetween(overlapping, new Date('2026-11-23T00:00:00Z'), new Date('2026-11-24T00:00:00Z')), 4 * H);
    assert.equal(iso(addBusinessTime(overlapping, new Date('2026-11-23T00:00:00Z'), 4 * H)), '2026-11-23T13:00:00.000Z');
  });
});

describe('businessTimeBetween', () => {
  it('counts only open time', () => {
    // Monday 08:00 to 20:00 local: 3 h + 5 h.
    assert.equal(businessTimeBetween(shanghai, new Date('2026-11-23T00:00:00Z'), new Date('2026-11-23T12:00:00Z')), 8 * H);
    // A whole week: Monday 8 h, Tuesday to Friday 9 h each.
    assert.equal(businessTimeBetween(shanghai, new Date('2026-11-22T16:00:00Z'), new Date('2026-11-29T16:00:00Z')), 44 * H);
  });

  it('is zero over a holiday, a weekend and a backwards span', () => {
    assert.equal(businessTimeBetween(shanghai, new Date('2026-09-30T16:00:00Z'), new Date('2026-10-02T16:00:00Z')), 0);
    assert.equal(businessTimeBetween(shanghai, new Date('2026-11-27T10:00:00Z'), new Date('2026-11-30T01:00:00Z')), 0);
    assert.equal(businessTimeBetween(shanghai, new Date('2026-11-24T05:00:00Z'), new Date('2026-11-24T02:00:00Z')), 0);
  });

  it('counts the 25- and 23-hour days of daylight-saving changes in full', () => {
    assert.equal(businessTimeBetween(newYork, new Date('2026-11-01T04:00:00Z'), new Date('2026-11-02T05:00:00Z')), 25 * H);
    // ... and the 23-hour day when clocks spring forward (Sunday 2026-03-08).
    assert.equal(businessTimeBetween(newYork, new Date('2026-03-08T05:00:00Z'), new Date('2026-03-09T04:00:00Z')), 23 * H);
  });

  it('is plain elapsed time without hours', () => {
    assert.equal(businessTimeBetween(null, new Date('2026-11-23T00:00:00Z'), new Date('2026-11-23T00:00:01.5Z')), 1500);
  });

  it('undoes addBusinessTime for any start and amount (property)', () => {
    const start = fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true });
    for (const hours of [shanghai, newYork, null]) {
      fc.assert(
        fc.property(start, fc.integer({ min: 0, max: 200 * H }), (from, ms) => {
          const due = addBusinessTime(hours, from, ms);
          assert.equal(businessTimeBetween(hours, from, due), ms);
          assert.ok(due >= from);
        }),
        { numRuns: 200 },
      );
    }
  });
});
