// Builds the browser apps: every web/<app>/vite.config.ts into web/<app>/dist (all of them, or the
// ones named on the command line), and stamps each build so `build-if-stale` can skip it next time.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { webApps } from './web-apps.mjs';

const named = process.argv.slice(2);
const apps = webApps().filter((app) => named.length === 0 || named.includes(app));
for (const app of apps) {
  await build({ configFile: join('web', app, 'vite.config.ts'), logLevel: 'warn' });
  writeFileSync(join('web', app, 'dist', '.build-stamp'), new Date().toISOString());
}
