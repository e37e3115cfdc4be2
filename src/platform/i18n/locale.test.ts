import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pickLocale } from './locale.js';

test('pickLocale follows Accept-Language and its q-values', () => {
  assert.equal(pickLocale(undefined), 'zh-CN');
  assert.equal(pickLocale('en-US,en;q=0.9'), 'en');
  assert.equal(pickLocale('zh-TW,zh;q=0.9,en;q=0.8'), 'zh-CN');
  assert.equal(pickLocale('fr-FR, en;q=0.5, zh;q=0.7'), 'zh-CN');
  assert.equal(pickLocale('fr-FR, en;q=0.8, zh;q=0.7'), 'en');
  assert.equal(pickLocale('de'), 'zh-CN');
  assert.equal(pickLocale('en;q=0, zh'), 'zh-CN');
});
