// `npm run bench -- NAME [args]` runs bench/NAME/index.ts. Each benchmark prints JSON lines.
import { existsSync, readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const name = process.argv[2];
const available = readdirSync('bench', { withFileTypes: true }).filter((d) => d.isDirectory() && existsSync(`bench/${d.name}/index.ts`)).map((d) => d.name);
if (!name || !available.includes(name)) {
  process.stderr.write(`usage: npm run bench -- NAME\navailable: ${available.join(', ')}\n`);
  process.exit(2);
}
process.argv.splice(2, 1);
await import(pathToFileURL(`bench/${name}/index.ts`).href);
