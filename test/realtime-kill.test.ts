import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import WebSocket from 'ws';
import type { Database } from '../src/platform/db/database.js';
import { openPglite } from '../src/platform/db/pglite-database.js';
import { freshPostgres, postgresUrl } from './support/databases.js';
import { freePort } from './support/net.js';

/**
 * The server is SIGKILLed in the middle of a stream of messages from several customers, then
 * started again on the same database; the customers reconnect, resume, and send again what was
 * not acked, with the same client ids. Every acked message must be stored, once, with the seq its
 * ack named, and every conversation's seqs must run 1..n.
 *
 * PGlite survives SIGKILL, as this test shows: it mounts DATA_DIR with Emscripten's NODEFS, so
 * every write (the WAL flushed at commit included) is a write on the host file, which a killed
 * process cannot take back; on restart PostgreSQL recovers from that WAL. (A power cut is another
 * matter, which a test on one machine cannot show.)
 */
const secret = randomBytes(32).toString('hex');
const clients = 4;
const perClient = 40;
/** Acks seen, across all clients, before the kill. */
const killAfter = 50;

function startServer(port: number, env: Record<string, string>): { child: ChildProcess; ready: Promise<void>; exited: Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', WALLET_TOKEN_SECRET: secret, REDIS_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d.toString();
      if (output.includes('WalletDesk is ready')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(() => reject(new Error(`server exited before it was ready:\n${output}`)));
  });
  return { child, ready, exited };
}

interface Ack {
  clientId: string;
  seq: number;
}

/** One customer streaming numbered messages, one in flight at a time, surviving restarts of the server. */
class Streamer {
  readonly acked: Ack[] = [];
  conversationId = '';
  resumedSeqs: number[][] = [];
  private next = 1;
  private socket: WebSocket | null = null;
  private waiting: ((frame: Record<string, unknown> | null) => void) | null = null;
  private token!: string;

  constructor(
    private readonly url: string,
    private readonly index: number,
    private readonly onAck: () => void,
  ) {}

  private async connect(): Promise<void> {
    for (;;) {
      try {
        const socket = new WebSocket(this.url);
        await new Promise<void>((resolve, reject) => {
          socket.once('open', () => resolve());
          socket.once('error', reject);
        });
        socket.on('error', () => undefined);
        socket.on('message', (data) => {
          const frame = JSON.parse(data.toString()) as Record<string, unknown>;
          if (frame.ref !== undefined) this.waiting?.(frame);
        });
        socket.on('close', () => this.waiting?.(null));
        this.socket = socket;
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  /** The reply to `frame`, or null when the socket closed first. */
  private request(frame: Record<string, unknown>): Promise<Record<string, unknown> | null> {
    return new Promise((resolve) => {
      this.waiting = resolve;
      this.socket!.send(JSON.stringify({ ...frame, ref: `${this.index}-${Date.now()}-${Math.random()}` }), (err) => err && resolve(null));
    });
  }

  /** Connects (again), authenticates and, after a reconnect, resumes from the last seq it was told. */
  private async session(): Promise<void> {
    for (;;) {
      await this.connect();
      const ready = await this.request({ type: 'auth', token: this.token });
      if (!ready || ready.type !== 'ready') continue;
      this.conversationId = (ready.conversation as { id: string }).id;
      const afterSeq = this.acked.at(-1)?.seq ?? 0;
      if (afterSeq === 0) return;
      const missed = await this.request({ type: 'resume', conversationId: this.conversationId, afterSeq });
      if (!missed || missed.type !== 'messages') continue;
      this.resumedSeqs.push([afterSeq, ...(missed.messages as { seq: number }[]).map((m) => m.seq)]);
      return;
    }
  }

  async run(): Promise<void> {
    this.token = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(`kill-${randomBytes(4).toString('hex')}-${this.index}`).setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode(secret));
    await this.session();
    while (this.next <= perClient) {
      const clientId = `c${this.index}-${this.next}`;
      const ack = await this.request({ type: 'send', clientId, text: `message ${this.next} from customer ${this.index}` });
      if (!ack) {
        // The server is gone: the same message goes again, with the same client id, once it is back.
        await this.session();
        continue;
      }
      if (ack.type === 'error' && ack.code === 'RATE_LIMITED') {
        await new Promise((r) => setTimeout(r, 200));
        continue;
      }
      assert.equal(ack.type, 'ack', JSON.stringify(ack));
      assert.equal(ack.clientId, clientId);
      this.acked.push({ clientId, seq: ack.seq as number });
      this.next += 1;
      this.onAck();
    }
    this.socket!.terminate();
  }
}

async function streamThroughKill(env: Record<string, string>, open: () => Promise<Database>): Promise<void> {
  const port = await freePort();
  let server = startServer(port, env);
  await server.ready;
  let acks = 0;
  let killed!: () => void;
  const killedOnce = new Promise<void>((resolve) => (killed = resolve));
  const streamers = Array.from({ length: clients }, (_, i) =>
    new Streamer(`ws://127.0.0.1:${port}/api/v1/realtime`, i, () => {
      acks += 1;
      if (acks === killAfter) killed();
    }),
  );
  const streaming = Promise.all(streamers.map((s) => s.run()));
  await killedOnce;
  server.child.kill('SIGKILL');
  await server.exited;
  server = startServer(port, env);
  await server.ready;
  await streaming;
  server.child.kill('SIGTERM');
  await server.exited;

  const db = await open();
  try {
    for (const s of streamers) {
      assert.equal(s.acked.length, perClient);
      assert.ok(s.resumedSeqs.length > 0, 'every client lost its connection and resumed');
      for (const [afterSeq, ...seqs] of s.resumedSeqs) assert.deepEqual(seqs, seqs.map((_, i) => afterSeq! + 1 + i), 'resume returns what followed, in order');
      const rows = await db.query<{ client_id: string; seq: string; author_type: string }>('select client_id, seq, author_type from messages where conversation_id = $1 order by seq', [s.conversationId]);
      assert.deepEqual(rows.map((r) => Number(r.seq)), rows.map((_, i) => i + 1), 'seqs run 1..n without gaps');
      const stored = rows.filter((r) => r.author_type === 'customer').map((r) => ({ clientId: r.client_id, seq: Number(r.seq) }));
      assert.deepEqual(stored, s.acked, 'exactly the acked messages, once each, with the seqs their acks named');
      const [conversation] = await db.query<{ last_seq: string }>('select last_seq from conversations where id = $1', [s.conversationId]);
      assert.equal(Number(conversation!.last_seq), rows.length);
    }
  } finally {
    await db.close();
  }
}

describe('a server killed in the middle of a stream loses no acked message and stores none twice', () => {
  test('PGlite (embedded)', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'walletdesk-kill-'));
    try {
      await streamThroughKill({ DATA_DIR: dataDir, DATABASE_URL: '' }, () => openPglite(join(dataDir, 'pg')));
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  test('PostgreSQL', { skip: !postgresUrl && 'TEST_DATABASE_URL not set' }, async () => {
    const db = await freshPostgres();
    try {
      await streamThroughKill({ DATABASE_URL: db.url }, async () => ({ ...db, close: async () => undefined }));
    } finally {
      await db.close();
    }
  });
});
