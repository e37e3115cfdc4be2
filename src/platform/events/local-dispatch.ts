import type { EventEnvelope, EventHandler, EventName, HandlerErrorReporter } from './event-bus.js';

/** The per-node half of every bus: handler registry and tracked asynchronous delivery. */
export class LocalDispatch {
  private readonly handlers = new Map<string, Set<EventHandler<EventName>>>();
  private readonly inFlight = new Set<Promise<void>>();
  private closed = false;

  constructor(private readonly onHandlerError: HandlerErrorReporter) {}

  subscribe<N extends EventName>(name: N, handler: EventHandler<N>): () => void {
    let set = this.handlers.get(name);
    if (!set) this.handlers.set(name, (set = new Set()));
    set.add(handler as unknown as EventHandler<EventName>);
    return () => set.delete(handler as unknown as EventHandler<EventName>);
  }

  deliver(event: EventEnvelope): void {
    if (this.closed) return;
    for (const handler of this.handlers.get(event.name) ?? []) {
      const run = (async () => {
        // Yield first so a handler never runs inside the publisher's call stack.
        await new Promise<void>((resolve) => setImmediate(resolve));
        await handler(event);
      })().catch((err: unknown) => this.onHandlerError(err, event));
      this.inFlight.add(run);
      void run.finally(() => this.inFlight.delete(run));
    }
  }

  async drain(): Promise<void> {
    this.closed = true;
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }
}
