#!/usr/bin/env node
// Runs the compiled CLI. In a source checkout it first rebuilds if any source changed, so the
// command never runs stale code.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
if (existsSync(`${root}src/main.ts`)) {
  execFileSync(process.execPath, ['scripts/build-if-stale.mjs'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}
await import(pathToFileURL(`${root}dist/main.js`).href);
