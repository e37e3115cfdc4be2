// Time from `walletdesk serve` to a 200 from /readyz: first start on an empty DATA_DIR
// (initdb + migrations + demo seed) and a restart on the same data (the target: under 5 s).
// Baseline in the same run: a bare fastify server answering /readyz, the floor of Node start-up.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { report } from '../support/report.js';
import { freePort } from '../../test/support/net.js';

const runs = Number(process.env.BENCH_RUNS ?? 3);

async function timeToReady(args: string[], env: Record<string, string>): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' }, stdio: 'ignore' });
  try {
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status === 200, () => false);
      if (ok) return performance.now() - started;
      if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}`);
      if (performance.now() - started > 120_000) throw new Error('not ready after 120 s');
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.on('exit', r));
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

execFileSync(process.execPath, ['scripts/build-if-stale.mjs'], { stdio: 'inherit' });

const scratch = mkdtempSync(join(tmpdir(), 'walletdesk-bench-'));
const bare = join(scratch, 'bare.mjs');
writeFileSync(bare, `import Fastify from '${join(process.cwd(), 'node_modules/fastify/fastify.js')}';
const app = Fastify(); app.get('/readyz', async () => ({ status: 'ready' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));`);

const first: number[] = [];
const again: number[] = [];
const baseline: number[] = [];
try {
  for (let i = 0; i < runs; i++) {
    const dataDir = join(scratch, `data-${i}`);
    first.push(await timeToReady(['dist/main.js', 'serve'], { DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: '' }));
    again.push(await timeToReady(['dist/main.js', 'serve'], { DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: '' }));
    baseline.push(await timeToReady([bare], {}));
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

report('startup', { figure: 'time_to_ready_restart', value: Math.round(median(again)), unit: 'ms', runs, target_ms: 5000, baseline_bare_fastify_ms: Math.round(median(baseline)) });
report('startup', { figure: 'time_to_ready_first_start', value: Math.round(median(first)), unit: 'ms', runs, note: 'includes initdb, migrations and demo seed', baseline_bare_fastify_ms: Math.round(median(baseline)) });
