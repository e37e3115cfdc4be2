import { catalog, fill, type Locale } from '../../platform/i18n/index.js';
import type { Conversation, Message } from './conversations.js';

const utc = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');

/**
 * A plain-text transcript of what the customer saw, in their language: staff under their display
 * names, notes and internal events left out. Texts are as stored, so secrets are already masked.
 */
export function renderTranscript(input: { conversation: Conversation; messages: Message[]; agentNames: Map<string, string>; locale: Locale }): string {
  const t = catalog(input.locale).transcript;
  const author = (m: Message) => (m.authorType === 'agent' ? (m.authorId && input.agentNames.get(m.authorId)) || t.agent : t[m.authorType]);
  const body = (m: Message) => (m.kind === 'attachment' ? fill(t.attachment, { name: (m.payload.attachment as { name?: string } | undefined)?.name ?? '' }) : m.text);
  const lines = input.messages.filter((m) => m.kind !== 'event').map((m) => `[${utc(m.createdAt)}] ${author(m)}: ${body(m)}`);
  return [t.title, fill(t.conversation, { id: input.conversation.id, date: utc(input.conversation.createdAt) }), '', ...lines, '', t.footer, ''].join('\n');
}
