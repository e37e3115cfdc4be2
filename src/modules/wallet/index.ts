import './events.js';
import type { Config } from '../../config.js';
import type { Orm } from '../../platform/db/database.js';
import type { EventBus } from '../../platform/events/index.js';
import type { AuditService } from '../audit/index.js';
import { builtinConnector } from './builtin.connector.js';
import { connectorRoutes } from './connector.routes.js';
import { demoWalletRoutes } from './demo.routes.js';
import { diagnosticsService } from './diagnostics.service.js';
import { httpConnector } from './http.connector.js';
import { ledgerService } from './ledger.service.js';
import { ledgerStore } from './ledger.store.js';
import { walletRoutes } from './wallet.routes.js';
import { walletSeeders } from './wallet.seed.js';
import { walletService } from './wallet.service.js';

export type { CustomerProfile, WalletConnector, WalletTransaction, Money, TransactionType, TransactionStatus, FailureCode } from './wallet.js';
export { failureCodes, formatMoney, maskPhone } from './wallet.js';
export type { Diagnosis, DiagnosisQuestion, DiagnosisTopic } from './diagnosis.js';
export { diagnosisTopics } from './diagnosis.js';
export { demoIdentities } from './demo-history.js';
export { httpConnector } from './http.connector.js';

type WalletConfig = Pick<Config, 'WALLET_CONNECTOR' | 'WALLET_URL' | 'WALLET_SECRET' | 'WALLET_TIMEOUT_MS' | 'WALLET_RETRIES'>;

/**
 * The wallet module. The built-in ledger always exists (its tables are migrated either way), but
 * WalletDesk reads customers' money through exactly one connector: the ledger in-process, or a
 * real wallet backend over HTTP.
 */
export function createWallet(deps: { orm: Orm; bus: EventBus; audit: AuditService; config: WalletConfig; clock?: () => Date; demoPages?: boolean }) {
  const { orm, bus, audit, config } = deps;
  const clock = deps.clock ?? (() => new Date());
  const store = ledgerStore(orm);
  const ledger = ledgerService({ store, clock });
  const builtin = builtinConnector({ store, clock });
  const connector =
    config.WALLET_CONNECTOR === 'http'
      ? httpConnector({ baseUrl: config.WALLET_URL!, secret: config.WALLET_SECRET!, timeoutMs: config.WALLET_TIMEOUT_MS, retries: config.WALLET_RETRIES })
      : builtin;
  const diagnostics = diagnosticsService({ connector, clock });
  const service = walletService({ connector, diagnostics, audit, bus });

  return {
    connector,
    ledger,
    diagnostics,
    service,
    /** Invariant check for operators and benchmarks: all zero on a healthy ledger. */
    invariantViolations: () => store.invariantViolations(),
    routes: walletRoutes(service),
    /** The built-in ledger serves the connector contract only when a secret is configured for it. */
    connectorRoutes: config.WALLET_CONNECTOR === 'builtin' && config.WALLET_SECRET ? connectorRoutes(builtin, config.WALLET_SECRET) : null,
    seeders: walletSeeders(store, clock),
    /** What the demo wallet page reads; only in a demo install that signs its own customer tokens. */
    demoRoutes: deps.demoPages ? demoWalletRoutes(connector) : null,
  };
}

export type Wallet = ReturnType<typeof createWallet>;
