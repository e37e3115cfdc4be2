import { ProtocolError, type ChatMessage, type Conversation, type Frame, type OutsideHours } from './protocol.js';

/** A message the customer wrote that no `message` push has confirmed yet. */
export interface Outgoing {
  clientId: string;
  text: string;
  quickReply?: string;
  acked: boolean;
}

export interface ChatState {
  connection: 'connecting' | 'online' | 'reconnecting';
  conversation: Conversation | null;
  /** Ordered by seq, each seq once. */
  messages: ChatMessage[];
  outgoing: Outgoing[];
  /** Who is typing on the other side (`bot` or `agent`), or null. */
  typing: string | null;
  queue: { position: number; etaSeconds: number } | null;
  agent: { displayName: string } | null;
  outsideHours: OutsideHours | null;
  ratingRequested: boolean;
  rated: boolean;
  /** The code of the last error worth telling the customer about. */
  error: string | null;
}

export interface ClientOptions {
  url: string;
  language: string;
  /** Asked for a token at the start and again when the current one has expired. */
  token: () => Promise<string>;
  storage?: Pick<Storage, 'getItem' | 'setItem'>;
  /** Milliseconds to wait before reconnect attempt n (0-based). */
  backoff?: (attempt: number) => number;
}

const initial: ChatState = { connection: 'connecting', conversation: null, messages: [], outgoing: [], typing: null, queue: null, agent: null, outsideHours: null, ratingRequested: false, rated: false, error: null };

const defaultBackoff = (attempt: number) => Math.min(15_000, 500 * 2 ** attempt) * (0.75 + Math.random() / 2);

/** Inserts messages by seq, dropping ones already shown: pushes, acks and resumes may overlap. */
export function mergeMessages(current: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  const bySeq = new Map(current.map((m) => [m.seq, m]));
  let changed = false;
  for (const m of incoming) {
    const known = bySeq.get(m.seq);
    if (!known || known.deliveredAt !== m.deliveredAt || known.readAt !== m.readAt) {
      bySeq.set(m.seq, m);
      changed = true;
    }
  }
  return changed ? [...bySeq.values()].sort((a, b) => a.seq - b.seq) : current;
}

let sequence = 0;
function newClientId(): string {
  sequence += 1;
  return `w-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}-${sequence}`;
}

/**
 * The customer's side of the realtime protocol: one socket that authenticates, resumes exactly
 * after the last message shown, and re-sends unacknowledged messages with their original
 * clientId after a reconnect, so nothing is lost and nothing is shown twice.
 */
export class ChatClient {
  state: ChatState = initial;
  private socket: WebSocket | null = null;
  private listeners = new Set<(state: ChatState) => void>();
  private pushListeners = new Set<(frame: Frame) => void>();
  private replies = new Map<number, { resolve: (frame: Frame) => void; reject: (err: Error) => void }>();
  private nextRef = 1;
  private attempt = 0;
  private closed = false;
  private token: string | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private language: string;

  constructor(private readonly options: ClientOptions) {
    this.language = options.language;
  }

