import type { Seeder } from '../../platform/seeding.js';
import { demoHistory } from './demo-history.js';
import type { LedgerStore } from './ledger.store.js';

export function walletSeeders(store: LedgerStore, clock: () => Date): Seeder[] {
  return [
    {
      name: 'wallet.demo',
      demo: true,
      async run() {
        const limits = await store.allLimits();
        const singleLimit = (kycLevel: number, currency: string) => limits.find((l) => l.kycLevel === kycLevel && l.currency === currency)?.singleLimit ?? 0;
        const history = demoHistory(clock(), { singleLimit });
        // One transaction: a half-seeded ledger would break its own invariant.
        await store.transaction(async (s) => {
          await s.insertCustomers(history.customers);
          await s.insertAccounts(history.accounts);
          await s.insertTransactions(history.transactions);
          await s.insertPostingsBulk(history.postings);
        });
      },
    },
  ];
}
