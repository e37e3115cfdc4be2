// `npm start` calls this: it builds only when a source file is newer than the last build, so a
// second start costs nothing.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newest(dir) {
  let latest = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    latest = Math.max(latest, stat.isDirectory() ? newest(path) : stat.mtimeMs);
  }
  return latest;
}

const stamp = 'dist/.build-stamp';
const sources = ['src', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'].filter(existsSync);
const sourceTime = Math.max(...sources.map((s) => (statSync(s).isDirectory() ? newest(s) : statSync(s).mtimeMs)));
if (!existsSync(stamp) || statSync(stamp).mtimeMs < sourceTime) {
  process.stdout.write('Building WalletDesk...\n');
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
}
