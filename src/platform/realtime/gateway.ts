import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Authenticator } from '../http/access-control.js';
import type { Principal } from '../http/access.js';
import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { z } from 'zod';
import { AppError } from '../http/app-error.js';
import { errorMessage, type Locale } from '../i18n/index.js';
import type { Logger } from '../log.js';
import { TokenBucket } from '../token-bucket.js';

/** One open socket. `state` belongs to whichever module authenticated it. */
export interface Connection {
  readonly id: string;
  readonly topics: Set<string>;
  locale: Locale;
  state: Record<string, unknown>;
  /**
   * The staff member behind the socket, checked again now (the session may have ended since the
   * upgrade): from the session cookie or bearer token the upgrade request carried.
   */
  principal(): Promise<Principal | null>;
  send(frame: Record<string, unknown>): void;
  /** A frame already serialized: a push to many sockets is serialized once. */
  sendText(text: string): void;
  close(code: number, reason: string): void;
}

type Handler<S extends z.ZodType> = (conn: Connection, frame: z.infer<S>) => Promise<Record<string, unknown> | void>;

export interface GatewayOptions {
  logger: Logger;
  authenticate: Authenticator;
  /** Frames a connection may send per second, with a burst of twice that. */
  framesPerSecond: number;
  heartbeatMs: number;
}

/**
 * The WebSocket gateway: JSON frames `{type, ref?, ...}` dispatched to handlers that modules
 * register with a zod schema per type; replies carry the request's `ref`; failures become
 * `{type:"error", ref, code, message}` frames and never close a healthy connection. Topics let a
 * module push to every socket that follows something (a conversation, an agent's inbox); modules
 * call `publish` from domain events, so pushes reach sockets on every node.
 */
export function createGateway(options: GatewayOptions) {
  const handlers = new Map<string, { schema: z.ZodType; handle: Handler<z.ZodType> }>();
  const topics = new Map<string, Set<Connection>>();
  const connections = new Set<Connection>();

  function subscribe(conn: Connection, topic: string): void {
    conn.topics.add(topic);
    let set = topics.get(topic);
    if (!set) topics.set(topic, (set = new Set()));
    set.add(conn);
  }

  function drop(conn: Connection): void {
    connections.delete(conn);
    for (const topic of conn.topics) {
      const set = topics.get(topic);
      set?.delete(conn);
      if (set?.size === 0) topics.delete(topic);
    }
  }

  function errorFrame(conn: Connection, ref: unknown, err: unknown): Record<string, unknown> {
    if (err instanceof AppError) return { type: 'error', ref, code: err.code, message: errorMessage(err.code, conn.locale), ...(err.details ? { details: err.details } : {}) };
    options.logger.error({ err, connection: conn.id }, 'realtime handler failed');
    return { type: 'error', ref, code: 'INTERNAL_ERROR', message: errorMessage('INTERNAL_ERROR', conn.locale) };
  }

  function attach(socket: WebSocket, request: FastifyRequest): void {
    const conn: Connection = {
      id: randomUUID(),
      topics: new Set(),
      locale: request.locale,
      state: {},
      principal: () => options.authenticate(request).catch(() => null),
      send(frame) {
        conn.sendText(JSON.stringify(frame));
      },
      sendText(text) {
        if (socket.readyState === socket.OPEN) socket.send(text);
      },
      close(code, reason) {
        socket.close(code, reason);
      },
    };
    connections.add(conn);

    // Token bucket: bursts are fine, floods are refused frame by frame; a client that keeps
    // flooding long after being told is cut off.
    const bucket = new TokenBucket(options.framesPerSecond, options.framesPerSecond * 2);
    let refused = 0;
    let alive = true;
    const heartbeat = setInterval(() => {
      if (!alive) return socket.terminate();
      alive = false;
      socket.ping();
    }, options.heartbeatMs);
    socket.on('pong', () => (alive = true));

    // Frames are handled one at a time per connection, in the order they arrived.
    let queue = Promise.resolve();
    socket.on('message', (data, isBinary) => {
      alive = true;
      if (!bucket.take()) {
        refused += 1;
        conn.send(errorFrame(conn, null, new AppError('RATE_LIMITED')));
        if (refused > options.framesPerSecond * 10) conn.close(1008, 'rate limit');
        return;
      }
      queue = queue.then(async () => {
        let ref: unknown = null;
        try {
          if (isBinary) throw new AppError('UNKNOWN_FRAME');
          let raw: unknown;
          try {
            raw = JSON.parse(data.toString());
          } catch {
            throw new AppError('INVALID_JSON');
          }
          const frame = raw as { type?: unknown; ref?: unknown };
          ref = typeof frame.ref === 'string' || typeof frame.ref === 'number' ? frame.ref : null;
          const handler = typeof frame.type === 'string' ? handlers.get(frame.type) : undefined;
          if (!handler) throw new AppError('UNKNOWN_FRAME', { type: frame.type });
          const parsed = handler.schema.safeParse(raw);
          if (!parsed.success) throw new AppError('VALIDATION_FAILED', { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
          const reply = await handler.handle(conn, parsed.data);
          if (reply) conn.send({ ...reply, ref });
        } catch (err) {
          conn.send(errorFrame(conn, ref, err));
        }
      });
    });
    socket.on('close', () => {
      clearInterval(heartbeat);
      drop(conn);
    });
    socket.on('error', (err) => options.logger.warn({ err, connection: conn.id }, 'websocket error'));
  }

  return {
    on<S extends z.ZodType>(type: string, schema: S, handle: Handler<S>): void {
      handlers.set(type, { schema, handle: handle as Handler<z.ZodType> });
    },
    subscribe,
    publish(topic: string, frame: Record<string, unknown>, except?: Connection): void {
      const followers = topics.get(topic);
      if (!followers) return;
      const text = JSON.stringify(frame);
      for (const conn of followers) if (conn !== except) conn.sendText(text);
    },
    get connectionCount(): number {
      return connections.size;
    },
    /** The route that upgrades to a WebSocket. Identity is proven by frames, so the upgrade itself is public. */
    route(path: string) {
      return async (app: FastifyInstance) => {
        app.get(
          path,
          {
            websocket: true,
            config: { access: { public: true } },
            schema: { tags: ['realtime'], summary: 'WebSocket upgrade for the realtime protocol; frames are described in docs/realtime-protocol.md' },
          },
          (socket, request) => attach(socket, request),
        );
      };
    },
    /** On shutdown: tell clients to reconnect (to another node) rather than leaving them hanging. */
    closeAll(): void {
      for (const conn of connections) conn.close(1012, 'service restart');
    },
  };
}

export type Gateway = ReturnType<typeof createGateway>;
