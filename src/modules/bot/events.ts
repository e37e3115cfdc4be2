declare module '../../platform/events/event-bus.js' {
  interface DomainEvents {
    'bot.intents_changed': { intentId: string };
    'bot.model_trained': { version: number };
    'bot.handed_over': { conversationId: string; reason: string; intent: string | null };
    /** A scam or a stolen account, whether or not a person could take it at once (outside hours nobody can). */
    'bot.security_emergency': { conversationId: string; intent: string | null };
    'bot.contained': { conversationId: string };
  }
}

export {};
