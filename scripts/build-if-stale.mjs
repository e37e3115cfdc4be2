// `npm start` and `npm test` call this: it builds only what is older than its sources, so a second
// start costs nothing. `--web` checks the web apps only (tests run the server from source).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { webApps } from './web-apps.mjs';

function newest(path, skip = []) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const name of readdirSync(path)) {
    if (!skip.includes(name)) latest = Math.max(latest, newest(join(path, name), skip));
  }
  return latest;
}

const stale = (stamp, sources, skip) => !existsSync(stamp) || statSync(stamp).mtimeMs < Math.max(...sources.filter(existsSync).map((s) => newest(s, skip)));

const webOnly = process.argv.includes('--web');
if (!webOnly && stale('dist/.build-stamp', ['src', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'])) {
  process.stdout.write('Building WalletDesk...\n');
  execFileSync('npm', ['run', '--silent', 'build:server'], { stdio: 'inherit' });
}

// Each app builds into web/<app>/dist; shared tokens and the lock file count as sources of all.
const staleApps = webApps().filter((app) => stale(join('web', app, 'dist', '.build-stamp'), [join('web', app), 'web/shared', 'package-lock.json'], ['dist', 'node_modules']));
if (staleApps.length > 0) {
  process.stdout.write(`Building web apps: ${staleApps.join(', ')}...\n`);
  execFileSync(process.execPath, ['scripts/build-web.mjs', ...staleApps], { stdio: 'inherit' });
}
