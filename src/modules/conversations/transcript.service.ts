import { AppError } from '../../platform/http/app-error.js';
import type { Locale } from '../../platform/i18n/index.js';
import type { Conversation } from './conversations.js';
import type { ConversationsService } from './conversations.service.js';
import type { ConversationsStore } from './conversations.store.js';
import type { CustomerIdentity } from './identity.js';
import { renderTranscript } from './transcript.js';

/** Longer conversations are cut here: a transcript is for reading, not an export. */
const MAX_TRANSCRIPT_MESSAGES = 5000;

export const transcriptFileName = (conversationId: string) => `walletdesk-transcript-${conversationId}.txt`;

export function transcriptService(deps: { store: ConversationsStore; conversations: ConversationsService; agentName: (id: string) => Promise<string> }) {
  const { store } = deps;

  async function render(conversation: Conversation, locale: Locale): Promise<string> {
    const messages = await store.messagesAfter(conversation.id, 0, MAX_TRANSCRIPT_MESSAGES);
    const agentIds = [...new Set(messages.filter((m) => m.authorType === 'agent' && m.authorId).map((m) => m.authorId!))];
    const agentNames = new Map(await Promise.all(agentIds.map(async (id) => [id, await deps.agentName(id).catch(() => '')] as const)));
    return renderTranscript({ conversation, messages, agentNames, locale });
  }

  return {
    /** The customer's own copy, in the conversation's language. */
    async forCustomer(identity: CustomerIdentity, conversationId: string): Promise<string> {
      const { conversation } = await deps.conversations.participant(identity, conversationId);
      return render(conversation, conversation.language);
    },
    /** What the customer would receive, for staff sending or checking it. */
    async forStaff(conversationId: string): Promise<string> {
      const conversation = await store.conversation(conversationId);
      if (!conversation) throw new AppError('CONVERSATION_NOT_FOUND');
      return render(conversation, conversation.language);
    },
  };
}

export type TranscriptService = ReturnType<typeof transcriptService>;
