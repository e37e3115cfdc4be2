import { catalog, fill, type Locale } from '../../../platform/i18n/index.js';
import type { Diagnosis, DiagnosisQuestion, DiagnosisTopic, WalletTransaction } from '../../wallet/index.js';
import { formatMoney } from '../../wallet/index.js';
import { behaviourOf, menuIntents, ownTwinOf } from './intents.js';
import { angerLevel, asksForHuman, isFollowUp } from './signals.js';
import { extractSlots, type Slots } from './slots.js';

/** The classifier's reading of one message. */
export interface Reading {
  intent: string;
  confidence: number;
  top: { intent: string; confidence: number }[];
  /** Nothing the bot knows about. */
  outOfScope: boolean;
}

export interface ArticleAnswer {
  articleId: string;
  title: string;
  summary: string;
  url: string;
}

/** What the dialogue needs from the rest of WalletDesk. */
export interface DialoguePorts {
  classify(text: string): Reading;
  diagnose(customerId: string, question: DiagnosisQuestion): Promise<Diagnosis>;
  answer(text: string, lang: Locale, intent: string | null): Promise<ArticleAnswer | null>;
  intentLabel(intent: string, lang: Locale): string;
  now(): Date;
}

/** Carried from turn to turn, per conversation. */
export interface DialogueState {
  unsureStreak: number;
  lastIntent?: string;
  topic?: DiagnosisTopic;
  slots: Slots;
  awaiting?: 'solved' | 'transaction';
  /** The last few things the bot said, for the agent who takes over. */
  said: string[];
  references: string[];
  diagnosis?: { cause: string; reference: string | null; evidence: string[] };
}

export const initialState = (): DialogueState => ({ unsureStreak: 0, slots: {}, said: [], references: [] });

export interface BotReply {
  kind: 'text' | 'quick_replies' | 'card';
  text: string;
  payload: Record<string, unknown>;
}

export type HandoverReason = keyof ReturnType<typeof catalog>['bot']['summary']['reasons'];

export interface TurnResult {
  replies: BotReply[];
  state: DialogueState;
  handover?: { reason: HandoverReason; priority: 'normal' | 'high' | 'urgent'; category: string | null; force?: boolean };
  /** The customer confirmed the bot solved it. */
  contained?: boolean;
  /** A question the bot could not answer, for the knowledge-gap review. */
  gap?: { intent: string | null; confidence: number };
}

export interface Turn {
  text: string;
  /** The value of a quick reply the customer tapped, if they tapped one. */
  quickReply?: string;
  lang: Locale;
  /** The wallet customer behind a verified token; null for an anonymous visitor. */
  customerId: string | null;
  /** The guard saw an impersonation scam in the text. */
  scam: boolean;
  /** The routing category of each intent. */
  categoryOf(intent: string): string | null;
}

/** Below this the bot does not act on its reading; it offers the top readings instead. */
export const CONFIDENT = 0.55;
const MAX_SAID = 8;

const option = (value: string, label: string) => ({ value, label });

/**
 * One customer turn: what the bot answers, and whether it hands over. Decisions follow the
 * order of what matters most: a security emergency, an explicit request for a person, anger,
 * then the answer itself.
 */
