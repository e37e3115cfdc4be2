import { systemActor } from '../../platform/http/access.js';
import type { Seeder } from '../../platform/seeding.js';
import type { AnnouncementsService } from './announcements.service.js';
import { readKbFolder, seedContentDir } from './kb-files.js';
import type { KnowledgeService } from './knowledge.service.js';

const hour = 3_600_000;

export function knowledgeSeeders(knowledge: KnowledgeService, announcements: AnnouncementsService, clock: () => Date): Seeder[] {
  return [
    {
      // The product's own help-center content (content/kb), for every install: edit or archive it.
      name: 'knowledge.content',
      demo: false,
      async run() {
        await knowledge.importFolder(systemActor, readKbFolder(seedContentDir));
      },
    },
    {
      name: 'knowledge.demo-announcements',
      demo: true,
      async run() {
        const now = clock().getTime();
        await announcements.create(systemActor, {
          kind: 'incident',
          severity: 'warning',
          audience: 'all',
          title: { 'zh-CN': '银行卡充值通道维护中，到账可能延迟', en: 'Bank-card top-ups are delayed by maintenance' },
          body: {
            'zh-CN': '部分银行的卡充值正在维护，到账可能比平时慢 1-2 小时。您的钱是安全的，维护结束后会自动到账，请不要重复充值。',
            en: 'Top-ups from some bank cards are under maintenance and may arrive 1-2 hours later than usual. Your money is safe and will arrive by itself; please do not top up twice.',
          },
          topics: ['top_up'],
          startsAt: new Date(now - hour),
          endsAt: new Date(now + 3 * hour),
        });
        await announcements.create(systemActor, {
          kind: 'feature',
          severity: 'info',
          audience: 'all',
          title: { 'zh-CN': '新功能：预约客服回电', en: 'New: ask us to call you back' },
          body: { 'zh-CN': '不方便打字？在客服中心选择“预约回电”，我们会在您选的时间打给您。', en: 'Rather talk than type? Choose "Call me back" in Help & support and we will call at the time you pick.' },
          topics: ['callback'],
          startsAt: new Date(now - 48 * hour),
          endsAt: new Date(now + 30 * 24 * hour),
        });
        await announcements.create(systemActor, {
          kind: 'policy',
          severity: 'info',
          audience: 'all',
          title: { 'zh-CN': '提现手续费调整说明', en: 'Changes to withdrawal fees' },
          body: { 'zh-CN': '每月前 1,000 元提现免费，超出部分收取 0.1%（最低 0.10 元）。', en: 'The first ¥1,000 you withdraw each month is free; above that the fee is 0.1% (minimum ¥0.10).' },
          topics: ['withdrawal', 'fees'],
          startsAt: new Date(now - 72 * hour),
          endsAt: null,
        });
      },
    },
  ];
}
