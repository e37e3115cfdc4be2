declare module '../../platform/events/event-bus.js' {
  interface DomainEvents {
    'conversation.created': { conversationId: string; contactId: string; channel: string };
    'message.created': { conversationId: string; messageId: string; seq: number; authorType: string };
    'conversation.typing': { conversationId: string; authorType: string; typing: boolean };
  }
}

export {};
