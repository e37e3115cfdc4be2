import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { angerLevel, asksForHuman, isFollowUp } from './signals.js';

describe('dialogue signals', () => {
  test('a request for a human in either language', () => {
    for (const t of ['转人工', '我要人工客服', '能不能找个真人', 'agent please', 'I want to talk to a real person', 'HUMAN']) assert.ok(asksForHuman(t), t);
    for (const t of ['人工智能是什么', 'my top up failed', '你好']) assert.ok(!asksForHuman(t), t);
  });

  test('anger grows with insults, shouting and exclamation marks', () => {
    assert.equal(angerLevel('充值还没到账'), 0);
    assert.equal(angerLevel('my payment failed'), 0);
    assert.ok(angerLevel('什么破APP，垃圾！！！') >= 2);
    assert.ok(angerLevel('THIS IS RIDICULOUS WHERE IS MY MONEY') >= 2);
    assert.equal(angerLevel('this is useless'), 1);
  });

  test('follow-ups', () => {
    for (const t of ['还是没到', 'still not arrived', "what about yesterday's one?", '那昨天那笔呢']) assert.ok(isFollowUp(t), t);
    assert.ok(!isFollowUp('充值怎么操作'));
  });
});
