import type { Actor } from '../../platform/http/access.js';

/** One thing someone did: `action` is `module.verb` (`agent.created`, `wallet.profile_viewed`). */
export interface AuditRecord {
  actor: Actor;
  action: string;
  target?: { type: string; id: string };
  /** Ids and reasons only: never message text, secrets or wallet balances. */
  details?: Record<string, unknown>;
}

export interface AuditEvent {
  id: string;
  at: Date;
  actorType: Actor['type'];
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

export interface AuditFilter {
  actorId?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
  before?: string;
  limit: number;
}
