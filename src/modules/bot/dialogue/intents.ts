import type { DiagnosisTopic } from '../../wallet/index.js';

/**
 * What the bot does with each intent. The intents themselves (names, examples, routing
 * categories) are data the admins edit; this table is the behaviour the code owns. An intent
 * missing here is answered from the knowledge base.
 */
export type IntentBehaviour =
  | { kind: 'greeting' | 'thanks' | 'goodbye' | 'human' }
  /** The customer's own money: a verified customer gets a diagnosis of their transaction. */
  | { kind: 'wallet'; topic: DiagnosisTopic }
  /** A security emergency: scam advice at once, then a human at top priority. */
  | { kind: 'emergency' }
  /** A human is needed whatever is said: complaints, case follow-ups. */
  | { kind: 'escalate'; priority: 'normal' | 'high' }
  /** The customer wants a phone call: offered a booking (the widget opens its form) or a person now. */
  | { kind: 'callback' };

export const intentBehaviour: Record<string, IntentBehaviour> = {
  greeting: { kind: 'greeting' },
  thanks: { kind: 'thanks' },
  goodbye: { kind: 'goodbye' },
  human_agent: { kind: 'human' },
  top_up_not_arrived: { kind: 'wallet', topic: 'top_up_missing' },
  payment_failed: { kind: 'wallet', topic: 'payment_failed' },
  duplicate_charge: { kind: 'wallet', topic: 'payment_failed' },
  transfer_pending: { kind: 'wallet', topic: 'transfer_pending' },
  refund_status: { kind: 'wallet', topic: 'refund_status' },
  withdrawal_pending: { kind: 'wallet', topic: 'withdrawal_pending' },
  account_frozen: { kind: 'wallet', topic: 'account_status' },
  limits: { kind: 'wallet', topic: 'limit' },
  login_password_reset: { kind: 'wallet', topic: 'login_password' },
  payment_pin_reset: { kind: 'wallet', topic: 'payment_pin' },
  report_scam: { kind: 'emergency' },
  account_security: { kind: 'emergency' },
  complaint: { kind: 'escalate', priority: 'high' },
  request_callback: { kind: 'callback' },
  ticket_status: { kind: 'escalate', priority: 'normal' },
  transfer_wrong_recipient: { kind: 'escalate', priority: 'high' },
};

export const behaviourOf = (intent: string): IntentBehaviour | { kind: 'answer' } => intentBehaviour[intent] ?? { kind: 'answer' };

/**
 * "How do I top up" and "my top-up has not arrived" are one question apart: "充值多久到账" is
 * either, and the classifier confuses the two more than any other pair. A verified customer who
 * asks how, and has one of their own still in flight, is offered that one too.
 */
export const ownTwinOf: Record<string, string> = {
  top_up_how: 'top_up_not_arrived',
  withdrawal_how: 'withdrawal_pending',
};

/** The issue-type menu the greeting offers: the commonest money problems first. */
export const menuIntents = ['top_up_not_arrived', 'payment_failed', 'transfer_pending', 'refund_status', 'withdrawal_pending', 'account_frozen', 'report_scam', 'human_agent'] as const;
