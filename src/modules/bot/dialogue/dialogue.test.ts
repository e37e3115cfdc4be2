import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { initialState, runTurn, type DialoguePorts, type Turn } from './dialogue.js';

const article = { articleId: 'a1', title: 'How to withdraw', summary: 'Withdrawals arrive within 30 minutes.', url: '/help/en/articles/withdraw' };

/** The ports of one turn, with a wallet that is down. */
const ports = (diagnose: DialoguePorts['diagnose']): DialoguePorts => ({
  classify: () => ({ intent: 'withdrawal_how', confidence: 0.97, top: [], outOfScope: false }),
  diagnose,
  answer: async () => article,
  intentLabel: (intent) => intent,
  now: () => new Date('2026-11-25T02:00:00Z'),
});
const turn: Turn = { text: 'how do I withdraw?', lang: 'en', customerId: 'c-1', scam: false, categoryOf: () => null };

describe('dialogue: how-to questions', () => {
  test('the how-to answer stands when the wallet cannot be reached to look for one in flight', async () => {
    let asked = 0;
    const result = await runTurn(ports(async () => { asked += 1; throw new Error('connector timeout'); }), turn, initialState());
    assert.equal(asked, 1, 'the wallet was asked for a withdrawal in flight');
    assert.equal(result.handover, undefined);
    assert.equal(result.replies[0]!.text, article.summary);
    const options = result.replies.at(-1)!.payload.options as { value: string }[];
    assert.deepEqual(options.map((o) => o.value), ['solved:yes', 'solved:no']);
  });

  test('an anonymous visitor is not looked up', async () => {
    const result = await runTurn(ports(async () => assert.fail('no wallet for a visitor')), { ...turn, customerId: null }, initialState());
    assert.equal(result.replies[0]!.text, article.summary);
  });
});