  subscribe(listener: (state: ChatState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Pushes the chat itself does not handle (ticket updates) go to these listeners. */
  onPush(listener: (frame: Frame) => void): () => void {
    this.pushListeners.add(listener);
    return () => this.pushListeners.delete(listener);
  }

  start(): void {
    this.closed = false;
    this.open();
  }

  stop(): void {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    this.socket?.close(1000);
  }

  setLanguage(language: string): void {
    this.language = language;
  }

  /** Queues the message and sends it now if connected; it survives reconnects until acknowledged. */
  send(text: string, quickReply?: string): void {
    const outgoing: Outgoing = { clientId: newClientId(), text, quickReply, acked: false };
    const conversation = this.state.conversation;
    // Writing again reopens a resolved conversation: the rating prompt has had its turn.
    const reopened = conversation?.status === 'resolved' ? { conversation: { ...conversation, status: 'bot' as const }, ratingRequested: false } : {};
    this.update({ outgoing: [...this.state.outgoing, outgoing], error: null, ...reopened });
    if (this.state.connection === 'online') void this.deliver(outgoing);
  }

  async handover(category?: string): Promise<void> {
    const reply = await this.request({ type: 'handover', conversationId: this.state.conversation?.id, category });
    this.update({ conversation: { ...this.state.conversation!, ...(reply.conversation as Conversation) }, outsideHours: (reply.outsideHours as OutsideHours | null) ?? null });
  }

  async rate(score: number, comment?: string): Promise<void> {
    const conversationId = this.state.conversation!.id;
    try {
      await this.request({ type: 'rate', conversationId, score, comment: comment || undefined });
    } catch (err) {
      // Rated already (from another tab or before a reload): the prompt has done its job.
      if (!(err instanceof ProtocolError && err.code === 'CONFLICT')) throw err;
    }
    this.options.storage?.setItem(`walletdesk.rated.${conversationId}`, '1');
    this.update({ rated: true });
  }

  async transcript(): Promise<string> {
    const reply = await this.request({ type: 'transcript', conversationId: this.state.conversation!.id });
    return reply.text as string;
  }

  typing(typing: boolean): void {
    if (this.state.connection === 'online' && this.state.conversation) this.fire({ type: 'typing', conversationId: this.state.conversation.id, typing });
  }

  /** Tells the other side the customer has read everything shown so far. */
  markRead(): void {
    const theirs = this.state.messages.filter((m) => m.author !== 'customer' && !m.readAt);
    const last = theirs[theirs.length - 1];
    if (last && this.state.connection === 'online') this.fire({ type: 'receipt', conversationId: last.conversationId, seq: last.seq, state: 'read' });
  }

  /** The token the socket authenticated with, for the REST calls (uploads, links). */
  currentToken(): string | null {
    return this.token;
  }

  private update(patch: Partial<ChatState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener(this.state);
  }

  private open(): void {
    const socket = new WebSocket(this.options.url);
    this.socket = socket;
    socket.onopen = () => void this.onOpen().catch((err: unknown) => this.fail(err));
    socket.onmessage = (event) => this.onFrame(JSON.parse(String(event.data)) as Frame);
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      for (const pending of this.replies.values()) pending.reject(new ProtocolError('DISCONNECTED', 'disconnected'));
      this.replies.clear();
      if (this.closed) return;
      this.update({ connection: 'reconnecting', typing: null });
      this.reconnectTimer = setTimeout(() => this.open(), (this.options.backoff ?? defaultBackoff)(this.attempt++));
    };
  }

  private async onOpen(): Promise<void> {
    const ready = await this.authenticate();
    const conversation = ready.conversation as Conversation;
    const previous = this.state.conversation;
    // A different conversation (a new identity, or the old one closed): start from its beginning.
    const afterSeq = previous?.id === conversation.id ? (this.state.messages.at(-1)?.seq ?? 0) : 0;
    if (previous?.id !== conversation.id) {
      const rated = this.options.storage?.getItem(`walletdesk.rated.${conversation.id}`) === '1';
      this.update({ messages: [], queue: null, agent: this.rememberedAgent(conversation.id), outsideHours: null, ratingRequested: conversation.status === 'resolved' && !rated, rated });
    }
    this.update({ conversation });
    await this.resume(conversation.id, afterSeq);
    this.attempt = 0;
    this.update({ connection: 'online' });
    for (const outgoing of this.state.outgoing) if (!outgoing.acked) await this.deliver(outgoing);
  }

  private async authenticate(): Promise<Frame> {
    this.token ??= await this.options.token();
    try {
      return await this.request({ type: 'auth', token: this.token, channel: 'web', language: this.language });
    } catch (err) {
      if (!(err instanceof ProtocolError) || err.code !== 'CUSTOMER_TOKEN_EXPIRED') throw err;
      this.token = await this.options.token();
      return this.request({ type: 'auth', token: this.token, channel: 'web', language: this.language });
    }
  }

  private async resume(conversationId: string, afterSeq: number): Promise<void> {
    for (;;) {
      const reply = await this.request({ type: 'resume', conversationId, afterSeq });
      const messages = reply.messages as ChatMessage[];
      this.receive(messages);
      this.update({ conversation: { ...this.state.conversation!, ...(reply.conversation as Conversation) } });
      if (!reply.more || messages.length === 0) return;
      afterSeq = messages[messages.length - 1]!.seq;
    }
  }

  private async deliver(outgoing: Outgoing): Promise<void> {
    try {
      await this.request({ type: 'send', clientId: outgoing.clientId, text: outgoing.text, conversationId: this.state.conversation?.id, quickReply: outgoing.quickReply });
      this.update({ outgoing: this.state.outgoing.map((o) => (o.clientId === outgoing.clientId ? { ...o, acked: true } : o)) });
    } catch (err) {
      if (err instanceof ProtocolError && err.code === 'DISCONNECTED') return; // sent again after the reconnect
      if (err instanceof ProtocolError && err.code === 'CUSTOMER_TOKEN_EXPIRED') {
        this.token = null;
        this.socket?.close(4000);
        return;
      }
      // Refused for good (too long, closed...): drop it and say why.
      this.update({ outgoing: this.state.outgoing.filter((o) => o.clientId !== outgoing.clientId) });
      this.fail(err);
    }
  }

  private receive(messages: ChatMessage[]): void {
    const merged = mergeMessages(this.state.messages, messages);
    if (merged === this.state.messages) return;
    const shown = new Set(merged.map((m) => m.clientId));
    const fromOthers = messages.some((m) => m.author !== 'customer');
    this.update({
      messages: merged,
      outgoing: this.state.outgoing.filter((o) => !shown.has(o.clientId)),
      ...(fromOthers ? { typing: null } : {}),
    });
  }

  private onFrame(frame: Frame): void {
    if (frame.ref !== undefined && this.replies.has(frame.ref)) {
      const pending = this.replies.get(frame.ref)!;
      this.replies.delete(frame.ref);
      if (frame.type === 'error') pending.reject(new ProtocolError(String(frame.code), String(frame.message)));
      else pending.resolve(frame);
      return;
    }
    const conversation = this.state.conversation;
    if (frame.conversationId && conversation && frame.conversationId !== conversation.id) return;
    switch (frame.type) {
      case 'message': {
        const message = frame.message as ChatMessage;
        if (conversation && message.conversationId === conversation.id) {
          this.receive([message]);
          if (message.seq > conversation.lastSeq) this.update({ conversation: { ...this.state.conversation!, lastSeq: message.seq } });
        }
        break;
      }
      case 'typing':
        if (frame.author !== 'customer') this.update({ typing: frame.typing ? String(frame.author) : null });
        break;
      case 'queue':
        // Also how the customer learns that the bot handed the conversation over.
        this.update({ queue: { position: frame.position as number, etaSeconds: frame.etaSeconds as number }, outsideHours: null, conversation: conversation && { ...conversation, status: 'queued' } });
        break;
      case 'assigned': {
        const agent = frame.agent as { displayName: string };
        this.options.storage?.setItem(`walletdesk.agent.${String(frame.conversationId)}`, agent.displayName);
        this.update({ agent: { displayName: agent.displayName }, queue: null, conversation: conversation && { ...conversation, status: 'assigned' } });
        break;
      }
      case 'status': {
        const status = (frame.conversation as Conversation).status;
        this.update({ conversation: conversation && { ...conversation, status } });
        break;
      }
      case 'rating_request':
        this.update({ ratingRequested: true, rated: false });
        break;
      case 'outside_hours':
        this.update({ outsideHours: { nextOpeningAt: (frame.nextOpeningAt as string | null) ?? null, options: frame.options as OutsideHours['options'] } });
        break;
      case 'receipt': {
        const key = frame.state === 'read' ? 'readAt' : 'deliveredAt';
        const at = new Date().toISOString();
        this.update({ messages: this.state.messages.map((m) => (m.author === 'customer' && m.seq <= (frame.seq as number) && !m[key] ? { ...m, [key]: at } : m)) });
        break;
      }
      default:
        for (const listener of this.pushListeners) listener(frame);
    }
  }

  private rememberedAgent(conversationId: string): ChatState['agent'] {
    const name = this.options.storage?.getItem(`walletdesk.agent.${conversationId}`);
    return name ? { displayName: name } : null;
  }

  private request(frame: Omit<Frame, 'ref'>): Promise<Frame> {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return Promise.reject(new ProtocolError('DISCONNECTED', 'disconnected'));
    const ref = this.nextRef++;
    return new Promise((resolve, reject) => {
      this.replies.set(ref, { resolve, reject });
      socket.send(JSON.stringify({ ...frame, ref }));
    });
  }

  private fire(frame: Frame): void {
    this.socket?.send(JSON.stringify(frame));
  }

  private fail(err: unknown): void {
    const code = err instanceof ProtocolError ? err.code : 'generic';
    if (code === 'DISCONNECTED') return;
    this.update({ error: code });
    // Nothing works without a valid identity: stop instead of retrying forever.
    if (code === 'INVALID_CUSTOMER_TOKEN' || code === 'CUSTOMER_TOKEN_EXPIRED') this.stop();
  }
}
