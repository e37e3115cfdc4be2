import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from './analyze.js';
import { conceptTable, conceptsOf, loadConcepts, soundsOf } from './concepts.js';
import { defaultFeatureOptions, termCounts } from './features.js';
import { IntentModel, type TrainingRow } from './model.js';

const conceptsOfText = (text: string) => {
  const { normalized, words } = analyzeText(text);
  return conceptsOf(normalized, words);
};

describe('nlu: concepts shared by both languages', () => {
  test('built on a worker thread, the table is the one built in place', async () => {
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 5);
    await loadConcepts();
    clearInterval(timer);
    assert.ok(ticks > 10, `the event loop ran while the table was built (${ticks} ticks)`);
    const inPlace = new Map(conceptTable().words.split('\n').map((line) => [line.split('\t')[0]!, line.split('\t')[1]!.split(' ')]));
    assert.deepEqual(conceptsOf('冻结', ['冻结']), [...inPlace.get('冻结')!, ...inPlace.get('冻')!, ...inPlace.get('结')!]);
  });

  test('a Chinese word and its English translation meet in a concept', () => {
    assert.ok(conceptsOfText('感谢').includes('thank'));
    assert.ok(conceptsOfText('thanks a lot').includes('thank'));
    assert.ok(conceptsOfText('账户被冻结了').includes('freez'));
    assert.ok(conceptsOfText('account frozen').includes('frozen'));
    assert.ok(conceptsOfText('提现').includes('withdraw'));
  });

  test('words the dictionary lacks split into words it has, then characters; grammar glosses and English stopwords give nothing', () => {
    const slang = conceptsOfText('提线好慢');
    assert.ok(slang.includes('slow'), slang.join(' '));
    assert.deepEqual(conceptsOfText('the of to'), []);
    assert.deepEqual(conceptsOfText('吗'), [], 'a question particle has no meaning of its own');
  });

  test('a homophone typo and pinyin typed for want of a Chinese keyboard sound like the words meant', () => {
    const sounds = (text: string) => {
      const { normalized, words } = analyzeText(text);
      return soundsOf(normalized, words);
    };
    assert.deepEqual(sounds('冲值'), sounds('充值'));
    assert.ok(sounds('充值').includes('~chong~zhi'));
    assert.deepEqual(sounds('tousu'), sounds('投诉'));
    assert.deepEqual(sounds('zenme tixian'), sounds('怎么提现'));
    assert.ok(sounds('fu kuan shi bai').includes('~fu~kuan'), 'one syllable a word');
    assert.deepEqual(sounds('can i change my pin'), [], 'English words that happen to split into syllables are English');
    assert.deepEqual(sounds('hang on'), []);
  });

  test('the blocks are left out unless a model asks for them', () => {
    const text = '感谢 thanks';
    const without = [...termCounts(text, defaultFeatureOptions).keys()];
    const withConcepts = [...termCounts(text, { ...defaultFeatureOptions, conceptWeight: 1, soundWeight: 1 }).keys()];
    assert.ok(!without.some((t) => t.startsWith('k') || t.startsWith('p')));
    assert.ok(withConcepts.includes('kthank'));
    assert.ok(withConcepts.includes('p~gan~xie'));
  });

  test('an example in one language teaches the other', () => {
    // "Thanks" is taught in English only; "frozen" in English only.
    const rows: TrainingRow[] = [
      ...['thanks', 'thank you so much', 'many thanks', 'thanks for the help'].map((text) => ({ text, intent: 'thanks' })),
      ...['my account is frozen', 'account frozen why', 'frozen account help', 'why is my wallet frozen'].map((text) => ({ text, intent: 'account_frozen' })),
      ...['怎么提现', '提现到银行卡', 'how do I withdraw', 'withdraw to my bank'].map((text) => ({ text, intent: 'withdrawal_how' })),
    ];
    const options = { calibrationShare: 0, features: { ...defaultFeatureOptions, conceptWeight: 1.5 } };
    const model = IntentModel.train(rows, options);
    assert.equal(model.predict('感谢').intent, 'thanks');
    assert.equal(model.predict('账户冻结了').intent, 'account_frozen');
    const plain = IntentModel.train(rows, { calibrationShare: 0 });
    assert.notDeepEqual(['感谢', '账户冻结了'].map((t) => plain.predict(t).intent), ['thanks', 'account_frozen'], 'without concepts the model cannot tell');
  });
});
