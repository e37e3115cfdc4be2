import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ticketCategoryLabels } from '../../platform/i18n/ticket-categories.js';
import { ticketCategories } from './tickets.js';

describe('ticket categories', () => {
  test('every issue type has its label in both languages, and no label is left over', () => {
    for (const labels of Object.values(ticketCategoryLabels)) assert.deepEqual(Object.keys(labels).sort(), [...ticketCategories].sort());
  });
});
