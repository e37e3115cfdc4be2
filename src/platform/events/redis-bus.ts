import { createClient } from 'redis';
import { uuidv7 } from 'uuidv7';
import type { EventBus, EventEnvelope, HandlerErrorReporter } from './event-bus.js';
import { LocalDispatch } from './local-dispatch.js';

const CHANNEL = 'walletdesk:events';

/**
 * Multi-node bus: every event goes through one Redis channel and every node (the publisher too)
 * delivers it to its own subscribers, so a handler sees each event once per node whichever node
 * published it. Pub/sub is at-most-once; work that must not be lost is driven from the database
 * (timers, outbox), with events only as the fast path.
 */
export async function redisBus(url: string, onHandlerError: HandlerErrorReporter, channel = CHANNEL): Promise<EventBus> {
  const local = new LocalDispatch(onHandlerError);
  const pub = createClient({ url });
  const sub = pub.duplicate();
  // Reconnection is automatic; errors are reported by the next publish, not by crashing.
  pub.on('error', () => {});
  sub.on('error', () => {});
  await Promise.all([pub.connect(), sub.connect()]);
  await sub.subscribe(channel, (message) => {
    let event: EventEnvelope;
    try {
      event = JSON.parse(message) as EventEnvelope;
    } catch (err) {
      onHandlerError(err, { id: '', name: 'invalid' as never, at: new Date().toISOString(), payload: message as never });
      return;
    }
    local.deliver(event);
  });
  return {
    kind: 'redis',
    async publish(name, payload) {
      const event: EventEnvelope = { id: uuidv7(), name, at: new Date().toISOString(), payload };
      await pub.publish(channel, JSON.stringify(event));
    },
    subscribe: (name, handler) => local.subscribe(name, handler),
    async close() {
      await sub.unsubscribe(channel).catch(() => {});
      await local.drain();
      await Promise.allSettled([sub.quit(), pub.quit()]);
    },
  };
}
