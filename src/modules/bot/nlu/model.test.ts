import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectedCalibrationError, fitTemperature, meanNll } from './calibration.js';
import { macroF1 } from './evaluate.js';
import { IntentModel, intentWords, commandLineModelOptions, type TrainingRow } from './model.js';
import { trainInWorker } from './training.js';

const phrases: Record<string, string[]> = {
  top_up_not_arrived: ['充值没到账', '充值了余额没变', '钱充进去了没显示', 'my top up has not arrived', 'topped up but balance unchanged', 'top-up missing', '充值一直没到', 'where is my top up'],
  withdrawal_how: ['怎么提现', '提现到银行卡', '如何把钱取出来', 'how do I withdraw', 'withdraw money to my bank', 'cash out to card', '提现步骤', 'how to cash out'],
  human_agent: ['转人工', '我要找客服', '人工客服在吗', 'talk to a human', 'real person please', 'connect me to an agent', '找真人', 'I want a person'],
  out_of_scope: ['今天天气怎么样', '讲个笑话', 'what is the weather', 'tell me a joke', '推荐几只股票', 'who won the game', '红烧肉怎么做', 'write me a poem'],
};
const rows: TrainingRow[] = Object.entries(phrases).flatMap(([intent, texts]) => texts.map((text) => ({ text, intent })));
const model = IntentModel.train(rows, { calibrationShare: 0.25, outOfScopeThreshold: 0.6 });

describe('nlu: intent model', () => {
  test('learns a small zh/en problem and generalizes to unseen phrasings in both languages', () => {
    assert.equal(model.predict('我充值的钱还没到账').intent, 'top_up_not_arrived');
    assert.equal(model.predict('my top up still has not arrived').intent, 'top_up_not_arrived');
    assert.equal(model.predict('提现怎么操作').intent, 'withdrawal_how');
    assert.equal(model.predict('帮我转人工客服').intent, 'human_agent');
    assert.equal(model.predict('I want to talk to a human').intent, 'human_agent');
    assert.equal(model.predict('充值沒到賬').intent, 'top_up_not_arrived', 'Traditional Chinese');
  });

  test('probabilities sum to one and top holds three intents, best first', () => {
    const p = model.predict('withdraw to my bank card');
    assert.equal(p.top.length, 3);
    assert.equal(p.top[0]!.intent, p.intent);
    assert.ok(p.top[0]!.confidence >= p.top[1]!.confidence && p.top[1]!.confidence >= p.top[2]!.confidence);
    assert.ok(Math.abs(model.probabilities('withdraw').reduce((a, b) => a + b, 0) - 1) < 1e-9);
    assert.equal(p.lang, 'en');
  });

  test('out of scope: the out_of_scope intent and low confidence are both rejected', () => {
    const weather = model.predict('明天天气怎么样');
    assert.equal(weather.intent, 'out_of_scope');
    assert.equal(weather.outOfScope, true);
    const gibberish = model.predict('qqq zzz');
    assert.ok(gibberish.confidence < 0.6, String(gibberish.confidence));
    assert.equal(gibberish.outOfScope, true);
    assert.equal(model.withThreshold(0).predict('qqq zzz').outOfScope, gibberish.intent === 'out_of_scope');
  });

  test('serialized bytes load back to the same predictions', () => {
    const copy = IntentModel.deserialize(model.serialize());
    for (const text of ['充值没到账', 'talk to a human', '讲个笑话']) assert.deepEqual(copy.predict(text), model.predict(text));
    assert.throws(() => IntentModel.deserialize(Buffer.from('nope')), /not a WalletDesk intent model/);
    assert.throws(() => IntentModel.deserialize(model.serialize().subarray(0, 2000)), /truncated/);
  });

  test('training is deterministic and runs the same in a worker thread', async () => {
    const { bytes, model: fromWorker } = await trainInWorker(rows, { calibrationShare: 0.25, outOfScopeThreshold: 0.6 });
    assert.deepEqual(Buffer.from(bytes), Buffer.from(model.serialize()));
    assert.deepEqual(fromWorker.predict('how to cash out'), model.predict('how to cash out'));
  });

  test('with the SVM folded in, it still learns the problem and stays one matrix', () => {
    const both = IntentModel.train(rows, { svmWeight: 1 });
    assert.equal(both.predict('提现怎么操作').intent, 'withdrawal_how');
    assert.equal(both.predict('connect me to a human agent').intent, 'human_agent');
    assert.equal(both.serialize().length, IntentModel.train(rows).serialize().length);
  });

  test('with the network: it learns the problem, loads back the same, trains the same in a worker; a model without one (as saved before it) keeps its layout', async () => {
    const options = { ...commandLineModelOptions, calibrationShare: 0.25 };
    const net = IntentModel.train(rows, options);
    assert.deepEqual(net.header.mlp, { hidden: 128, weight: 1 });
    assert.equal(net.predict('我充值的钱还没到账').intent, 'top_up_not_arrived');
    assert.equal(net.predict('I want to talk to a human').intent, 'human_agent');
    const bytes = net.serialize();
    const copy = IntentModel.deserialize(bytes);
    for (const text of ['充值没到账', 'talk to a human', '讲个笑话']) assert.deepEqual(copy.predict(text), net.predict(text));
    assert.throws(() => IntentModel.deserialize(bytes.subarray(0, bytes.length - 4)), /truncated/);
    assert.deepEqual(Buffer.from((await trainInWorker(rows, options)).bytes), Buffer.from(bytes));
    assert.equal(model.header.mlp, undefined);
    const linearFloats = model.intents.length * (model.header.features.terms.length + 1);
    const plain = Buffer.from(model.serialize());
    assert.equal(plain.length, 'WDNLU1\n'.length + 4 + plain.readUInt32LE('WDNLU1\n'.length) + linearFloats * 4, 'header and linear weights only');
  });

  test('needs two intents', () => {
    assert.throws(() => IntentModel.train([{ text: 'a', intent: 'x' }]), /two intents/);
  });

  test('intent names read as words', () => {
    assert.equal(intentWords('Refund_not_showing_up'), 'refund not showing up');
    assert.equal(intentWords('topUpFailed'), 'top up failed');
  });
});

