// The load generator, in its own process so that it does not share the server's event loop. The
// same clients and the same message pattern run against WalletDesk and against the bare relay:
// customers (one socket each, as the widget holds it) send, the agent consoles (each following a
// share of the conversations) receive every message. Send-to-deliver is measured from the
// customer's send to the agent socket receiving the push.
import { writeFileSync } from 'node:fs';
import { SignJWT } from 'jose';
import WebSocket from 'ws';
import { percentile } from '../support/report.js';

export interface LoadPlan {
  url: string;
  customers: number;
  agents: number;
  /** Signs wallet customer tokens as the wallet app would; the relay takes any token. */
  tokenSecret: string;
  /** The console sign-in the agent sockets carry; none for the relay. */
  agentLogin: { email: string; password: string } | null;
  /** Unique per run, so every customer starts a new conversation. */
  runId: string;
  warmupSeconds: number;
  /** Closed loop: this many sends in flight at all times, spread over all customers. */
  saturate: { seconds: number; window: number };
  /** Open loop: sends at a fixed rate (or a share of this run's closed-loop rate), the load at which latency is quoted. */
  paced: { seconds: number; perSecond: number } | { seconds: number; ofSaturated: number };
  ackedFile: string;
}

export interface PhaseResult {
  seconds: number;
  /** The open loop's rate; 0 for the closed loop. */
  offered: number;
  acked: number;
  perSecond: number;
  deliverP50: number;
  deliverP99: number;
  ackP50: number;
  ackP99: number;
  /** Sends the generator could not start on time because every customer still waited for an ack. */
  backlogged: number;
}

export interface LoadResult {
  connected: number;
  setupSeconds: number;
  phases: { saturated: PhaseResult; paced: PhaseResult };
  acked: number;
  delivered: number;
  errors: Record<string, number>;
  otherFrames: Record<string, number>;
  closedEarly: number;
  /** Sockets closed before the end, by close code (1006: dropped without a close frame). */
  closeCodes: Record<string, number>;
}

type LoadMessage = { type: 'connected'; connections: number } | { type: 'result'; result: LoadResult };

const texts = ['充值还没到账，订单号 20261124-8837', 'my transfer to my brother is still pending', '提现失败了怎么办？', 'why was my payment declined at the supermarket', '我想问一下每日转账限额是多少', 'hello, is anyone there?'];

const plan = JSON.parse(process.argv[2]!) as LoadPlan;
const wsUrl = `${plan.url.replace(/^http/, 'ws')}/api/v1/realtime`;
const tell = (m: LoadMessage) => process.send!(m);

interface Customer {
  index: number;
  socket: WebSocket;
  conversationId: string;
  inflight: string | null;
  sentAt: number;
  sent: number;
  frame: string;
}

/** Resolves with the reply carrying `ref`; only used while setting up. */
function request(socket: WebSocket, frame: Record<string, unknown>): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const onMessage = (data: WebSocket.RawData) => {
      const reply = JSON.parse(data.toString()) as Record<string, unknown>;
      if (reply.ref !== frame.ref) return;
      socket.off('message', onMessage);
      if (reply.type === 'error') reject(new Error(`${String(frame.type)}: ${String(reply.code)}`));
      else resolve(reply);
    };
    socket.on('message', onMessage);
    socket.send(JSON.stringify(frame));
  });
}

function open(headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl, { headers, perMessageDeflate: false });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Runs `fn` over `items`, `width` at a time. */
async function pool<T, R>(items: T[], width: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  }));
  return out;
}

async function agentCookie(): Promise<string> {
  if (!plan.agentLogin) return '';
  const res = await fetch(`${plan.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(plan.agentLogin) });
  if (res.status !== 200) throw new Error(`agent sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('wd_session='));
  return cookie!.split(';')[0]!;
}

