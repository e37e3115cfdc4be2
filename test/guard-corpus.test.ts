import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadGuardCorpus, scoreCorpus } from './support/guard-corpus.js';

test('the labelled corpus meets the guard targets (secret recall >= 99%, precision >= 98%)', () => {
  const cases = loadGuardCorpus();
  assert.ok(cases.length >= 300);
  assert.ok(cases.some((c) => c.lang === 'zh') && cases.some((c) => c.lang === 'en'));
  const score = scoreCorpus(cases);
  assert.ok(score.secretRecall >= 0.99, `secret recall ${score.secretRecall}\n${score.misses.join('\n')}`);
  assert.ok(score.overallPrecision >= 0.98, `precision ${score.overallPrecision}\n${score.misses.join('\n')}`);
  assert.ok(score.scamAccuracy >= 0.95, `scam accuracy ${score.scamAccuracy}\n${score.misses.join('\n')}`);
});
