import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from './analyze.js';
import { parseCsvRecords, readCsv, csvField } from './csv.js';
import { Featurizer, termCounts, defaultFeatureOptions } from './features.js';

describe('nlu: text analysis', () => {
  test('full-width, upper case and Traditional Chinese come out as one form', () => {
    assert.equal(analyzeText('ＡＰＰ充值１００元').normalized, 'app充值100元');
    assert.equal(analyzeText('帳戶被凍結').normalized, analyzeText('账户被冻结').normalized);
    assert.deepEqual(analyzeText('帳戶被凍結').words, analyzeText('账户被冻结').words);
  });

  test('language is detected from the script', () => {
    assert.equal(analyzeText('充值没到账').lang, 'zh');
    assert.equal(analyzeText('my top-up has not arrived').lang, 'en');
    assert.equal(analyzeText('USDT充值没到').lang, 'zh');
  });

  test('Chinese is segmented with the wallet dictionary and English is stemmed', () => {
    assert.ok(analyzeText('我的充值还没到账').words.includes('充值'));
    assert.ok(analyzeText('充值到账了吗').words.includes('到账'));
    assert.deepEqual(analyzeText('Transfers pending').words, ['transfer', 'pend']);
  });
});

describe('nlu: features', () => {
  test('word n-grams, space-padded character n-grams and domain terms are counted', () => {
    const counts = termCounts('top up now', defaultFeatureOptions);
    for (const term of ['wtop', 'wup', 'wtop up', 'wup now', 'c t', 'ctop ', 'c up ']) assert.ok(counts.has(term), term);
    assert.ok(termCounts('recharge', defaultFeatureOptions).has('t充值'), 'an English synonym brings its Chinese group term');
    assert.ok(!counts.has('cp u'), 'character n-grams stay inside a word');
  });

  test('"not arrived" and "my" cues are one term across topics and languages, how-to questions have none', () => {
    for (const text of ['提现还没到', 'where is my refund', 'transfer stuck since yesterday']) assert.ok(termCounts(text, defaultFeatureOptions).has('t#status'), text);
    assert.ok(termCounts('我昨天充的钱', defaultFeatureOptions).has('t#mine'));
    for (const text of ['怎么提现', 'how do I top up']) assert.ok(![...termCounts(text, defaultFeatureOptions).keys()].some((t) => t.startsWith('t#')), text);
    assert.ok(!termCounts('提现还没到', { ...defaultFeatureOptions, cues: undefined }).has('t#status'), 'models saved before the cues score without them');
  });

  test('each block is l2-normalized and scaled by its weight, unknown terms ignored', () => {
    const { featurizer } = Featurizer.fit(['card arrived', 'card lost', 'exchange rate'], { ...defaultFeatureOptions, charWeight: 0.5, termWeight: 0.7 });
    const v = featurizer.transform('card never arrived');
    const norm = Math.sqrt(v.val.reduce((s, x) => s + x * x, 0));
    assert.ok(Math.abs(norm - Math.sqrt(1 + 0.5 ** 2 + 0.7 ** 2)) < 1e-5, `norm ${norm}`);
    assert.ok([...v.idx].every((f, i) => i === 0 || f > v.idx[i - 1]!), 'indices ascend');
    assert.equal(featurizer.transform('zzzz').idx.length, 0);
  });

  test('a restored featurizer gives the same vectors', () => {
    const { featurizer } = Featurizer.fit(['充值没到账', 'top up failed']);
    const copy = Featurizer.restore(JSON.parse(JSON.stringify(featurizer.toJSON())));
    assert.deepEqual(copy.transform('充值 failed'), featurizer.transform('充值 failed'));
  });
});

describe('nlu: CSV', () => {
  test('quoted fields keep commas, doubled quotes and newlines; blank lines are skipped', () => {
    const text = '\ufefftext,category\r\n"a, ""quoted""\nline",x\n\nplain,y\n';
    assert.deepEqual(parseCsvRecords(text), [['text', 'category'], ['a, "quoted"\nline', 'x'], ['plain', 'y']]);
    assert.deepEqual(readCsv(text, ['text', 'category'])[0], { text: 'a, "quoted"\nline', category: 'x' });
    assert.equal(csvField('a, "b"'), '"a, ""b"""');
  });

  test('a missing column is named', () => {
    assert.throws(() => readCsv('text,label\nhi,1\n', ['text', 'category']), /"category"/);
  });
});
