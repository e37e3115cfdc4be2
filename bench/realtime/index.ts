// Chat throughput and latency over real WebSockets on loopback, with every message persisted, on
// PGlite and (when TEST_DATABASE_URL is set) PostgreSQL, beside a bare `ws` relay measured in the
// same run with the same clients and the same message pattern: the ceiling.
// - The server under test and the load generator are separate processes (on 2 cores: one each;
//   PostgreSQL shares them), so neither measures the other's event loop.
// - BENCH_CONNECTIONS sockets are held for the whole run (1 in 20 an agent console following its
//   share of the conversations, the rest customers), and each target runs a closed loop
//   (BENCH_WINDOW sends in flight: the sustained rate) and then an open loop at a fixed rate (the
//   latency at that load): 25% of the relay's rate on PostgreSQL, 1,000/s on PGlite.
// - Afterwards the database must hold exactly the acked messages, with gap-free sequences.
// Knobs: BENCH_SECONDS, BENCH_CONNECTIONS, BENCH_WINDOW, BENCH_PGLITE_RATE, BENCH_TARGETS
// (pglite,postgres; the relay always runs), BENCH_CPU_PROF=dir (a CPU profile of each server under test, while the messages flow),
// BENCH_SERVER_FLAGS (Node/V8 flags for the server under test, e.g. "--trace-gc").
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Database } from '../../src/platform/db/database.js';
import { openPglite } from '../../src/platform/db/pglite-database.js';
import { openPostgres } from '../../src/platform/db/postgres-database.js';
import { postgresUrl } from '../../test/support/databases.js';
import { report } from '../support/report.js';
import type { LoadPlan, LoadResult } from './load.js';
import type { MemoryReport, ProbeRequest } from './probe.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 5000);
const window = Number(process.env.BENCH_WINDOW ?? 1000);
const agents = Math.max(1, Math.round(connections / 20));
const tokenSecret = randomBytes(32).toString('hex');
const only = process.env.BENCH_TARGETS?.split(',');
/** Extra V8/Node flags for the server under test (BENCH_SERVER_FLAGS, e.g. --trace-gc). */
const serverFlags = process.env.BENCH_SERVER_FLAGS?.split(' ').filter(Boolean) ?? [];
const scratch = mkdtempSync(join(tmpdir(), 'walletdesk-bench-realtime-'));

type Target = 'relay' | 'pglite' | 'postgres';

interface Run {
  load: LoadResult;
  memoryBefore: MemoryReport;
  memoryConnected: MemoryReport;
  ackedFile: string;
}

function node(script: string, args: string[], env: Record<string, string>, flags: string[] = []): ChildProcess {
  // The children's own output goes to stderr: stdout carries only the figures.
  return spawn(process.execPath, ['--expose-gc', ...flags, '--import', 'tsx', script, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 2, 2, 'ipc'] });
}

