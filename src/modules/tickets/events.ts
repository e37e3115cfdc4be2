declare module '../../platform/events/event-bus.js' {
  interface DomainEvents {
    'ticket.created': { ticketId: string; type: string; channel: string; contactId: string };
    'ticket.replied': { ticketId: string; entryId: string; authorType: 'customer' | 'agent'; public: boolean; via: string };
    'ticket.status_changed': { ticketId: string; from: string; to: string };
    'ticket.assigned': { ticketId: string; agentId: string | null; teamId: string | null };
    'ticket.priority_changed': { ticketId: string; from: string; to: string };
    'ticket.merged': { ticketId: string; intoId: string };
    'ticket.acknowledged': { ticketId: string };
    'ticket.review_requested': { ticketId: string };
    'ticket.reviewed': { ticketId: string; decision: 'approved' | 'rejected'; reviewerId: string | null };
    'ticket.escalated': { ticketId: string; level: number };
  }
}

export {};
