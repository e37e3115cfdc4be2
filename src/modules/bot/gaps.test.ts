import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { clusterGaps } from './gaps.js';

describe('knowledge gaps', () => {
  test('similar unanswered questions form one group, the biggest first, languages apart', () => {
    const gaps = [
      { text: '数字人民币怎么开通', language: 'zh-CN' },
      { text: 'can I pay with apple pay', language: 'en' },
      { text: '数字人民币钱包怎么开通啊', language: 'zh-CN' },
      { text: '怎么开通数字人民币', language: 'zh-CN' },
      { text: 'does it support apple pay?', language: 'en' },
      { text: '能开发票吗', language: 'zh-CN' },
    ];
    const clusters = clusterGaps(gaps);
    assert.equal(clusters[0]!.items.length, 3);
    assert.equal(clusters[0]!.representative.text, '数字人民币怎么开通');
    assert.equal(clusters[1]!.items.length, 2);
    assert.equal(clusters[1]!.representative.language, 'en');
    assert.equal(clusters.length, 3);
  });
});
