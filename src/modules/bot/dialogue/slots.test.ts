import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { extractSlots, parseChineseNumber } from './slots.js';

// Wednesday 2026-11-25, 10:00 in Shanghai.
const now = new Date('2026-11-25T02:00:00Z');

describe('slots', () => {
  test('amounts in minor units, with the currency when it is said', () => {
    assert.deepEqual(extractSlots('充了500元怎么没到', now), { amount: 50_000, currency: 'CNY' });
    assert.deepEqual(extractSlots('充了500怎么没到', now), { amount: 50_000 });
    assert.deepEqual(extractSlots('paid $12.50 and it failed', now), { amount: 1250, currency: 'USD' });
    assert.deepEqual(extractSlots('transferred 1,200 HKD to my friend', now), { amount: 120_000, currency: 'HKD' });
    assert.deepEqual(extractSlots('转了两万块给我妈', now), { amount: 2_000_000, currency: 'CNY' });
    assert.deepEqual(extractSlots('退款 ¥88.8 呢', now), { amount: 8880, currency: 'CNY' });
    assert.deepEqual(extractSlots('my top up is not there', now), {});
  });

  test('Chinese numerals', () => {
    assert.equal(parseChineseNumber('五百'), 500);
    assert.equal(parseChineseNumber('一千二'), 1200);
    assert.equal(parseChineseNumber('十五'), 15);
    assert.equal(parseChineseNumber('三万五千'), 35_000);
    assert.equal(parseChineseNumber('两百零五'), 205);
    assert.equal(parseChineseNumber('abc'), null);
  });

  test('relative and absolute dates as China calendar days', () => {
    assert.equal(extractSlots('我昨天的转账怎么还没到', now).date, '2026-11-24');
    assert.equal(extractSlots("what about yesterday's one?", now).date, '2026-11-24');
    assert.equal(extractSlots('前天充的钱', now).date, '2026-11-23');
    assert.equal(extractSlots('3天前提现', now).date, '2026-11-22');
    assert.equal(extractSlots('11月20日付款失败', now).date, '2026-11-20');
    assert.equal(extractSlots('12月30日的退款', now).date, '2025-12-30', 'a day still ahead this year means last year');
    assert.equal(extractSlots('payment on 2026-11-02 failed', now).date, '2026-11-02');
    assert.equal(extractSlots('周一转的账', now).date, '2026-11-23');
    assert.equal(extractSlots('last friday transfer', now).date, '2026-11-20');
    // Near midnight UTC it is already the next day in China.
    assert.equal(extractSlots('今天充值', new Date('2026-11-24T17:00:00Z')).date, '2026-11-25');
  });

  test('a date is not read as an amount, and a reference is recognised', () => {
    assert.deepEqual(extractSlots('11月20日付款失败', now), { date: '2026-11-20' });
    assert.deepEqual(extractSlots('tr20261122ab12cd still pending', now), { reference: 'TR20261122AB12CD' });
    assert.deepEqual(extractSlots('PY20261120XYZ9 付了 30 元', now), { reference: 'PY20261120XYZ9', amount: 3000, currency: 'CNY' });
  });
});
