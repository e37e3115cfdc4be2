import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { estimateWaitSeconds, pickAgent, queueOrder, teamFor, type Candidate } from './routing.js';

const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
const agent = (id: string, over: Partial<Candidate> = {}): Candidate => ({ id, capacity: 3, load: 0, skillCategories: ['top_up'], skillLanguages: ['zh-CN'], teamIds: [], idleSince: at(1), ...over });

describe('routing rules', () => {
  test('only agents with free capacity take a conversation', () => {
    assert.equal(pickAgent([agent('full', { load: 3 })], { category: 'top_up', language: 'zh-CN' }), null);
    assert.equal(pickAgent([agent('full', { load: 3 }), agent('free', { load: 2 })], { category: 'top_up', language: 'zh-CN' })?.id, 'free');
  });

  test("the customer's language is required", () => {
    assert.equal(pickAgent([agent('zh')], { category: 'top_up', language: 'en' }), null);
    assert.equal(pickAgent([agent('zh'), agent('en', { skillLanguages: ['en'] })], { category: 'top_up', language: 'en' })?.id, 'en');
  });

  test('skilled agents take their category; others only when nobody online has the skill', () => {
    const general = agent('general', { skillCategories: [] });
    const expert = agent('expert', { skillCategories: ['frozen_account'], load: 2 });
    assert.equal(pickAgent([general, expert], { category: 'frozen_account', language: 'zh-CN' })?.id, 'expert');
    assert.equal(pickAgent([general, agent('busy-expert', { skillCategories: ['frozen_account'], load: 3 })], { category: 'frozen_account', language: 'zh-CN' }), null, 'waits for the expert');
    assert.equal(pickAgent([general], { category: 'frozen_account', language: 'zh-CN' })?.id, 'general');
  });

  test('the least loaded wins; on a tie, the one idle longest', () => {
    assert.equal(pickAgent([agent('a', { load: 2 }), agent('b', { load: 1 })], { category: 'top_up', language: 'zh-CN' })?.id, 'b');
    assert.equal(pickAgent([agent('recent', { idleSince: at(1) }), agent('longest', { idleSince: at(30) })], { category: 'top_up', language: 'zh-CN' })?.id, 'longest');
  });

  test('a conversation transferred to a team goes to a member of that team only', () => {
    const member = agent('member', { teamIds: ['vip'], load: 2 });
    const outsider = agent('outsider');
    assert.equal(pickAgent([member, outsider], { category: 'top_up', language: 'zh-CN', teamId: 'vip' })?.id, 'member');
    assert.equal(pickAgent([outsider], { category: 'top_up', language: 'zh-CN', teamId: 'vip' }), null);
  });

  test('the queue is ordered by priority, then by waiting time', () => {
    const q = [
      { id: 'normal-old', priority: 'normal' as const, queuedAt: at(20) },
      { id: 'urgent-new', priority: 'urgent' as const, queuedAt: at(1) },
      { id: 'normal-new', priority: 'normal' as const, queuedAt: at(2) },
    ];
    assert.deepEqual([...q].sort(queueOrder).map((c) => c.id), ['urgent-new', 'normal-old', 'normal-new']);
  });

  test('the wait estimate grows with the position and shrinks with online capacity', () => {
    assert.equal(estimateWaitSeconds(1, 2, 300), 300);
    assert.equal(estimateWaitSeconds(5, 2, 300), 900);
    assert.equal(estimateWaitSeconds(5, 5, 300), 300);
    assert.equal(estimateWaitSeconds(1, 0, 300), -1, 'nobody online: no estimate');
  });

  test('an agent who let the offer expire is offered it again only when nobody else can take it', () => {
    const slow = agent('slow', { idleSince: at(60) });
    const other = agent('other', { load: 2 });
    assert.equal(pickAgent([slow, other], { category: 'top_up', language: 'zh-CN', skippedAgentIds: ['slow'] })?.id, 'other');
    assert.equal(pickAgent([slow, agent('full', { load: 3 })], { category: 'top_up', language: 'zh-CN', skippedAgentIds: ['slow'] })?.id, 'slow');
  });

  test('a handover joins the queue of the team for its category and language', () => {
    const payments = { id: 'p', name: 'Payments', categories: ['top_up', 'refund'], languages: [] };
    const securityEn = { id: 'se', name: 'Security EN', categories: ['frozen_account'], languages: ['en'] };
    const securityZh = { id: 'sz', name: 'Security ZH', categories: ['frozen_account'], languages: ['zh-CN'] };
    const teams = [securityZh, payments, securityEn];
    assert.equal(teamFor(teams, { category: 'refund', language: 'en' })?.id, 'p', 'no languages listed: serves all');
    assert.equal(teamFor(teams, { category: 'frozen_account', language: 'en' })?.id, 'se');
    assert.equal(teamFor(teams, { category: 'frozen_account', language: 'zh-CN' })?.id, 'sz');
    assert.equal(teamFor(teams, { category: 'fees', language: 'zh-CN' }), null, 'no team for it: the shared queue');
    assert.equal(teamFor(teams, { category: null, language: 'zh-CN' }), null);
    const twin = { ...payments, id: 'a', name: 'A-Payments' };
    assert.equal(teamFor([payments, twin], { category: 'top_up', language: 'zh-CN' })?.id, 'a', 'several: the first by name');
  });
});
