import type { EventBus, HandlerErrorReporter } from './event-bus.js';
import { memoryBus } from './memory-bus.js';
import { redisBus } from './redis-bus.js';

export type { EventBus, EventEnvelope, EventHandler, EventName, DomainEvents } from './event-bus.js';

export function openEventBus(redisUrl: string | undefined, onHandlerError: HandlerErrorReporter): Promise<EventBus> {
  return redisUrl ? redisBus(redisUrl, onHandlerError) : Promise.resolve(memoryBus(onHandlerError));
}
