declare module '../../platform/events/event-bus.js' {
  interface DomainEvents {
    'wallet.account_frozen': { customerId: string; byType: string; byId: string | null };
    'wallet.account_unfrozen': { customerId: string; byType: string; byId: string | null };
    'wallet.refund_requested': { customerId: string; reference: string; requestId: string };
  }
}

export {};