const setupStarted = performance.now();
const key = new TextEncoder().encode(plan.tokenSecret);
async function connectCustomer(index: number): Promise<Customer> {
  const token = await new SignJWT({ name: `Bench ${index}` }).setProtectedHeader({ alg: 'HS256' }).setSubject(`bench-${plan.runId}-${index}`).setIssuedAt().setExpirationTime('2h').sign(key);
  const socket = await open({});
  const ready = await request(socket, { type: 'auth', ref: 'auth', token });
  return { index, socket, conversationId: (ready.conversation as { id: string }).id, inflight: null, sentAt: 0, sent: 0, frame: '' };
}
// In two steps, so that the bench can weigh the server between them: what the second step adds
// is the cost of connections alone, without start-up and first-use allocations.
const firstStep = Math.ceil(plan.customers / 5);
const customers = await pool(Array.from({ length: firstStep }, (_, i) => i), 100, connectCustomer);
tell({ type: 'connected', connections: customers.length });
await new Promise((resolve) => process.once('message', resolve));
customers.push(...(await pool(Array.from({ length: plan.customers - firstStep }, (_, i) => firstStep + i), 100, connectCustomer)));
const cookie = await agentCookie();
const agents = await pool(Array.from({ length: plan.agents }, (_, i) => i), 50, async (index) => {
  const socket = await open(cookie ? { cookie } : {});
  // Within the per-connection burst: a console follows a few dozen conversations at most.
  for (let c = index; c < customers.length; c += plan.agents) await request(socket, { type: 'agent.follow', ref: `f${c}`, conversationId: customers[c]!.conversationId });
  return socket;
});
const setupSeconds = (performance.now() - setupStarted) / 1000;

// --- the run ---

interface Phase {
  name: string;
  started: number;
  ended: number;
  acked: number;
  deliver: number[];
  ack: number[];
  backlogged: number;
  offered: number;
}

const errors: Record<string, number> = {};
/** Frames customers received besides acks and message pushes, by type: what else the server sends. */
const otherFrames: Record<string, number> = {};
const ackedRows: string[] = [];
/** clientId -> send time and phase, until the agent socket receives the push. */
const awaitingDelivery = new Map<string, { at: number; phase: Phase }>();
let phase: Phase = newPhase('setup');
let closedLoop = false;
let inflight = 0;
let delivered = 0;
let closedEarly = 0;
const closeCodes: Record<string, number> = {};
let cursor = 0;
let stopping = false;

function newPhase(name: string, offered = 0): Phase {
  return { name, started: performance.now(), ended: 0, acked: 0, deliver: [], ack: [], backlogged: 0, offered };
}

/** The next customer with nothing in flight, round-robin, so every customer sends at the same pace. */
function idleCustomer(): Customer | undefined {
  for (let scanned = 0; scanned < customers.length; scanned++) {
    const c = customers[cursor]!;
    cursor = (cursor + 1) % customers.length;
    if (!c.inflight) return c;
  }
  return undefined;
}

function send(c: Customer): void {
  c.sent += 1;
  c.inflight = `${c.index}.${c.sent}`;
  c.sentAt = performance.now();
  c.frame = JSON.stringify({ type: 'send', ref: c.sent, clientId: c.inflight, text: texts[(c.index + c.sent) % texts.length] });
  awaitingDelivery.set(c.inflight, { at: c.sentAt, phase });
  inflight += 1;
  c.socket.send(c.frame);
}

function sendNext(): void {
  const c = idleCustomer();
  if (c) send(c);
  else phase.backlogged += 1;
}

function closedBeforeTheEnd(code: number): void {
  if (stopping) return;
  closedEarly += 1;
  closeCodes[code] = (closeCodes[code] ?? 0) + 1;
}

