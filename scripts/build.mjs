// Compiles the server and copies the files it reads at run time (SQL migrations, seed content).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const assetPattern = /\.(sql|md|json|csv|txt)$/;

function copyAssets(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) copyAssets(path);
    else if (assetPattern.test(name)) {
      const target = join('dist', relative('src', path));
      mkdirSync(dirname(target), { recursive: true });
      cpSync(path, target);
    }
  }
}

execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
copyAssets('src');
writeFileSync('dist/.build-stamp', new Date().toISOString());
