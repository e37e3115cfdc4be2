/**
 * Domain events. Each module adds its events to this interface by declaration merging in its own
 * `events.ts`, so publishers and subscribers agree on payload types at compile time:
 *
 *   declare module '../../platform/events/event-bus.js' {
 *     interface DomainEvents { 'agent.created': { agentId: string } }
 *   }
 *
 * Payloads carry ids and the few fields consumers need, never secrets.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DomainEvents {}

export type EventName = keyof DomainEvents & string;

export interface EventEnvelope<N extends EventName = EventName> {
  id: string;
  name: N;
  /** ISO 8601 UTC. */
  at: string;
  payload: DomainEvents[N];
}

export type EventHandler<N extends EventName> = (event: EventEnvelope<N>) => void | Promise<void>;

/**
 * Publish/subscribe between modules, and between nodes when backed by Redis. Delivery is
 * asynchronous: publish never waits for handlers, and a failing handler never affects the
 * publisher or other handlers (it is reported through `onHandlerError`).
 */
export interface EventBus {
  readonly kind: 'memory' | 'redis';
  publish<N extends EventName>(name: N, payload: DomainEvents[N]): Promise<void>;
  subscribe<N extends EventName>(name: N, handler: EventHandler<N>): () => void;
  /** Waits for handlers already running, then stops delivering. */
  close(): Promise<void>;
}

export type HandlerErrorReporter = (err: unknown, event: EventEnvelope) => void;
