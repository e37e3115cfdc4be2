// The ceiling: a bare `ws` server speaking the same frames for the same clients, with nothing
// behind it (no identity, no guard, no database). It parses each frame, acks it with a sequence
// number and pushes it to every socket following the conversation, as WalletDesk does.
import { randomUUID } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { serveProbe } from './probe.js';

const topics = new Map<string, Set<WebSocket>>();
const lastSeq = new Map<string, number>();

type Frame = { type: string; ref?: unknown; conversationId?: string; clientId?: string; text?: string };

interface State {
  conversationId?: string;
  topics: Set<string>;
}

function follow(socket: WebSocket, state: State, conversationId: string): void {
  let set = topics.get(conversationId);
  if (!set) topics.set(conversationId, (set = new Set()));
  set.add(socket);
  state.topics.add(conversationId);
}

function handle(socket: WebSocket, state: State, frame: Frame): void {
  const reply = (r: Record<string, unknown>) => socket.send(JSON.stringify({ ...r, ref: frame.ref }));
  if (frame.type === 'auth') {
    state.conversationId = randomUUID();
    follow(socket, state, state.conversationId);
    return reply({ type: 'ready', identity: { kind: 'customer' }, conversation: { id: state.conversationId, status: 'bot', channel: 'web', language: 'zh-CN', lastSeq: 0 } });
  }
  if (frame.type === 'agent.follow') {
    follow(socket, state, frame.conversationId!);
    return reply({ type: 'status', conversation: { id: frame.conversationId, status: 'bot', channel: 'web', language: 'zh-CN', lastSeq: lastSeq.get(frame.conversationId!) ?? 0 } });
  }
  if (frame.type === 'send') {
    const conversationId = state.conversationId!;
    const seq = (lastSeq.get(conversationId) ?? 0) + 1;
    lastSeq.set(conversationId, seq);
    const message = { id: randomUUID(), conversationId, seq, clientId: frame.clientId, author: 'customer', kind: 'text', text: frame.text, payload: {}, createdAt: new Date().toISOString() };
    reply({ type: 'ack', clientId: frame.clientId, messageId: message.id, conversationId, seq, duplicate: false });
    const push = JSON.stringify({ type: 'message', message });
    for (const peer of topics.get(conversationId) ?? []) peer.send(push);
    return;
  }
  reply({ type: 'error', code: 'UNKNOWN_FRAME' });
}

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: 64 * 1024 });
await new Promise((resolve) => wss.once('listening', resolve));
wss.on('connection', (socket) => {
  const state: State = { topics: new Set() };
  socket.on('message', (data) => handle(socket, state, JSON.parse(data.toString()) as Frame));
  socket.on('close', () => {
    for (const topic of state.topics) topics.get(topic)?.delete(socket);
  });
});
const { port } = wss.address() as { port: number };
serveProbe({
  address: `http://127.0.0.1:${port}`,
  connections: () => wss.clients.size,
  stop: () => new Promise<void>((resolve) => {
    for (const socket of wss.clients) socket.terminate();
    wss.close(() => resolve());
  }),
});
