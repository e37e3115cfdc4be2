declare module '../../platform/events/event-bus.js' {
  interface DomainEvents {
    'bot.intents_changed': { intentId: string };
    'bot.model_trained': { version: number };
    'bot.handed_over': { conversationId: string; reason: string; intent: string | null };
    'bot.contained': { conversationId: string };
  }
}

export {};
