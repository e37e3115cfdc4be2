declare module '../../platform/events/event-bus.js' {
  interface DomainEvents {
    /** Endpoints were added, changed or removed: every node drops its cached list. */
    'webhook.endpoints_changed': { endpointId: string };
  }
}

export {};
