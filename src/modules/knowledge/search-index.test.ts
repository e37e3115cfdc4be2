import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createSearchIndex, type IndexedText } from './search-index.js';

const doc = (articleId: string, over: Partial<IndexedText> = {}): IndexedText => ({
  articleId,
  lang: 'zh-CN',
  title: '标题',
  questions: [],
  tags: [],
  body: '',
  categoryId: 'c',
  status: 'published',
  ...over,
});

describe('search index', () => {
  test('Chinese words, Traditional characters and cross-language synonyms find the same article', () => {
    const index = createSearchIndex();
    index.put(doc('top-up', { title: '充值后没有到账怎么办', body: '银行卡充值一般 30 分钟内到账。' }));
    index.put(doc('pin', { title: '忘记支付密码', body: '在安全中心重置支付密码。' }));
    assert.equal(index.search({ q: '儲值沒到帳' })[0]?.articleId, 'top-up');
    assert.equal(index.search({ q: 'recharge' })[0]?.articleId, 'top-up');
    assert.equal(index.search({ q: '支付密码忘了' })[0]?.articleId, 'pin');
  });

  test('English typos and word forms are forgiven; Chinese is not fuzzily matched', () => {
    const index = createSearchIndex();
    index.put(doc('wd', { lang: 'en', title: 'Withdraw to your bank card', body: 'Withdrawals usually arrive within 30 minutes.' }));
    index.put(doc('wrong', { title: '转错人了', body: '联系对方退回。' }));
    assert.equal(index.search({ q: 'withdrawl arived', lang: 'en' })[0]?.articleId, 'wd');
    assert.equal(index.search({ q: '转错', lang: 'zh-CN' })[0]?.articleId, 'wrong');
    assert.equal(index.search({ q: '专错', lang: 'zh-CN' }).length, 0);
  });

  test('drafts are hidden unless asked for; archived never show; replace and remove take effect at once', () => {
    const index = createSearchIndex();
    index.put(doc('a', { title: '冻结账户', status: 'draft' }));
    assert.equal(index.search({ q: '冻结' }).length, 0);
    assert.equal(index.search({ q: '冻结', includeDrafts: true }).length, 1);
    index.put(doc('a', { title: '冻结账户', status: 'archived' }));
    assert.equal(index.search({ q: '冻结', includeDrafts: true }).length, 0);
    index.put(doc('a', { title: '解冻账户' }));
    assert.equal(index.search({ q: '解冻' })[0]?.articleId, 'a');
    index.remove('a', 'zh-CN');
    assert.equal(index.search({ q: '解冻' }).length, 0);
    assert.equal(index.size, 0);
  });

  test('a word nearly every document holds is left out of a query that has other words, counted exactly across removals', () => {
    const index = createSearchIndex();
    for (let i = 0; i < 80; i++) index.put(doc(`w${i}`, { body: '钱包' }));
    index.put(doc('frozen', { body: '钱包 冻结' }));
    const hits = (q: string) => index.search({ q, limit: 200 }).map((h) => h.articleId);
    assert.deepEqual(hits('钱包 冻结'), ['frozen'], 'the common word no longer pulls in every document');
    assert.equal(hits('钱包').length, 81, 'alone, a common word is still searched');
    for (let i = 0; i < 60; i++) index.remove(`w${i}`, 'zh-CN');
    assert.equal(hits('钱包 冻结').length, 21, 'with few documents left the word counts again');
  });

  test('highlights are escaped and mark matched words only', () => {
    const index = createSearchIndex();
    index.put(doc('r', { lang: 'en', title: 'Refunds <b>fast</b>', body: 'Your refund arrived & was credited.' }));
    const [hit] = index.search({ q: 'refund', lang: 'en' });
    assert.equal(hit?.titleHtml, '<mark>Refunds</mark> &lt;b&gt;fast&lt;/b&gt;');
    assert.match(hit!.snippetHtml, /Your <mark>refund<\/mark> arrived &amp; was credited\./);
  });
});
