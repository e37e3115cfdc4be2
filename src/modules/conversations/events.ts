declare module '../../platform/events/event-bus.js' {
  interface DomainEvents {
    'conversation.created': { conversationId: string; contactId: string; channel: string };
    'message.created': { conversationId: string; messageId: string; seq: number; authorType: string };
    'conversation.queued': { conversationId: string; category: string | null };
    'conversation.assigned': { conversationId: string; agentId: string };
    'conversation.resolved': { conversationId: string; agentId: string | null; resolutionCode: string };
    'conversation.accepted': { conversationId: string; agentId: string };
    'conversation.offer_expired': { conversationId: string; agentId: string };
    'conversation.outside_hours': { conversationId: string; teamId: string; nextOpeningAt: string | null; options: string[] };
    'conversation.queue_changed': { positions: { conversationId: string; position: number; etaSeconds: number }[] };
    'conversation.note_added': { conversationId: string; noteId: string };
    'conversation.transferred': { conversationId: string; toAgentId: string | null; toTeamId: string | null };
    'conversation.rated': { conversationId: string; score: number };
    'conversation.receipt': { conversationId: string; reader: 'customer' | 'agent'; state: 'delivered' | 'read'; seq: number };
    'conversation.typing': { conversationId: string; authorType: string; typing: boolean };
  }
}

export {};