describe('nlu: calibration and metrics', () => {
  const scores = [
    [8, 0, 0],
    [0, 8, 0],
    [8, 0, 0],
    [0, 0, 8],
    [8, 1, 0],
    [0, 7, 8],
  ].map((s) => Float64Array.from(s));
  const labels = [0, 1, 1, 2, 0, 1];

  test('temperature scaling softens overconfident scores and lowers the likelihood loss', () => {
    const t = fitTemperature(scores, labels);
    assert.ok(t > 1, `temperature ${t}`);
    assert.ok(meanNll(scores, labels, t) < meanNll(scores, labels, 1));
    assert.ok(meanNll(scores, labels, t) <= meanNll(scores, labels, t * 1.2) && meanNll(scores, labels, t) <= meanNll(scores, labels, t / 1.2));
  });

  test('calibrated confidence is monotone in the score margin', () => {
    const t = fitTemperature(scores, labels);
    const conf = (margin: number) => {
      const e = Math.exp(margin / t);
      return e / (e + 2);
    };
    let last = 0;
    for (let m = 0; m <= 10; m += 0.5) {
      assert.ok(conf(m) >= last);
      last = conf(m);
    }
  });

  test('ECE is 0 when confidence equals accuracy and large when overconfident', () => {
    assert.ok(expectedCalibrationError([0.75, 0.75, 0.75, 0.75], [true, true, true, false]) < 1e-9);
    assert.ok(Math.abs(expectedCalibrationError([0.99, 0.99], [false, false]) - 0.99) < 1e-9);
  });

  test('macro F1 averages every gold or predicted class', () => {
    assert.equal(macroF1(['a', 'b'], ['a', 'b']), 1);
    assert.ok(Math.abs(macroF1(['a', 'a', 'b'], ['a', 'b', 'b']) - (2 / 3 + 2 / 3) / 2) < 1e-12);
    assert.equal(macroF1(['a'], ['c']), 0);
  });
});