export async function runTurn(ports: DialoguePorts, turn: Turn, previous: DialogueState): Promise<TurnResult> {
  const t = catalog(turn.lang).bot;
  const state: DialogueState = { ...previous, slots: { ...previous.slots }, said: [...previous.said], references: [...previous.references] };
  const replies: BotReply[] = [];
  const say = (text: string, kind: BotReply['kind'] = 'text', payload: Record<string, unknown> = {}) => {
    replies.push({ kind, text, payload });
    state.said = [...state.said, text].slice(-MAX_SAID);
  };
  const ask = (text: string, options: { value: string; label: string }[]) => say(text, 'quick_replies', { options });
  const handover = (reason: HandoverReason, priority: 'normal' | 'high' | 'urgent', intent: string | null, message: string, force = false): TurnResult => {
    say(message);
    return { replies, state: { ...state, awaiting: undefined }, handover: { reason, priority, category: intent ? turn.categoryOf(intent) : null, force } };
  };
  const solvedCheck = (more: { value: string; label: string }[] = []) => {
    ask(t.solvedCheck, [option('solved:yes', t.options.yes), option('solved:no', t.options.no), ...more]);
    state.awaiting = 'solved';
  };

  // Quick replies carry exact values: no guessing needed.
  const tapped = turn.quickReply ?? '';
  if (tapped === 'solved:yes') {
    say(t.solvedYes);
    return { replies, state: { ...state, awaiting: undefined, unsureStreak: 0 }, contained: true };
  }
  if (tapped === 'solved:no') return handover('not_solved', 'normal', state.lastIntent ?? null, t.handover);
  if (tapped === 'human') return handover('asked', 'normal', state.lastIntent ?? null, t.handover);
  if (tapped === 'ticket') return handover('after_hours', 'normal', state.lastIntent ?? null, t.requestRecorded, true);
  if (tapped === 'callback') return handover('callback', 'normal', state.lastIntent ?? null, t.callbackRecorded, true);

  if (turn.scam) return emergency();

  const slots = extractSlots(turn.text, ports.now());
  let reading: Reading;
  if (tapped.startsWith('intent:')) reading = { intent: tapped.slice(7), confidence: 1, top: [], outOfScope: false };
  else if (tapped.startsWith('tx:')) reading = { intent: state.lastIntent ?? 'top_up_not_arrived', confidence: 1, top: [], outOfScope: false };
  else reading = ports.classify(turn.text);
  if (tapped.startsWith('tx:')) slots.reference = tapped.slice(3);

  const behaviour = behaviourOf(reading.intent);
  const confident = reading.confidence >= CONFIDENT && !reading.outOfScope;
  if (confident && behaviour.kind === 'emergency') return emergency();
  if (asksForHuman(turn.text) || (confident && behaviour.kind === 'human')) return handover('asked', 'normal', state.lastIntent ?? null, t.handover);
  if (angerLevel(turn.text) >= 2) return handover('angry', 'high', confident ? reading.intent : (state.lastIntent ?? null), t.handoverAngry);

  // "Still not arrived" / "what about yesterday's one?": the same topic, with what is new.
  const followUp = !confident && state.topic !== undefined && (isFollowUp(turn.text) || Object.keys(slots).length > 0);
  if (followUp) return diagnoseTopic(state.topic!, state.lastIntent ?? reading.intent, { ...state.slots, ...slots });

  if (!confident) return unsure();
  state.unsureStreak = 0;
  state.lastIntent = reading.intent;

  switch (behaviour.kind) {
    case 'greeting':
      greet();
      return { replies, state };
    case 'thanks':
      say(t.thanks);
      return { replies, state, contained: state.awaiting === 'solved' || undefined };
    case 'goodbye':
      say(t.goodbye);
      return { replies, state: { ...state, awaiting: undefined }, contained: true };
    case 'escalate':
      return handover('escalate', behaviour.priority, reading.intent, t.handover);
    case 'callback':
      ask(t.callbackOffer, [option('callback', t.options.callback), option('human', t.options.human)]);
      return { replies, state };
    case 'wallet':
      return diagnoseTopic(behaviour.topic, reading.intent, state.topic === behaviour.topic ? { ...state.slots, ...slots } : slots);
    default:
      return answerFromKnowledge(reading.intent);
  }

  function emergency(): TurnResult {
    say(catalog(turn.lang).guard.scamAdvice);
    return handover('emergency', 'urgent', 'report_scam', `${t.handover} ${t.handoverUrgent}`);
  }

  function greet() {
    say(t.greeting);
    ask(t.menuPrompt, [...menuIntents.map((i) => option(i === 'human_agent' ? 'human' : `intent:${i}`, ports.intentLabel(i, turn.lang)))]);
  }

  async function unsure(): Promise<TurnResult> {
    state.unsureStreak += 1;
    const gap = { intent: reading.outOfScope ? null : reading.intent, confidence: reading.confidence };
    if (state.unsureStreak >= 2) return { ...handover('unsure', 'normal', null, t.handoverUnsure), gap };
    // A knowledge-base article may still answer what the classifier could not place.
    const article = reading.outOfScope ? null : await ports.answer(turn.text, turn.lang, null);
    if (article) {
      sayArticle(article);
      return { replies, state, gap };
    }
    const guesses = reading.outOfScope ? [] : reading.top.filter((r) => r.confidence >= 0.1).slice(0, 3);
    const options = [...guesses.map((g) => option(g.intent === 'human_agent' ? 'human' : `intent:${g.intent}`, ports.intentLabel(g.intent, turn.lang))), option('human', t.options.human)];
    ask(guesses.length ? t.unsure : t.noAnswer, guesses.length ? options : [...menuIntents.slice(0, 4).map((i) => option(`intent:${i}`, ports.intentLabel(i, turn.lang))), option('human', t.options.human)]);
    return { replies, state, gap };
  }

  async function answerFromKnowledge(intent: string): Promise<TurnResult> {
    const article = await ports.answer(turn.text, turn.lang, intent);
    if (!article) {
      state.lastIntent = intent;
      return unsure();
    }
    sayArticle(article, await ownInFlight(intent));
    return { replies, state };
  }

  /** The customer's own transaction still in flight that a "how do I" question may be about. */
  async function ownInFlight(intent: string): Promise<{ value: string; label: string }[]> {
    const twin = ownTwinOf[intent];
    const behaviour = twin ? behaviourOf(twin) : null;
    if (!turn.customerId || behaviour?.kind !== 'wallet') return [];
    // An extra offer: the how-to answer stands even when the wallet cannot be reached.
    const transaction = await ports.diagnose(turn.customerId, { topic: behaviour.topic }).then((d) => d.transaction, () => null);
    if (!transaction || !['pending', 'processing'].includes(transaction.status)) return [];
    return [option(`intent:${twin}`, fill(t.checkMine, { transaction: describe(transaction) }))];
  }

  function sayArticle(article: ArticleAnswer, more: { value: string; label: string }[] = []) {
    showArticle(article);
    solvedCheck(more);
  }

  function showArticle(article: ArticleAnswer | null) {
    if (!article) return;
    say(article.summary);
    say(fill(t.readMore, { title: article.title }), 'card', { card: { type: 'article', title: article.title, url: article.url, summary: article.summary } });
  }

  async function diagnoseTopic(topic: DiagnosisTopic, intent: string, merged: Slots): Promise<TurnResult> {
    state.topic = topic;
    state.lastIntent = intent;
    state.slots = merged;
    state.unsureStreak = 0;
    if (!turn.customerId) {
      // Visitors get the general answer; account data only behind a verified token.
      showArticle(await ports.answer(turn.text, turn.lang, intent));
      say(t.signInToCheck);
      solvedCheck();
      return { replies, state };
    }
    const diagnosis = await ports.diagnose(turn.customerId, { topic, ...merged });
    if (diagnosis.alternatives.length > 0 && !merged.reference) {
      ask(t.askWhich, [diagnosis.transaction!, ...diagnosis.alternatives].slice(0, 5).map((tx) => option(`tx:${tx.reference}`, describe(tx))));
      state.awaiting = 'transaction';
      return { replies, state };
    }
    state.diagnosis = { cause: diagnosis.cause, reference: diagnosis.reference, evidence: diagnosis.evidence };
    if (diagnosis.reference && !state.references.includes(diagnosis.reference)) state.references = [...state.references, diagnosis.reference];
    say(diagnosis.explanation[turn.lang]);
    if (diagnosis.transaction) say(describe(diagnosis.transaction), 'card', { card: { type: 'transaction', transaction: cardOf(diagnosis.transaction) } });
    if (diagnosis.nextSteps[turn.lang].length) say(diagnosis.nextSteps[turn.lang].map((s, i) => `${i + 1}. ${s}`).join('\n'));
    // Nothing of theirs fits: perhaps they asked in general ("充值多久到账"), so the general answer too.
    if (diagnosis.cause === 'NO_MATCHING_TRANSACTION') showArticle(await ports.answer(turn.text, turn.lang, intent));
    if (diagnosis.needsHuman) return handover('needs_human', 'normal', intent, t.handoverNeedsHuman);
    solvedCheck();
    return { replies, state };
  }

  function describe(tx: WalletTransaction): string {
    const w = catalog(turn.lang).wallet;
    const time = new Intl.DateTimeFormat(turn.lang === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(tx.createdAt));
    return fill(t.transactionOption, { kind: w.kinds[tx.type], amount: formatMoney({ amount: tx.amount, currency: tx.currency }), time, status: t.statuses[tx.status] ?? tx.status });
  }
}

