import type { EventBus } from '../../platform/events/index.js';
import type { Actor } from '../../platform/http/access.js';
import type { AuditService } from '../audit/index.js';
import { maskText } from '../guard/index.js';
import type { DiagnosisQuestion } from './diagnosis.js';
import type { DiagnosticsService } from './diagnostics.service.js';
import type { TransactionFilter, WalletConnector } from './wallet.js';

/**
 * Staff access to a customer's wallet. Every read is audited (who looked at whose money, and
 * what), every account action too. Reasons are typed by people and may quote a customer's
 * secret, so the guard masks them before they reach the wallet, the audit log or an event.
 */
export function walletService(deps: { connector: WalletConnector; diagnostics: DiagnosticsService; audit: AuditService; bus: EventBus }) {
  const { connector, diagnostics, audit, bus } = deps;
  const target = (customerId: string) => ({ type: 'wallet_customer', id: customerId });

  return {
    async profile(actor: Actor, customerId: string) {
      const profile = await connector.getProfile(customerId);
      await audit.record({ actor, action: 'wallet.profile_viewed', target: target(customerId) });
      return profile;
    },

    async transactions(actor: Actor, customerId: string, filter: TransactionFilter) {
      const page = await connector.listTransactions(customerId, filter);
      const { cursor: _cursor, limit: _limit, ...shown } = filter;
      await audit.record({ actor, action: 'wallet.transactions_viewed', target: target(customerId), details: { filter: shown, count: page.items.length } });
      return page;
    },

    async transaction(actor: Actor, customerId: string, reference: string) {
      const tx = await connector.getTransaction(customerId, reference);
      await audit.record({ actor, action: 'wallet.transaction_viewed', target: target(customerId), details: { reference } });
      return tx;
    },

    async diagnose(actor: Actor, customerId: string, question: DiagnosisQuestion) {
      const diagnosis = await diagnostics.diagnose(customerId, question);
      await audit.record({ actor, action: 'wallet.diagnosed', target: target(customerId), details: { topic: question.topic, cause: diagnosis.cause, reference: diagnosis.reference } });
      return diagnosis;
    },

    async freeze(actor: Actor, customerId: string, typed: string) {
      const reason = maskText(typed);
      const profile = await connector.freeze(customerId, { reason, actor: { type: actor.type, id: actor.id } });
      await audit.record({ actor, action: 'wallet.account_frozen', target: target(customerId), details: { reason } });
      await bus.publish('wallet.account_frozen', { customerId, byType: actor.type, byId: actor.id });
      return profile;
    },

    async unfreeze(actor: Actor, customerId: string, typed: string) {
      const reason = maskText(typed);
      const profile = await connector.unfreeze(customerId, { reason, actor: { type: actor.type, id: actor.id } });
      await audit.record({ actor, action: 'wallet.account_unfrozen', target: target(customerId), details: { reason } });
      await bus.publish('wallet.account_unfrozen', { customerId, byType: actor.type, byId: actor.id });
      return profile;
    },

    async requestRefund(actor: Actor, customerId: string, reference: string, typed: string) {
      const reason = maskText(typed);
      const request = await connector.requestRefund(customerId, reference, { reason, actor: { type: actor.type, id: actor.id } });
      await audit.record({ actor, action: 'wallet.refund_requested', target: target(customerId), details: { reference, requestId: request.id, reason } });
      await bus.publish('wallet.refund_requested', { customerId, reference, requestId: request.id });
      return request;
    },

    /** The full number, for the one call an agent is placing: the only way a wallet phone leaves the wallet, so every reveal is audited. */
    async dialNumber(actor: Actor, customerId: string, reason: { callTaskId: string }) {
      const number = await connector.dialNumber(customerId);
      await audit.record({ actor, action: 'wallet.phone_revealed_for_call', target: target(customerId), details: { callTaskId: reason.callTaskId } });
      return number.phone;
    },
  };
}

export type WalletService = ReturnType<typeof walletService>;
