// `npm run dev`: the server from source with restart on change, and a Vite dev server with hot
// reload for each web app (web/<app>/vite.config.ts), proxying the API to the server.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createServer } from 'vite';
import { webApps } from './web-apps.mjs';

const server = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'watch', 'src/main.ts', 'serve'], { stdio: 'inherit' });
const devServers = [];
for (const app of webApps()) {
  const vite = await createServer({ configFile: join('web', app, 'vite.config.ts') });
  await vite.listen();
  devServers.push(vite);
  process.stdout.write(`  ${app.padEnd(8)} hot reload at ${vite.resolvedUrls?.local[0] ?? ''}\n`);
}

const stop = async () => {
  server.kill('SIGTERM');
  await Promise.all(devServers.map((vite) => vite.close()));
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.on('exit', (code) => process.exit(code ?? 0));
