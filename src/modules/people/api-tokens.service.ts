import { uuidv7 } from 'uuidv7';
import type { Actor, Scope } from '../../platform/http/access.js';
import { AppError } from '../../platform/http/app-error.js';
import type { AuditService } from '../audit/index.js';
import type { PeopleStore } from './people.store.js';
import { API_TOKEN_PREFIX, randomToken, sha256 } from './secrets.js';

export interface ApiTokenInfo {
  id: string;
  name: string;
  /** The first characters, so an admin can tell tokens apart; never enough to use. */
  prefix: string;
  scopes: Scope[];
  createdBy: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export function apiTokensService(deps: { store: PeopleStore; audit: AuditService }) {
  const { store, audit } = deps;
  return {
    async list(): Promise<ApiTokenInfo[]> {
      return (await store.listApiTokens()).map(({ tokenHash: _hash, ...info }) => ({ ...info, scopes: info.scopes as Scope[] }));
    },

    /** The returned `token` is the only time the secret exists outside the caller's hands. */
    async create(input: { name: string; scopes: Scope[]; expiresAt?: Date }, createdBy: string, actor: Actor): Promise<{ token: string; info: ApiTokenInfo }> {
      const token = `${API_TOKEN_PREFIX}${randomToken()}`;
      const id = uuidv7();
      const row = {
        id,
        name: input.name,
        tokenHash: sha256(token),
        prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
        scopes: [...new Set(input.scopes)],
        createdBy,
        expiresAt: input.expiresAt ?? null,
      };
      await store.insertApiToken(row);
      await audit.record({ actor, action: 'api_token.created', target: { type: 'api_token', id }, details: { scopes: row.scopes } });
      const info = (await this.list()).find((t) => t.id === id)!;
      return { token, info };
    },

    async revoke(id: string, actor: Actor): Promise<void> {
      if (!(await store.revokeApiToken(id, new Date()))) {
        if (!(await store.apiTokenExists(id))) throw new AppError('API_TOKEN_NOT_FOUND');
        return; // already revoked: revoking is idempotent
      }
      await audit.record({ actor, action: 'api_token.revoked', target: { type: 'api_token', id } });
    },
  };
}

export type ApiTokensService = ReturnType<typeof apiTokensService>;
