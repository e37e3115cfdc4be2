import { uuidv7 } from 'uuidv7';
import type { EventBus } from '../../platform/events/index.js';
import { BoundedMap } from '../../platform/bounded-map.js';
import { systemActor } from '../../platform/http/access.js';
import { catalog, fill, type Locale } from '../../platform/i18n/index.js';
import type { Logger } from '../../platform/log.js';
import type { Conversations } from '../conversations/index.js';
import { detectLang } from '../guard/index.js';
import type { Wallet } from '../wallet/index.js';
import type { BotStore, IntentRow } from './bot.store.js';
import { handoverSummary, initialState, runTurn, type BotReply, type DialoguePorts, type DialogueState, type HandoverReason, type Reading, type TurnResult } from './dialogue/dialogue.js';
import type { KnowledgeAnswers } from './knowledge-answer.js';
import type { ModelService } from './model.service.js';

/** Channels where a customer is chatting live and is greeted; e-mail and API conversations are not. */
const liveChannels = new Set(['web', 'app']);

/**
 * A language is switched only on clear evidence: two Chinese characters, or three English words
 * without any; "ok" or "123" keeps the conversation's language.
 */
export function turnLanguage(text: string, conversationLanguage: Locale): Locale {
  const han = (text.match(/[\u4e00-\u9fff]/g) ?? []).length;
  const latinWords = (text.match(/[A-Za-z]{2,}/g) ?? []).length;
  if (han >= 2 && detectLang(text) === 'zh') return 'zh-CN';
  if (han === 0 && latinWords >= 3) return 'en';
  return conversationLanguage;
}

/**
 * The bot in the conversation: greets a new live chat, answers each customer message while the
 * conversation is with the bot, and steps aside for good once a person is needed. Every node
 * sees every message; the claim on the message's sequence number makes exactly one answer it.
 */