for (const c of customers) {
  c.socket.on('message', (data: Buffer) => {
    const text = data.toString();
    // The customer's own copy of the push; the agent's copy is the one measured.
    if (text.startsWith('{"type":"message"')) return;
    const frame = JSON.parse(text) as { type: string; clientId?: string; conversationId?: string; seq?: number; code?: string };
    if (frame.type !== 'ack') otherFrames[frame.type] = (otherFrames[frame.type] ?? 0) + 1;
    if (frame.type === 'ack' && frame.clientId === c.inflight) {
      const now = performance.now();
      const sent = awaitingDelivery.get(c.inflight);
      if (sent) {
        sent.phase.acked += 1;
        sent.phase.ack.push(now - c.sentAt);
      }
      ackedRows.push(`${frame.conversationId},${frame.clientId},${frame.seq}`);
      c.inflight = null;
      inflight -= 1;
      if (closedLoop && !stopping) sendNext();
    } else if (frame.type === 'error' && c.inflight) {
      errors[frame.code!] = (errors[frame.code!] ?? 0) + 1;
      // As a client would: the same frame again, same client id, a little later.
      setTimeout(() => c.socket.send(c.frame), 50);
    }
  });
  c.socket.on('close', closedBeforeTheEnd);
}
const clientIdPattern = /"clientId":"([^"]+)"/;
for (const socket of agents) {
  socket.on('message', (data: Buffer) => {
    const text = data.toString();
    if (!text.startsWith('{"type":"message"')) return;
    const clientId = clientIdPattern.exec(text)?.[1];
    const sent = clientId ? awaitingDelivery.get(clientId) : undefined;
    if (!sent) return;
    awaitingDelivery.delete(clientId!);
    delivered += 1;
    sent.phase.deliver.push(performance.now() - sent.at);
  });
  socket.on('close', closedBeforeTheEnd);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Stops sending and waits (bounded) for every send in flight to be acked. */
async function drain(): Promise<void> {
  closedLoop = false;
  const until = performance.now() + 30_000;
  while ((inflight > 0 || awaitingDelivery.size > 0) && performance.now() < until) await sleep(20);
}

async function runClosedLoop(name: string, seconds: number, window: number): Promise<Phase> {
  phase = newPhase(name);
  closedLoop = true;
  for (let i = 0; i < window; i++) sendNext();
  await sleep(seconds * 1000);
  phase.ended = performance.now();
  const measured = phase;
  await drain();
  return measured;
}

async function runPaced(seconds: number, perSecond: number): Promise<Phase> {
  phase = newPhase('paced', perSecond);
  let sent = 0;
  const until = phase.started + seconds * 1000;
  while (performance.now() < until) {
    const due = Math.floor(((performance.now() - phase.started) / 1000) * perSecond);
    for (; sent < due; sent++) sendNext();
    await sleep(2);
  }
  phase.ended = performance.now();
  const measured = phase;
  await drain();
  return measured;
}

function summary(p: Phase): PhaseResult {
  const seconds = (p.ended - p.started) / 1000;
  const deliver = p.deliver.sort((a, b) => a - b);
  const ack = p.ack.sort((a, b) => a - b);
  const ms = (x: number) => Number(x.toFixed(1));
  return { seconds: ms(seconds), offered: p.offered, acked: p.acked, perSecond: Math.round(p.acked / seconds), deliverP50: ms(percentile(deliver, 50)), deliverP99: ms(percentile(deliver, 99)), ackP50: ms(percentile(ack, 50)), ackP99: ms(percentile(ack, 99)), backlogged: p.backlogged };
}

tell({ type: 'connected', connections: customers.length + agents.length });
await new Promise((resolve) => process.once('message', resolve));
await runClosedLoop('warmup', plan.warmupSeconds, plan.saturate.window);
const saturated = await runClosedLoop('saturated', plan.saturate.seconds, plan.saturate.window);
const paced = await runPaced(plan.paced.seconds, 'perSecond' in plan.paced ? plan.paced.perSecond : Math.ceil(summary(saturated).perSecond * plan.paced.ofSaturated));
stopping = true;
writeFileSync(plan.ackedFile, `${ackedRows.join('\n')}\n`);
tell({ type: 'result', result: { connected: customers.length + agents.length, setupSeconds: Number(setupSeconds.toFixed(1)), phases: { saturated: summary(saturated), paced: summary(paced) }, acked: ackedRows.length, delivered, errors, otherFrames, closedEarly, closeCodes } });
for (const socket of [...customers.map((c) => c.socket), ...agents]) socket.terminate();
process.disconnect();
