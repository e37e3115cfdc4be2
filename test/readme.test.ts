import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { configTable } from '../scripts/config-table.js';

test('the README configuration table is the one generated from the config schema', () => {
  const readme = readFileSync('README.md', 'utf8');
  assert.ok(readme.includes(configTable()), 'run `npm run docs:config` and paste its output into README.md');
});

test('the README shows how to run and test, and CI runs the same test command', () => {
  const readme = readFileSync('README.md', 'utf8');
  assert.ok(readme.includes('npm install && npm start'));
  assert.ok(readme.includes('npm test'));
  assert.match(readFileSync('.ci/run', 'utf8'), /^npm test$/m);
});

test('every error code is documented in docs/api.md', async () => {
  const { errorStatus } = await import('../src/platform/http/app-error.js');
  const doc = readFileSync('docs/api.md', 'utf8');
  const missing = Object.keys(errorStatus).filter((code) => !doc.includes(`\`${code}\``));
  assert.deepEqual(missing, []);
});
