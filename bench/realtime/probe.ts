// The IPC side of a server under test (the WalletDesk server or the bare relay): it announces
// where it listens, reports its memory after a full collection on request, profiles the run (with
// BENCH_CPU_PROF=dir: from the first message sent to the stop, so set-up is left out), and stops.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
export interface Probe {
  address: string;
  connections: () => number;
  /** Hands every open conversation to an agent, as a staffed queue would. */
  staff?: () => Promise<void>;
  stop: () => Promise<void>;
}

export interface MemoryReport {
  connections: number;
  heapUsed: number;
  rss: number;
  external: number;
}

export type ProbeRequest = { type: 'memory' } | { type: 'staff' } | { type: 'profile' } | { type: 'stop' };
export type ProbeReply = { type: 'listening'; address: string } | ({ type: 'memory' } & MemoryReport) | { type: 'staffed' } | { type: 'stopped' };

/**
 * Resolves once the event loop has been nearly idle for half a second (at most 30 s): connecting
 * thousands of sockets leaves the server busy for a while afterwards (contacts, conversations,
 * events), and what is in flight survives a collection.
 */
async function settled(): Promise<void> {
  const until = performance.now() + 30_000;
  let since = performance.eventLoopUtilization();
  while (performance.now() < until) {
    await new Promise((r) => setTimeout(r, 500));
    const now = performance.eventLoopUtilization();
    if (performance.eventLoopUtilization(now, since).utilization < 0.05) return;
    since = now;
  }
}

export function serveProbe(probe: Probe): void {
  const send = (reply: ProbeReply) => process.send!(reply);
  if (typeof globalThis.gc !== 'function') throw new Error('run with --expose-gc');
  const profiles = process.env.BENCH_CPU_PROF;
  const inspector = new Session();
  process.on('message', (request: ProbeRequest) => {
    if (request.type === 'staff') {
      void (probe.staff?.() ?? Promise.resolve()).then(() => send({ type: 'staffed' }));
    } else if (request.type === 'profile') {
      if (!profiles) return;
      inspector.connect();
      void inspector.post('Profiler.enable').then(() => inspector.post('Profiler.start'));
    } else if (request.type === 'memory') {
      void settled().then(() => {
        globalThis.gc!();
        const m = process.memoryUsage();
        // `external` already includes `arrayBuffers` (Node's Buffers).
        send({ type: 'memory', connections: probe.connections(), heapUsed: m.heapUsed, rss: m.rss, external: m.external });
      });
    } else {
      const profiled = profiles
        ? inspector.post('Profiler.stop').then(({ profile }) => writeFileSync(join(profiles, `${process.argv[1]!.split('/').pop()}-${process.pid}.cpuprofile`), JSON.stringify(profile)), () => undefined)
        : Promise.resolve();
      void profiled.then(() => probe.stop()).then(() => {
        send({ type: 'stopped' });
        process.disconnect();
      });
    }
  });
  send({ type: 'listening', address: probe.address });
}
