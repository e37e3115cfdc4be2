// The single test entry: unit tests beside the code and integration tests under test/ run in one
// process, so the migrated template database is built once and cloned per file.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

function findTests(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) findTests(path, out);
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const filter = process.env.TEST_FILTER;
const files = [...findTests('src'), ...findTests('test')].sort().filter((f) => !filter || f.includes(filter));
for (const file of files) {
  if (process.env.DEBUG_TESTS) process.stderr.write(`loading ${relative('.', file)}\n`);
  await import(pathToFileURL(file).href);
}
