declare module '../../platform/events/event-bus.js' {
  interface DomainEvents {
    /** Inbound mail reached a ticket (on arrival, or when an admin released it from quarantine). */
    'email.received': { emailId: string; ticketId: string };
    /** Inbound mail flagged as spam was kept aside for an admin to look at. */
    'email.quarantined': { emailId: string; reason: string };
    /** The relay accepted an outbound mail. */
    'email.sent': { emailId: string; ticketId: string | null };
    /** An outbound mail was given up on (a permanent refusal, or the last attempt failed). */
    'email.failed': { emailId: string; ticketId: string | null; attempts: number };
  }
}

export {};
