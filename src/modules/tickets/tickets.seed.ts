import { uuidv7 } from 'uuidv7';
import type { Seeder } from '../../platform/seeding.js';
import type { TicketsStore } from './tickets.store.js';

type Kind = 'text' | 'number' | 'money' | 'date' | 'select';
const field = (category: string, key: string, kind: Kind, en: string, zh: string, required = false, options: [string, string, string][] = []) => ({
  category,
  key,
  kind,
  labelEn: en,
  labelZh: zh,
  required,
  options: options.map(([value, oen, ozh]) => ({ value, label: { en: oen, 'zh-CN': ozh } })),
});

/**
 * The questions each issue type asks beyond the common ones (transaction reference, amount, time,
 * error): what a back-office team needs to trace the case without writing back first.
 */
const starterFields = [
  field('top_up', 'top_up_method', 'select', 'How did you top up?', '充值方式', true, [
    ['bank_card', 'Bank card', '银行卡'],
    ['bank_transfer', 'Bank transfer', '银行转账'],
    ['other', 'Other', '其他'],
  ]),
  field('top_up', 'bank_name', 'text', 'Bank', '银行名称'),
  field('transfer', 'recipient', 'text', "Recipient's account or phone (masked is fine)", '收款人账号或手机号（可部分隐藏）', true),
  field('refund', 'merchant', 'text', 'Merchant', '商户名称', true),
  field('withdrawal', 'bank_card_last4', 'text', 'Last 4 digits of the bank card', '银行卡尾号（后 4 位）'),
  field('payment_failed', 'merchant', 'text', 'Merchant', '商户名称'),
  field('frozen_account', 'noticed_at', 'date', 'When did you notice?', '发现日期'),
  field('complaint', 'expected_resolution', 'select', 'What would put this right?', '您希望如何解决？', true, [
    ['refund', 'A refund', '退款'],
    ['explanation', 'An explanation', '给出解释'],
    ['compensation', 'Compensation', '补偿'],
    ['other', 'Something else', '其他'],
  ]),
  field('complaint', 'previous_reference', 'text', 'Earlier request reference, if any', '之前的工单编号（如有）'),
];

export function ticketsSeeders(store: TicketsStore): Seeder[] {
  return [
    {
      name: 'tickets.fields',
      demo: false,
      run: () => store.insertFields(starterFields.map((f, i) => ({ id: uuidv7(), position: i, ...f }))),
    },
  ];
}
