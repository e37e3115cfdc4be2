import type { ReactElement } from 'react';
import type { Agent } from '../types.js';
import { Agents } from './agents.js';
import { Announcements } from './announcements.js';
import { AuditLog } from './audit.js';
import { Bot } from './bot.js';
import { CannedResponses } from './canned.js';
import { KnowledgeBase } from './kb.js';
import { SlaPolicies } from './sla.js';
import { Teams } from './teams.js';
import { ApiTokens } from './tokens.js';
import { Webhooks } from './webhooks.js';
import { adminPages, type PageName } from './pages.js';
import { CallbackCapacity, CallPolicyPage, ReturnVisitRules } from '../calls/admin.js';

const pages: Record<PageName, (props: { me: Agent }) => ReactElement> = { agents: Agents, teams: Teams, canned: CannedResponses, kb: KnowledgeBase, bot: Bot, announcements: Announcements, webhooks: Webhooks, tokens: ApiTokens, audit: AuditLog, sla: SlaPolicies, 'return-visits': ReturnVisitRules, 'call-policy': CallPolicyPage, 'callback-capacity': CallbackCapacity };

export function Admin({ me, page }: { me: Agent; page: string }) {
  const name = adminPages(me).find((p) => p === page) ?? 'agents';
  const Page = pages[name];
  return (
    <div className="admin">
      <Page me={me} />
    </div>
  );
}
