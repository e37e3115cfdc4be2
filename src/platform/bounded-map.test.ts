import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BoundedMap } from './bounded-map.js';

test('a bounded map forgets the oldest entry beyond its size, and replacing does not evict', () => {
  const m = new BoundedMap<string, number>(2);
  m.set('a', 1).set('b', 2);
  m.set('a', 10);
  assert.deepEqual([...m.entries()], [['a', 10], ['b', 2]]);
  m.set('c', 3);
  assert.deepEqual([...m.keys()], ['b', 'c']);
});
