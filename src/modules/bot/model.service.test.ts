import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { trainingHash } from './model.service.js';
import { productModelOptions } from './nlu/model.js';

describe('bot: when the model is trained again', () => {
  const rows = [
    { intent: 'thanks', text: '谢谢' },
    { intent: 'greeting', text: 'hello' },
  ];

  test('the same examples in another order are the same training; another example or other options are not', () => {
    assert.equal(trainingHash(rows), trainingHash([...rows].reverse()));
    assert.notEqual(trainingHash(rows), trainingHash([...rows, { intent: 'thanks', text: 'thx' }]));
    // A release that changes how the product trains retrains the stored model at its first start.
    assert.notEqual(trainingHash(rows), trainingHash(rows, { ...productModelOptions, features: { ...productModelOptions.features!, soundWeight: 1 } }));
  });
});
