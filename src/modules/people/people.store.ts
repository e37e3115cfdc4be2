import { and, asc, count, desc, eq, gt, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Orm } from '../../platform/db/database.js';
import type { Role } from '../../platform/http/access.js';
import type { Agent, Presence, Team } from './people.js';
import { agents, apiTokens, sessions, teamMembers, teams } from './people.tables.js';

export type AgentRow = typeof agents.$inferSelect;
export type NewAgentRow = typeof agents.$inferInsert;
export type SessionRow = typeof sessions.$inferSelect;
export type ApiTokenRow = typeof apiTokens.$inferSelect;

const agentColumns = {
  id: agents.id,
  email: agents.email,
  name: agents.name,
  displayName: agents.displayName,
  role: agents.role,
  active: agents.active,
  presence: agents.presence,
  presenceChangedAt: agents.presenceChangedAt,
  capacity: agents.capacity,
  skillCategories: agents.skillCategories,
  skillLanguages: agents.skillLanguages,
  lastLoginAt: agents.lastLoginAt,
  createdAt: agents.createdAt,
  updatedAt: agents.updatedAt,
};

export interface AgentListFilter {
  role?: Role;
  active?: boolean;
  presence?: Presence;
  teamId?: string;
  after?: string;
  limit: number;
}

export function peopleStore(orm: Orm) {
  /** Team memberships keyed by agent (their team ids) or by team (its agent ids). */
  async function memberships(by: 'agent' | 'team', ids: string[]): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return map;
    const rows = await orm.select().from(teamMembers).where(inArray(by === 'agent' ? teamMembers.agentId : teamMembers.teamId, ids));
    for (const r of rows) {
      if (by === 'agent') map.get(r.agentId)?.push(r.teamId);
      else map.get(r.teamId)?.push(r.agentId);
    }
    return map;
  }

  async function withTeams(rows: Omit<Agent, 'teamIds'>[]): Promise<Agent[]> {
    const teamIds = await memberships('agent', rows.map((r) => r.id));
    return rows.map((r) => ({ ...r, teamIds: teamIds.get(r.id) ?? [] }));
  }

  return {
    // ---- agents
    async findAgentForLogin(email: string): Promise<AgentRow | undefined> {
      return (await orm.select().from(agents).where(eq(agents.email, email)).limit(1))[0];
    },

    async getAgent(id: string): Promise<Agent | undefined> {
      const rows = await orm.select(agentColumns).from(agents).where(eq(agents.id, id));
      return (await withTeams(rows))[0];
    },

    async getPasswordHash(id: string): Promise<string | undefined> {
      return (await orm.select({ h: agents.passwordHash }).from(agents).where(eq(agents.id, id)))[0]?.h;
    },

    async listAgents(f: AgentListFilter): Promise<Agent[]> {
      const where: SQL[] = [];
      if (f.role) where.push(eq(agents.role, f.role));
      if (f.active !== undefined) where.push(eq(agents.active, f.active));
      if (f.presence) where.push(eq(agents.presence, f.presence));
      if (f.teamId) where.push(inArray(agents.id, orm.select({ id: teamMembers.agentId }).from(teamMembers).where(eq(teamMembers.teamId, f.teamId))));
      if (f.after) where.push(gt(agents.id, f.after));
      const rows = await orm.select(agentColumns).from(agents).where(and(...where)).orderBy(asc(agents.id)).limit(f.limit + 1);
      return withTeams(rows);
    },

    async countActiveAdmins(): Promise<number> {
      const [row] = await orm.select({ n: count() }).from(agents).where(and(eq(agents.role, 'admin'), eq(agents.active, true)));
      return Number(row?.n ?? 0);
    },

    async insertAgent(row: NewAgentRow): Promise<void> {
      await orm.insert(agents).values(row);
    },

    async updateAgent(id: string, patch: Partial<NewAgentRow>): Promise<void> {
      await orm.update(agents).set({ ...patch, updatedAt: new Date() }).where(eq(agents.id, id));
    },

    async setAgentTeams(agentId: string, teamIds: string[]): Promise<void> {
      await orm.delete(teamMembers).where(eq(teamMembers.agentId, agentId));
      if (teamIds.length) await orm.insert(teamMembers).values(teamIds.map((teamId) => ({ teamId, agentId })));
    },

    /** Counts a failure and locks when it reaches the limit, in one statement so parallel guesses all count. */
    async recordFailedLogin(id: string, maxFailures: number, lockUntil: Date): Promise<{ lockedUntil: Date | null }> {
      const [row] = await orm
        .update(agents)
        .set({
          failedLogins: sql`case when ${agents.failedLogins} + 1 >= ${maxFailures} then 0 else ${agents.failedLogins} + 1 end`,
          lockedUntil: sql`case when ${agents.failedLogins} + 1 >= ${maxFailures} then ${lockUntil.toISOString()}::timestamptz else ${agents.lockedUntil} end`,
        })
        .where(eq(agents.id, id))
        .returning({ lockedUntil: agents.lockedUntil });
      return { lockedUntil: row?.lockedUntil ?? null };
    },

    async recordSuccessfulLogin(id: string, at: Date): Promise<void> {
      await orm.update(agents).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: at }).where(eq(agents.id, id));
    },

    // ---- sessions
    async insertSession(row: typeof sessions.$inferInsert): Promise<void> {
      await orm.insert(sessions).values(row);
    },

    async findSession(tokenHash: string, now: Date): Promise<{ session: SessionRow; role: Role; active: boolean } | undefined> {
      const [row] = await orm
        .select({ session: sessions, role: agents.role, active: agents.active })
        .from(sessions)
        .innerJoin(agents, eq(agents.id, sessions.agentId))
        .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)));
      return row;
    },

    async touchSession(id: string, at: Date): Promise<void> {
      await orm.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id));
    },

    async deleteSession(id: string): Promise<void> {
      await orm.delete(sessions).where(eq(sessions.id, id));
    },

    async deleteSessionsOf(agentId: string, exceptSessionId?: string): Promise<void> {
      await orm
        .delete(sessions)
        .where(exceptSessionId ? and(eq(sessions.agentId, agentId), sql`${sessions.id} <> ${exceptSessionId}`) : eq(sessions.agentId, agentId));
    },

    async deleteExpiredSessions(now: Date): Promise<void> {
      await orm.delete(sessions).where(lt(sessions.expiresAt, now));
    },

    // ---- teams
    async listTeams(): Promise<Team[]> {
      const rows = await orm.select().from(teams).orderBy(asc(teams.name));
      const members = await memberships('team', rows.map((r) => r.id));
      return rows.map((r) => ({ ...r, memberIds: members.get(r.id) ?? [] }));
    },

    async getTeam(id: string): Promise<Team | undefined> {
      const [row] = await orm.select().from(teams).where(eq(teams.id, id));
      if (!row) return undefined;
      const members = await memberships('team', [id]);
      return { ...row, memberIds: members.get(id) ?? [] };
    },

    async existingTeamIds(ids: string[]): Promise<string[]> {
      if (ids.length === 0) return [];
      return (await orm.select({ id: teams.id }).from(teams).where(inArray(teams.id, ids))).map((r) => r.id);
    },

    async existingAgentIds(ids: string[]): Promise<string[]> {
      if (ids.length === 0) return [];
      return (await orm.select({ id: agents.id }).from(agents).where(inArray(agents.id, ids))).map((r) => r.id);
    },

    async insertTeam(row: typeof teams.$inferInsert): Promise<void> {
      await orm.insert(teams).values(row);
    },

    async updateTeam(id: string, patch: Partial<typeof teams.$inferInsert>): Promise<boolean> {
      const rows = await orm.update(teams).set({ ...patch, updatedAt: new Date() }).where(eq(teams.id, id)).returning({ id: teams.id });
      return rows.length > 0;
    },

    async setTeamMembers(teamId: string, agentIds: string[]): Promise<void> {
      await orm.delete(teamMembers).where(eq(teamMembers.teamId, teamId));
      if (agentIds.length) await orm.insert(teamMembers).values(agentIds.map((agentId) => ({ teamId, agentId })));
    },

    async deleteTeam(id: string): Promise<boolean> {
      return (await orm.delete(teams).where(eq(teams.id, id)).returning({ id: teams.id })).length > 0;
    },

    // ---- API tokens
    async insertApiToken(row: typeof apiTokens.$inferInsert): Promise<void> {
      await orm.insert(apiTokens).values(row);
    },

    async listApiTokens(): Promise<ApiTokenRow[]> {
      return orm.select().from(apiTokens).orderBy(desc(apiTokens.createdAt));
    },

    async findUsableApiToken(tokenHash: string, now: Date): Promise<ApiTokenRow | undefined> {
      // A token stops working with its creator's account.
      const [row] = await orm
        .select({ token: apiTokens })
        .from(apiTokens)
        .innerJoin(agents, eq(agents.id, apiTokens.createdBy))
        .where(and(eq(apiTokens.tokenHash, tokenHash), eq(agents.active, true), isNull(apiTokens.revokedAt), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now))));
      return row?.token;
    },

    async touchApiToken(id: string, at: Date): Promise<void> {
      await orm.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, id));
    },

    async revokeApiToken(id: string, at: Date): Promise<boolean> {
      const rows = await orm
        .update(apiTokens)
        .set({ revokedAt: at })
        .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
        .returning({ id: apiTokens.id });
      return rows.length > 0;
    },

    async apiTokenExists(id: string): Promise<boolean> {
      return (await orm.select({ id: apiTokens.id }).from(apiTokens).where(eq(apiTokens.id, id))).length > 0;
    },
  };
}

export type PeopleStore = ReturnType<typeof peopleStore>;
