import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hourlyBuckets, hourOfDay, isTimeZone, scoreDistribution, share, startOfDay } from './analytics.js';

test('today starts at midnight in the dashboard time zone, not in UTC', () => {
  const now = new Date('2026-11-25T01:30:00Z'); // 09:30 in Shanghai, still the 24th in New York
  assert.equal(startOfDay(now, 'Asia/Shanghai').toISOString(), '2026-11-24T16:00:00.000Z');
  assert.equal(startOfDay(now, 'America/New_York').toISOString(), '2026-11-24T05:00:00.000Z');
  assert.equal(startOfDay(now, 'UTC').toISOString(), '2026-11-25T00:00:00.000Z');
  assert.equal(hourOfDay(now, 'Asia/Shanghai'), 9);
});

test('time zones are checked by name', () => {
  assert.equal(isTimeZone('Asia/Hong_Kong'), true);
  assert.equal(isTimeZone('Mars/Olympus'), false);
});

test('a share of nothing is unknown rather than zero', () => {
  assert.equal(share(0, 0), null);
  assert.equal(share(3, 4), 0.75);
});

test('hourly buckets cover every hour so far, quiet ones as zero', () => {
  const rows = [{ hour: 1, conversations: 4 }, { hour: 3, conversations: 2 }];
  const buckets = hourlyBuckets(rows, 3, (hour) => ({ hour, conversations: 0 }));
  assert.deepEqual(buckets.map((b) => b.conversations), [0, 4, 0, 2]);
});

test('rating distribution has one count per score', () => {
  assert.deepEqual(scoreDistribution([{ score: 5, count: 3 }, { score: 1, count: 1 }, { score: 9, count: 7 }]), [1, 0, 0, 0, 3]);
});
