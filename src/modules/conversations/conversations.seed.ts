import { uuidv7 } from 'uuidv7';
import type { Seeder } from '../../platform/seeding.js';
import type { ConversationsStore } from './conversations.store.js';

/** A starter set of canned responses, so agents in a demo have "/" shortcuts to try. */
const demoCanned = [
  {
    shortcut: 'hello',
    title: 'Greeting',
    zh: '{{customer.name}}您好，我是客服{{agent.name}}，很高兴为您服务。我已经看到了您和智能客服的对话，马上帮您处理。',
    en: "Hello {{customer.name}}, I'm {{agent.name}} from the support team. I've read your chat with our assistant and I'm on it.",
  },
  {
    shortcut: 'checking',
    title: 'Checking the transaction',
    zh: '我正在帮您查询交易 {{transaction.id}}，请稍等一两分钟。',
    en: "I'm looking into transaction {{transaction.id}} for you; this takes a minute or two.",
  },
  {
    shortcut: 'never-share',
    title: 'Safety reminder',
    zh: '温馨提示：我们的工作人员绝不会向您索要登录密码、支付密码、验证码或助记词，请不要告诉任何人。',
    en: 'A reminder: our staff will never ask for your password, payment PIN, verification codes or seed phrase. Please never share them with anyone.',
  },
  {
    shortcut: 'refund-time',
    title: 'Refund timing',
    zh: '退款 {{transaction.id}} 已经原路退回，银行卡一般 1-3 个工作日到账，钱包余额会即时到账。',
    en: 'Refund {{transaction.id}} is on its way back the way you paid: 1 to 3 working days to a bank card, at once to your wallet balance.',
  },
  {
    shortcut: 'bye',
    title: 'Closing',
    zh: '还有其他可以帮您的吗？如果没有，稍后会请您为本次服务评分，感谢您的耐心。',
    en: 'Is there anything else I can help with? If not, you will be asked to rate this chat in a moment. Thank you for your patience.',
  },
];

export function conversationsSeeders(store: ConversationsStore): Seeder[] {
  return [
    {
      name: 'conversations.demo-canned',
      demo: true,
      async run() {
        for (const c of demoCanned) await store.insertCanned({ id: uuidv7(), shortcut: c.shortcut, title: c.title, textZh: c.zh, textEn: c.en, createdBy: null });
      },
    },
  ];
}