/** A transaction as a chat card shows it: no ids beyond the reference the customer can read out. */
function cardOf(tx: WalletTransaction) {
  return { reference: tx.reference, type: tx.type, amount: { amount: tx.amount, currency: tx.currency }, status: tx.status, createdAt: tx.createdAt, counterparty: tx.counterparty };
}

/** The note the agent reads on handover: intent, diagnosis, transactions, what the bot said. */
export function handoverSummary(state: DialogueState, reason: HandoverReason, lang: Locale, intentLabel: (intent: string) => string): string {
  const s = catalog(lang).bot.summary;
  return [
    `${s.title}`,
    `${s.reason}: ${s.reasons[reason]}`,
    ...(state.lastIntent ? [`${s.intent}: ${intentLabel(state.lastIntent)} (${state.lastIntent})`] : []),
    ...(state.diagnosis ? [`${s.diagnosis}: ${state.diagnosis.cause}${state.diagnosis.evidence.length ? ` — ${state.diagnosis.evidence.join('; ')}` : ''}`] : []),
    ...(state.references.length ? [`${s.transactions}: ${state.references.join(', ')}`] : []),
    ...(state.said.length ? [`${s.botSaid}:`, ...state.said.map((line) => `- ${line.replace(/\s+/g, ' ').slice(0, 200)}`)] : []),
  ].join('\n');
}
