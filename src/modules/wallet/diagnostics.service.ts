import { AppError } from '../../platform/http/app-error.js';
import { diagnose, topicTypes, type Diagnosis, type DiagnosisQuestion } from './diagnosis.js';
import type { WalletConnector, WalletTransaction } from './wallet.js';

/** How far back "my payment failed" looks: people ask about recent money. */
const lookbackDays = 90;
const perType = 100;

/** Fetches what a question needs through the configured connector, then diagnoses it. */
export function diagnosticsService(deps: { connector: WalletConnector; clock?: () => Date }) {
  const { connector } = deps;
  const clock = deps.clock ?? (() => new Date());

  async function transactionsFor(customerId: string, question: DiagnosisQuestion, now: Date): Promise<WalletTransaction[]> {
    if (question.reference) {
      try {
        return [await connector.getTransaction(customerId, question.reference)];
      } catch (err) {
        if (err instanceof AppError && err.code === 'TRANSACTION_NOT_FOUND') return [];
        throw err;
      }
    }
    const types = topicTypes[question.topic] ?? [];
    const from = new Date(now.getTime() - lookbackDays * 86_400_000).toISOString();
    const pages = await Promise.all(
      types.map((type) =>
        connector.listTransactions(customerId, { type, from, limit: perType, ...(question.amount !== undefined ? { minAmount: question.amount, maxAmount: question.amount } : {}) }),
      ),
    );
    return pages.flatMap((p) => p.items);
  }

  return {
    async diagnose(customerId: string, question: DiagnosisQuestion): Promise<Diagnosis> {
      const now = clock();
      const [profile, transactions] = await Promise.all([connector.getProfile(customerId), transactionsFor(customerId, question, now)]);
      return diagnose(profile, transactions, question, now);
    },
  };
}

export type DiagnosticsService = ReturnType<typeof diagnosticsService>;
