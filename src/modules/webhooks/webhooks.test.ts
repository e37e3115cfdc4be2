import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../platform/http/app-error.js';
import { checkEndpointUrl, MAX_RETRY_DELAY_MS, retryDelayMs, sign, signatureHeader, subscribes, truncate } from './webhooks.js';

test('the signature covers the secret, the timestamp and every byte of the body', () => {
  const base = sign('whsec_a', 1700000000, '{"id":"1"}');
  assert.match(base, /^[0-9a-f]{64}$/);
  assert.equal(sign('whsec_a', 1700000000, '{"id":"1"}'), base, 'deterministic');
  assert.notEqual(sign('whsec_b', 1700000000, '{"id":"1"}'), base);
  assert.notEqual(sign('whsec_a', 1700000001, '{"id":"1"}'), base);
  assert.notEqual(sign('whsec_a', 1700000000, '{"id":"1" }'), base);
});

test('during a rotation the header carries one v1 signature per secret, the current one first', () => {
  const header = signatureHeader(['new', 'old'], 1, 'body');
  assert.deepEqual(header.split(','), [`v1=${sign('new', 1, 'body')}`, `v1=${sign('old', 1, 'body')}`]);
});

test('retry delays grow with every failure despite the jitter, and stop growing at the cap', () => {
  for (let failed = 1; failed < 8; failed++) {
    const longestNow = retryDelayMs(failed, 1000, 0.9999);
    const shortestNext = retryDelayMs(failed + 1, 1000, 0);
    assert.ok(shortestNext > longestNow, `attempt ${failed + 1}: ${shortestNext} <= ${longestNow}`);
  }
  assert.equal(retryDelayMs(1, 1000, 0), 1000);
  assert.equal(retryDelayMs(1, 1000, 0.5), 1250);
  assert.equal(retryDelayMs(40, 60_000, 1), MAX_RETRY_DELAY_MS);
});

test('an endpoint receives the events it names, or all of them with *', () => {
  assert.equal(subscribes(['message.created'], 'message.created'), true);
  assert.equal(subscribes(['message.created'], 'conversation.assigned'), false);
  assert.equal(subscribes(['*'], 'conversation.assigned'), true);
});

test('endpoint addresses: http(s) only, no credentials, with a reason for the refusal', () => {
  assert.equal(checkEndpointUrl('https://hooks.example.com/walletdesk'), 'https://hooks.example.com/walletdesk');
  assert.equal(checkEndpointUrl('http://127.0.0.1:9000'), 'http://127.0.0.1:9000/');
  const reasonOf = (url: string) => {
    try {
      checkEndpointUrl(url);
      return 'accepted';
    } catch (err) {
      assert.ok(err instanceof AppError && err.code === 'WEBHOOK_URL_INVALID');
      return err.details?.reason;
    }
  };
  assert.equal(reasonOf('hooks.example.com/path'), 'not_a_url');
  assert.equal(reasonOf('ftp://hooks.example.com/'), 'scheme');
  assert.equal(reasonOf('javascript:alert(1)'), 'scheme');
  assert.equal(reasonOf('https://user:pw@hooks.example.com/'), 'credentials');
});

test('long receiver answers are cut to a bounded length', () => {
  assert.equal(truncate('short'), 'short');
  assert.equal(truncate('x'.repeat(2000)).length, 500);
});
