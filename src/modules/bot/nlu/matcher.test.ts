import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { QuestionMatcher, pairFeatureNames } from './matcher.js';

const faq = ['充值多久到账', '怎么修改支付密码', '提现手续费是多少', 'how long does a top up take', 'how do I change my payment pin', 'what is the withdrawal fee'];

describe('nlu: question matcher', () => {
  const matcher = QuestionMatcher.fit(faq);

  test('a paraphrase scores above an unrelated question, and scores stay in [0, 1]', () => {
    const para = matcher.similarity('充值要多久才能到账', '充值多久到账');
    const other = matcher.similarity('充值要多久才能到账', '怎么修改支付密码');
    assert.ok(para > other, `${para} <= ${other}`);
    for (const s of [para, other, matcher.similarity('', ''), matcher.similarity('x', 'x')]) assert.ok(s >= 0 && s <= 1, String(s));
    assert.ok(Math.abs(matcher.similarity('what is the withdrawal fee', 'What is the withdrawal fee?') - 1) < 1e-6);
  });

  test('best picks the listed question that asks the same thing', () => {
    assert.equal(matcher.best('change payment PIN', faq)?.index, 4);
    assert.equal(matcher.best('提现收多少手续费', faq)?.index, 2);
    assert.equal(matcher.best('anything', []), null);
  });

  test('fitted on labelled pairs it separates them and still answers in [0, 1]', () => {
    const pairs = [
      { a: '充值要多久到账', b: '充值多久到账', label: 1 },
      { a: 'how long for top up', b: 'how long does a top up take', label: 1 },
      { a: '支付密码怎么改', b: '怎么修改支付密码', label: 1 },
      { a: 'withdrawal fee?', b: 'what is the withdrawal fee', label: 1 },
      { a: '充值要多久到账', b: '提现手续费是多少', label: 0 },
      { a: 'how long for top up', b: 'how do I change my payment pin', label: 0 },
      { a: '支付密码怎么改', b: '充值多久到账', label: 0 },
      { a: 'withdrawal fee?', b: 'how long does a top up take', label: 0 },
    ];
    const trained = QuestionMatcher.fit(faq.concat(pairs.flatMap((p) => [p.a, p.b])), pairs);
    for (const p of pairs) {
      const s = trained.similarity(p.a, p.b);
      assert.ok(s >= 0 && s <= 1);
      assert.equal(s > 0.5, p.label === 1, `${p.a} / ${p.b}: ${s}`);
    }
    assert.equal(trained.pairFeatures('a', 'b').length, pairFeatureNames.length);
  });
});
