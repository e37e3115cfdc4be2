import { uuidv7 } from 'uuidv7';
import type { EventBus, HandlerErrorReporter } from './event-bus.js';
import { LocalDispatch } from './local-dispatch.js';

/** Single-node bus for the embedded mode. */
export function memoryBus(onHandlerError: HandlerErrorReporter): EventBus {
  const local = new LocalDispatch(onHandlerError);
  return {
    kind: 'memory',
    async publish(name, payload) {
      local.deliver({ id: uuidv7(), name, at: new Date().toISOString(), payload });
    },
    subscribe: (name, handler) => local.subscribe(name, handler),
    close: () => local.drain(),
  };
}