export function botService(deps: {
  store: BotStore;
  bus: EventBus;
  models: ModelService;
  answers: KnowledgeAnswers;
  conversations: Conversations;
  wallet: Wallet;
  clock: () => Date;
  logger: Logger;
}) {
  const { store, bus, models, conversations: chat, logger } = deps;
  let intents: Promise<Map<string, IntentRow>> | null = null;
  /** Conversations a person is waiting for or handling (true), or the bot's (false), as events tell. */
  const withPeople = new BoundedMap<string, boolean>(50_000);
  const intentMap = () => (intents ??= store.intents().then((rows) => new Map(rows.map((r) => [r.id, r]))));

  async function ports(): Promise<DialoguePorts> {
    const known = await intentMap();
    await models.ready();
    const model = models.current()?.model;
    return {
      classify(text: string): Reading {
        if (!model) return { intent: 'out_of_scope', confidence: 0, top: [], outOfScope: true };
        const p = model.predict(text);
        return { intent: p.intent, confidence: p.confidence, top: p.top, outOfScope: p.outOfScope };
      },
      diagnose: (customerId, question) => deps.wallet.diagnostics.diagnose(customerId, question),
      answer: (text, lang) => deps.answers.answer(text, lang),
      intentLabel: (intent, lang) => {
        const row = known.get(intent);
        return row ? (lang === 'en' ? row.descriptionEn : row.descriptionZh) : intent;
      },
      now: deps.clock,
    };
  }

  async function post(conversationId: string, key: string, replies: BotReply[]): Promise<void> {
    for (const [i, reply] of replies.entries()) await chat.conversations.sendAsBot(conversationId, { clientId: `bot-${key}-${i}`, kind: reply.kind, text: reply.text, payload: reply.payload });
  }

  /** The staff-only note the agent reads first: why, the intent, the diagnosis, the transactions, what the bot said. */
  async function writeSummary(conversationId: string, state: DialogueState, reason: HandoverReason, lang: Locale): Promise<void> {
    const p = await ports();
    await chat.conversations.addNote(systemActor, conversationId, handoverSummary(state, reason, lang, (intent) => p.intentLabel(intent, lang)));
  }

  /** The customer pressed "talk to a person" (or an integration handed over): the agent still gets the bot's summary. */
  async function summarizeQueued(conversationId: string): Promise<void> {
    const state = await store.claimHandover(conversationId, 'asked');
    const conversation = state && (await chat.conversation(conversationId));
    if (!conversation) return;
    await writeSummary(conversationId, { ...initialState(), ...(state as Partial<DialogueState>) }, 'asked', conversation.language);
    await bus.publish('bot.handed_over', { conversationId, reason: 'asked', intent: (state as Partial<DialogueState>).lastIntent ?? null });
  }

  async function greet(conversationId: string): Promise<void> {
    const conversation = await chat.conversation(conversationId);
    if (!conversation || !liveChannels.has(conversation.channel) || !(await store.openSession(conversationId))) return;
    const p = await ports();
    const { replies } = await runTurn(p, { text: '', quickReply: 'intent:greeting', lang: conversation.language, customerId: null, scam: false, categoryOf: () => null }, initialState());
    await post(conversationId, 'greeting', replies);
  }

  async function answer(conversationId: string, seq: number): Promise<void> {
    // Once a person is waiting or talking, the bot does not speak over them; the events say so
    // without a read for every message of a conversation people are handling.
    if (withPeople.get(conversationId)) return;
    const conversation = await chat.conversation(conversationId);
    withPeople.set(conversationId, conversation?.status !== 'bot');
    if (conversation?.status !== 'bot') return;
    const claimed = await store.claimTurn(conversationId, seq);
    if (!claimed) return;
    const message = await chat.conversations.message(conversationId, seq);
    if (!message || message.authorType !== 'customer') return;
    const contact = await chat.contact(conversation.contactId);
    const lang = turnLanguage(message.text, conversation.language);
    if (lang !== conversation.language) await chat.setLanguage(conversationId, lang);
    const state: DialogueState = { ...initialState(), ...(claimed as Partial<DialogueState>) };
    const known = await intentMap();
    const p = await ports();
    let result: TurnResult;
    try {
      result = await runTurn(
        p,
        {
          text: message.text,
          quickReply: typeof message.payload.quickReply === 'string' ? message.payload.quickReply : undefined,
          lang,
          customerId: contact?.walletCustomerId ?? null,
          scam: message.payload.scam === true,
          categoryOf: (intent) => known.get(intent)?.category ?? null,
        },
        state,
      );
    } catch (err) {
      // The wallet may be unreachable: a person takes over rather than the customer being left unanswered.
      logger.error({ err, conversationId }, 'bot turn failed');
      result = { replies: [{ kind: 'text', text: catalog(lang).bot.handoverUnsure, payload: {} }], state, handover: { reason: 'unsure', priority: 'normal', category: null } };
    }
    // The state is saved before the customer can see the replies: their next message, claimed the
    // moment they answer, must find it.
    await store.saveSession(conversationId, { state: result.state });
    await post(conversationId, String(seq), result.replies);
    if (result.gap) await store.insertGap({ id: uuidv7(), conversationId, language: lang, text: message.text, intent: result.gap.intent, confidence: result.gap.confidence });

    if (result.handover) {
      const { reason, priority, category, force } = result.handover;
      if (await store.claimHandover(conversationId, reason)) await writeSummary(conversationId, result.state, reason, lang);
      if (reason === 'emergency') await bus.publish('bot.security_emergency', { conversationId, intent: result.state.lastIntent ?? null });
      const handed = await chat.routing.handover((await chat.conversation(conversationId))!, {
        category,
        priority,
        ...(force ? { afterHours: { label: reason === 'callback' ? 'callback_requested' : 'after_hours' } } : {}),
      });
      if (handed.outsideHours) {
        await store.releaseHandover(conversationId);
        const t = catalog(lang).bot;
        const opening = handed.outsideHours.nextOpeningAt;
        const time = opening ? new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai', weekday: 'short', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(opening) : '';
        await post(conversationId, `${seq}-hours`, [
          { kind: 'quick_replies', text: opening ? fill(t.outsideHours, { time }) : t.outsideHoursUnknown, payload: { options: [{ value: 'ticket', label: t.options.ticket }, { value: 'callback', label: t.options.callback }] } },
        ]);
        return;
      }
      await bus.publish('bot.handed_over', { conversationId, reason, intent: result.state.lastIntent ?? null });
      return;
    }
    if (result.contained) {
      await store.saveSession(conversationId, { state: result.state, outcome: 'contained' });
      await bus.publish('bot.contained', { conversationId });
    }
  }

  return {
    start() {
      bus.subscribe('conversation.created', (event) => greet(event.payload.conversationId));
      bus.subscribe('message.created', async (event) => {
        if (event.payload.authorType === 'customer') await answer(event.payload.conversationId, event.payload.seq);
      });
      bus.subscribe('conversation.queued', (event) => {
        withPeople.set(event.payload.conversationId, true);
        return summarizeQueued(event.payload.conversationId);
      });
      bus.subscribe('conversation.assigned', (event) => void withPeople.set(event.payload.conversationId, true));
      // A resolved conversation is the bot's again when the customer writes.
      bus.subscribe('conversation.resolved', (event) => void withPeople.set(event.payload.conversationId, false));
      bus.subscribe('bot.intents_changed', () => {
        intents = null;
      });
    },
  };
}

export type BotService = ReturnType<typeof botService>;
