import { systemActor, type Role } from '../../platform/http/access.js';
import type { Seeder } from '../../platform/seeding.js';
import type { AgentsService } from './agents.service.js';
import type { TeamsService } from './teams.service.js';

export interface DemoAccount {
  email: string;
  password: string;
  role: Role;
  name: string;
  displayName: string;
  skillCategories: string[];
  skillLanguages: string[];
}

/** Published in the README and printed at start: these exist only in demo installs. */
export const demoAccounts: DemoAccount[] = [
  { email: 'admin@walletdesk.local', password: 'admin-demo-2026', role: 'admin', name: 'Admin', displayName: '管理员 Admin', skillCategories: [], skillLanguages: ['zh-CN', 'en'] },
  { email: 'supervisor@walletdesk.local', password: 'supervisor-demo-2026', role: 'supervisor', name: 'Zhou Min', displayName: '周敏', skillCategories: ['account_security', 'complaint'], skillLanguages: ['zh-CN', 'en'] },
  { email: 'li.na@walletdesk.local', password: 'agent-demo-2026', role: 'agent', name: 'Li Na', displayName: '李娜', skillCategories: ['top_up', 'payment_failed', 'transfer', 'refund', 'withdrawal'], skillLanguages: ['zh-CN'] },
  { email: 'sam.chen@walletdesk.local', password: 'agent-demo-2026', role: 'agent', name: 'Sam Chen', displayName: 'Sam Chen', skillCategories: ['account_security', 'frozen_account', 'login', 'top_up', 'payment_failed'], skillLanguages: ['en', 'zh-CN'] },
];

export function peopleSeeders(agents: AgentsService, teams: TeamsService): Seeder[] {
  return [
    {
      name: 'people.demo',
      demo: true,
      async run() {
        const ids: Record<string, string> = {};
        for (const a of demoAccounts) {
          const { agent } = await agents.create(a, systemActor);
          ids[a.email] = agent.id;
        }
        await teams.create({
          name: '支付与充值 Payments',
          description: 'Top-ups, payments, transfers, refunds and withdrawals',
          categories: ['top_up', 'payment_failed', 'transfer', 'refund', 'withdrawal', 'limits', 'fees'],
          memberIds: [ids['li.na@walletdesk.local']!, ids['sam.chen@walletdesk.local']!],
        }, systemActor);
        await teams.create({
          name: '账户安全 Security',
          description: 'Frozen accounts, lost passwords, scams and complaints',
          categories: ['account_security', 'frozen_account', 'login', 'payment_pin', 'scam', 'complaint', 'kyc'],
          memberIds: [ids['supervisor@walletdesk.local']!, ids['sam.chen@walletdesk.local']!],
        }, systemActor);
      },
    },
  ];
}