function nextMessage<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: { type: string }) => {
      if (m.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(m as T);
    };
    const onExit = (code: number | null) => reject(new Error(`child exited (${code}) before '${type}'`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

const ask = (child: ChildProcess, request: ProbeRequest) => child.send(request);

async function run(target: Target, env: Record<string, string>, paced: LoadPlan['paced']): Promise<Run> {
  const server = node(target === 'relay' ? 'bench/realtime/relay.ts' : 'bench/realtime/server.ts', [], env, target === 'relay' ? [] : serverFlags);
  const exited = new Promise((resolve) => server.once('exit', resolve));
  try {
    const { address } = await nextMessage<{ address: string }>(server, 'listening');
    const ackedFile = join(scratch, `${target}-acked.csv`);
    const plan: LoadPlan = {
      url: address,
      customers: connections - agents,
      agents,
      tokenSecret,
      agentLogin: target === 'relay' ? null : { email: 'li.na@walletdesk.local', password: 'agent-demo-2026' },
      runId: randomBytes(4).toString('hex'),
      warmupSeconds: 2,
      saturate: { seconds, window },
      paced,
      ackedFile,
    };
    const load = node('bench/realtime/load.ts', [JSON.stringify(plan)], {});
    const loadExited = new Promise((resolve) => load.once('exit', resolve));
    const weigh = async () => {
      await nextMessage(load, 'connected');
      ask(server, { type: 'memory' });
      return nextMessage<MemoryReport>(server, 'memory');
    };
    const memoryBefore = await weigh();
    load.send({ type: 'go' });
    const memoryConnected = await weigh();
    ask(server, { type: 'staff' });
    await nextMessage(server, 'staffed');
    ask(server, { type: 'profile' });
    load.send({ type: 'go' });
    const { result } = await nextMessage<{ result: LoadResult }>(load, 'result');
    await loadExited;
    ask(server, { type: 'stop' });
    await nextMessage(server, 'stopped');
    return { load: result, memoryBefore, memoryConnected, ackedFile };
  } finally {
    // A stopped server exits by itself (and writes its profile); one that failed is ended.
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (server.exitCode === null) server.kill('SIGTERM');
    await exited;
  }
}

/** The database must hold exactly what was acked: nothing lost, nothing twice, seqs 1..n. */
async function persistenceCheck(db: Database, ackedFile: string) {
  const acked = new Map<string, number>();
  let ackedTwice = 0;
  for (const line of readFileSync(ackedFile, 'utf8').split('\n')) {
    if (!line) continue;
    const [conversationId, clientId, seq] = line.split(',');
    const key = `${conversationId},${clientId}`;
    if (acked.has(key)) ackedTwice += 1;
    acked.set(key, Number(seq));
  }
  // Every message counts for the sequence (the bot greets, too); customers' for the comparison.
  const rows = await db.query<{ conversation_id: string; client_id: string; seq: string; author_type: string }>('select conversation_id::text, client_id, seq, author_type from messages order by conversation_id, seq');
  let missing = acked.size;
  let extra = 0;
  let seqMismatch = 0;
  let gaps = 0;
  let previous = { conversation: '', seq: 0 };
  let stored = 0;
  for (const row of rows) {
    const seq = Number(row.seq);
    const expected = row.conversation_id === previous.conversation ? previous.seq + 1 : 1;
    if (seq !== expected) gaps += 1;
    previous = { conversation: row.conversation_id, seq };
    if (row.author_type !== 'customer') continue;
    stored += 1;
    const ackedSeq = acked.get(`${row.conversation_id},${row.client_id}`);
    if (ackedSeq === undefined) extra += 1;
    else {
      missing -= 1;
      if (ackedSeq !== seq) seqMismatch += 1;
    }
  }
  return { acked: acked.size, stored, missing, extra, ackedTwice, seqMismatch, gaps, ok: missing === 0 && extra === 0 && ackedTwice === 0 && seqMismatch === 0 && gaps === 0 };
}

const commonEnv = { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'production', SEED_DEMO: 'true', WALLET_TOKEN_SECRET: tokenSecret, REDIS_URL: '' };
const perConnection = (r: Run) => {
  const added = r.memoryConnected.connections - r.memoryBefore.connections;
  return {
    heapBytes: Math.round((r.memoryConnected.heapUsed + r.memoryConnected.external - r.memoryBefore.heapUsed - r.memoryBefore.external) / added),
    rssBytes: Math.round((r.memoryConnected.rss - r.memoryBefore.rss) / added),
  };
};

try {
  // Its open loop runs at 25% of its own closed-loop rate: the load PostgreSQL is quoted at.
  const relay = await run('relay', {}, { seconds, ofSaturated: 0.25 });
  const ceiling = relay.load.phases.saturated.perSecond;
  const postgresRate = relay.load.phases.paced.offered;
  const pgliteRate = Number(process.env.BENCH_PGLITE_RATE ?? 1000);
  report('realtime', {
    backend: 'relay',
    figure: 'messages_per_second',
    value: ceiling,
    unit: 'msg/s',
    connectionsHeld: relay.memoryConnected.connections,
    deliverMs: { p50: relay.load.phases.saturated.deliverP50, p99: relay.load.phases.saturated.deliverP99 },
    deliverMsAtQuarter: { rate: relay.load.phases.paced.perSecond, p50: relay.load.phases.paced.deliverP50, p99: relay.load.phases.paced.deliverP99 },
    memoryPerConnection: perConnection(relay),
    window,
    seconds,
  });

  const targets = (postgresUrl ? (['pglite', 'postgres'] as const) : (['pglite'] as const)).filter((t) => !only || only.includes(t));
  if (!postgresUrl) process.stderr.write('TEST_DATABASE_URL not set: PostgreSQL figures skipped\n');
  for (const target of targets) {
    let db: Database;
    let env: Record<string, string>;
    let cleanup: () => Promise<void>;
    let result: Run;
    if (target === 'pglite') {
      const dataDir = join(scratch, 'data');
      env = { ...commonEnv, DATA_DIR: dataDir, DATABASE_URL: '' };
      result = await run(target, env, { seconds, perSecond: pgliteRate });
      db = await openPglite(join(dataDir, 'pg'));
      cleanup = () => db.close();
    } else {
      const name = `wd_bench_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: postgresUrl });
      await admin.connect();
      await admin.query(`create database ${name}`);
      const url = new URL(postgresUrl!);
      url.pathname = `/${name}`;
      env = { ...commonEnv, DATABASE_URL: url.toString() };
      try {
        result = await run(target, env, { seconds, perSecond: postgresRate });
      } catch (err) {
        await admin.query(`drop database if exists ${name} with (force)`);
        throw err;
      }
      db = await openPostgres(url.toString(), 2);
      cleanup = async () => {
        await db.close();
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      };
    }
    try {
      const { saturated, paced } = result.load.phases;
      const ratio = Number((saturated.perSecond / ceiling).toFixed(3));
      const throughputMet = target === 'postgres' ? ratio >= 0.25 : saturated.perSecond >= 1000;
      report('realtime', {
        backend: target,
        figure: 'persisted_messages_per_second',
        value: saturated.perSecond,
        unit: 'msg/s',
        relay: ceiling,
        ratioToRelay: ratio,
        target: target === 'postgres' ? '>= 0.25 x relay' : '>= 1000',
        met: throughputMet,
        connectionsHeld: result.memoryConnected.connections,
        closedEarly: result.load.closedEarly,
        ...(result.load.closedEarly ? { closeCodes: result.load.closeCodes } : {}),
        deliverMsAtSaturation: { p50: saturated.deliverP50, p99: saturated.deliverP99 },
        errors: result.load.errors,
        otherFrames: result.load.otherFrames,
        window,
        seconds,
      });
      report('realtime', {
        backend: target,
        figure: 'send_to_deliver_ms',
        offeredPerSecond: paced.offered,
        achievedPerSecond: paced.perSecond,
        p50: paced.deliverP50,
        p99: paced.deliverP99,
        ackP50: paced.ackP50,
        ackP99: paced.ackP99,
        backlogged: paced.backlogged,
        relayAtSameRate: target === 'postgres' ? { p50: relay.load.phases.paced.deliverP50, p99: relay.load.phases.paced.deliverP99 } : undefined,
        target: target === 'postgres' ? 'p99 < 100' : undefined,
        met: target === 'postgres' ? paced.deliverP99 < 100 && paced.backlogged === 0 : undefined,
      });
      report('realtime', { backend: target, figure: 'memory_per_connection', unit: 'bytes', ...perConnection(result), connections: result.memoryConnected.connections, relay: perConnection(relay) });
      report('realtime', { backend: target, figure: 'persistence_check', delivered: result.load.delivered, ...(await persistenceCheck(db, result.ackedFile)) });
    } finally {
      await cleanup();
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
