import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { catalog } from '../../platform/i18n/index.js';
import {
  emailTemplates,
  inboundVerdict,
  isSupportAddress,
  messageIdFor,
  renderMail,
  stripQuotedHistory,
  subjectWithReference,
  templateVars,
  textToHtml,
  threadHeaders,
  ticketReferenceOf,
  type VerdictInput,
} from './email.js';

/** Replies as the common clients write them; `want` is what the customer typed. */
const samples: { name: string; text: string; want: string }[] = [
  { name: 'Gmail (en)', text: 'Thanks, it arrived now.\n\nOn Tue, Nov 24, 2026 at 10:02 AM WalletDesk Support <support@walletdesk.example> wrote:\n> Hello, we checked your top-up.\n> Regards\n', want: 'Thanks, it arrived now.' },
  { name: 'Gmail (en), attribution wrapped', text: 'Still not there.\n\nOn Tue, Nov 24, 2026 at 10:02 AM WalletDesk Support <\nsupport@walletdesk.example> wrote:\n\n> Hello\n', want: 'Still not there.' },
  { name: 'Outlook (en)', text: 'Please refund me.\n\n________________________________\nFrom: WalletDesk Support <support@walletdesk.example>\nSent: Tuesday, November 24, 2026 10:02 AM\nTo: Li Na <li@example.com>\nSubject: Re: [#WD-7K3M9Q2X] Top-up\n\nHello, ...\n', want: 'Please refund me.' },
  { name: '-----Original Message-----', text: 'See below.\n\n-----Original Message-----\nFrom: support@walletdesk.example\nSent: 2026-11-24\nHello\n', want: 'See below.' },
  { name: 'QQ Mail (zh)', text: '钱还是没到账。\n\n\n------------------ 原始邮件 ------------------\n发件人: "WalletDesk 客服"<support@walletdesk.example>;\n发送时间: 2026年11月24日(星期二) 上午10:02\n收件人: "李娜"<li@example.com>;\n主题: 回复：[#WD-7K3M9Q2X] 充值未到账\n\n您好，我们已经查询\n', want: '钱还是没到账。' },
  { name: 'NetEase (zh)', text: '好的，谢谢\n\n\n\n\n在 2026-11-24 10:02:11，"WalletDesk 客服" <support@walletdesk.example> 写道：\n>您好，我们已经查询\n', want: '好的，谢谢' },
  { name: 'Gmail (zh)', text: '已经收到了\n\nWalletDesk 客服 <support@walletdesk.example> 于2026年11月24日周二 10:02写道：\n\n> 您好\n', want: '已经收到了' },
  { name: 'Apple Mail (zh)', text: '还是失败\n\n> 在 2026年11月24日，10:02，WalletDesk 客服 <support@walletdesk.example> 写道：\n> \n> 您好\n', want: '还是失败' },
  { name: 'Foxmail (zh)', text: '请尽快处理\n\n\n发件人： WalletDesk 客服\n发送时间： 2026-11-24 10:02\n收件人： 李娜\n主题： [#WD-7K3M9Q2X] 充值未到账\n您好\n', want: '请尽快处理' },
  { name: 'Outlook (zh)', text: '请退款\n\n________________________________\n发件人: WalletDesk 客服 <support@walletdesk.example>\n发送时间: 2026年11月24日 10:02\n收件人: 李娜\n主题: 充值未到账\n\n您好\n', want: '请退款' },
  { name: 'a signature after "--" stays', text: 'My top-up of 100 CNY did not arrive.\nOrder 2026112400123\n--\nLi Na\n', want: 'My top-up of 100 CNY did not arrive.\nOrder 2026112400123\n--\nLi Na' },
  { name: 'a sign-off stays', text: 'Hi, the transfer failed with error 51.\n\nBest regards,\nLi Na', want: 'Hi, the transfer failed with error 51.\n\nBest regards,\nLi Na' },
  { name: 'inline ">" quotes go, answers stay', text: '> Did the top-up arrive?\nNo, it did not.\n', want: 'No, it did not.' },
];

describe('stripQuotedHistory', () => {
  for (const s of samples) {
    test(s.name, () => assert.equal(stripQuotedHistory(s.text), s.want));
  }
  test('ordinary sentences that look a little like attributions are kept', () => {
    const text = 'On Monday I topped up 100 CNY.\nFrom: my bank card ending 1234\nIt still shows pending. 在App里也看不到。';
    assert.equal(stripQuotedHistory(text), text);
  });
  test('CRLF line ends are handled', () => {
    assert.equal(stripQuotedHistory('Yes\r\n\r\nOn Tue, Nov 24, 2026, Support <s@x.example> wrote:\r\n> Hi\r\n'), 'Yes');
  });
});

describe('addresses and ticket references', () => {
  const support = 'support@walletdesk.example';
  test('the support address and its plus-addresses, in any case', () => {
    assert.ok(isSupportAddress('Support@WalletDesk.example', support));
    assert.ok(isSupportAddress('support+WD-7K3M9Q2X@walletdesk.example', support));
    assert.ok(!isSupportAddress('supporter@walletdesk.example', support));
    assert.ok(!isSupportAddress('support@walletdesk.example.evil', support));
    assert.ok(!isSupportAddress('sales@walletdesk.example', support));
  });
  test('the subject token wins over a plus-address; both are read case-insensitively', () => {
    assert.equal(ticketReferenceOf('Re: Top-up [#WD-7K3M9Q2X]', [], support), 'WD-7K3M9Q2X');
    assert.equal(ticketReferenceOf('回复：充值未到账 [#wd-7k3m9q2x]', [], support), 'WD-7K3M9Q2X');
    assert.equal(ticketReferenceOf('Re: Top-up', ['support+wd-abcdefgh@walletdesk.example'], support), 'WD-ABCDEFGH');
    assert.equal(ticketReferenceOf('Re: [#WD-7K3M9Q2X]', ['support+WD-ABCDEFGH@walletdesk.example'], support), 'WD-7K3M9Q2X');
  });
  test('no token: no reference (letters outside the alphabet, a plus-address of someone else)', () => {
    assert.equal(ticketReferenceOf('Order WD-7K3M9Q2X', [], support), null);
    assert.equal(ticketReferenceOf('[#WD-ILOU0000]', [], support), null);
    assert.equal(ticketReferenceOf('Hi', ['sales+WD-7K3M9Q2X@walletdesk.example'], support), null);
  });
  test('subjects get the token once', () => {
    assert.equal(subjectWithReference('Re: Top-up', 'WD-7K3M9Q2X'), 'Re: Top-up [#WD-7K3M9Q2X]');
    assert.equal(subjectWithReference('Re: Top-up [#wd-7k3m9q2x]', 'WD-7K3M9Q2X'), 'Re: Top-up [#wd-7k3m9q2x]');
    assert.equal(subjectWithReference('Hello', undefined), 'Hello');
  });
  test('our Message-IDs carry the support domain', () => {
    assert.equal(messageIdFor('0192f0a1-aaaa-7bbb-8ccc-123456789abc', support), '<0192f0a1-aaaa-7bbb-8ccc-123456789abc@walletdesk.example>');
  });
});

describe('inboundVerdict', () => {
  const base = (headers: Record<string, string> = {}, over: Partial<VerdictInput> = {}): VerdictInput => ({
    header: (name) => headers[name],
    messageId: '<abc@mail.example.com>',
    fromAddress: 'li@example.com',
    envelopeFrom: 'li@example.com',
    supportAddress: 'support@walletdesk.example',
    ...over,
  });
  test('a plain mail is accepted', () => assert.deepEqual(inboundVerdict(base()), { action: 'accept' }));
  test('our own Message-ID domain, or our own address as sender, is a loop', () => {
    assert.deepEqual(inboundVerdict(base({}, { messageId: '<0192@WalletDesk.example>' })), { action: 'drop', reason: 'loop' });
    assert.deepEqual(inboundVerdict(base({}, { fromAddress: 'support@walletdesk.example' })), { action: 'drop', reason: 'loop' });
  });
  test('bounces (null sender, mailer-daemon) are dropped', () => {
    assert.deepEqual(inboundVerdict(base({}, { envelopeFrom: null })), { action: 'drop', reason: 'bounce' });
    assert.deepEqual(inboundVerdict(base({}, { envelopeFrom: 'MAILER-DAEMON@mx.example.com' })), { action: 'drop', reason: 'bounce' });
  });
  test('Auto-Submitted other than "no", and X-Autoreply, are auto-replies', () => {
    assert.deepEqual(inboundVerdict(base({ 'auto-submitted': 'auto-replied' })), { action: 'drop', reason: 'auto_reply' });
    assert.deepEqual(inboundVerdict(base({ 'x-autoreply': 'yes' })), { action: 'drop', reason: 'auto_reply' });
    assert.deepEqual(inboundVerdict(base({ 'auto-submitted': 'no' })), { action: 'accept' });
  });
  test('Precedence bulk, junk and list are dropped', () => {
    for (const p of ['bulk', 'Junk', 'list']) assert.deepEqual(inboundVerdict(base({ precedence: p })), { action: 'drop', reason: 'bulk' });
    assert.deepEqual(inboundVerdict(base({ precedence: 'first-class' })), { action: 'accept' });
  });
  test('spam flagged upstream is quarantined', () => {
    assert.deepEqual(inboundVerdict(base({ 'x-spam-flag': 'YES' })), { action: 'quarantine', reason: 'spam' });
    assert.deepEqual(inboundVerdict(base({ 'x-spam-status': 'Yes, score=9.1 required=5.0' })), { action: 'quarantine', reason: 'spam' });
    assert.deepEqual(inboundVerdict(base({ 'x-spam-flag': 'NO', 'x-spam-status': 'No, score=0.3' })), { action: 'accept' });
  });
});

describe('templates', () => {
  test('every template needs the same variables in zh-CN and en', () => {
    for (const t of emailTemplates) assert.deepEqual(templateVars(t, 'zh-CN').sort(), templateVars(t, 'en').sort(), t);
    assert.deepEqual(Object.keys(catalog('zh-CN').email.metrics).sort(), Object.keys(catalog('en').email.metrics).sort());
  });
  test('ticket_created carries the reference, the help-center link, the reply hint and the safety note', () => {
    const vars = { subject: 'Top-up not arrived', reference: 'WD-7K3M9Q2X', requestUrl: 'https://help.walletdesk.example/help/requests/1?key=abc' };
    const en = renderMail({ template: 'ticket_created', locale: 'en', vars, ticketReference: 'WD-7K3M9Q2X' });
    assert.equal(en.subject, 'We received your request: Top-up not arrived [#WD-7K3M9Q2X]');
    assert.match(en.text, /WD-7K3M9Q2X/);
    assert.ok(en.text.includes(vars.requestUrl));
    assert.ok(en.text.includes('keep [#WD-7K3M9Q2X] in the subject'));
    assert.ok(en.text.includes('never ask for your password'));
    const zh = renderMail({ template: 'ticket_created', locale: 'zh-CN', vars: { ...vars, subject: '充值未到账' }, ticketReference: 'WD-7K3M9Q2X' });
    assert.equal(zh.subject, '我们已收到您的工单：充值未到账 [#WD-7K3M9Q2X]');
    assert.ok(zh.text.includes('绝不会'));
    assert.ok(!/\{\w+\}/.test(en.text + zh.text), 'no slot left unfilled');
  });
  test('sla_breached names the metric in the reader\'s language', () => {
    const vars = { subject: 'Refund', reference: 'WD-7K3M9Q2X', metric: 'first_response', dueAt: '2026-11-24 10:00 UTC', ticketUrl: 'https://desk.example/console/tickets/1' };
    assert.match(renderMail({ template: 'sla_breached', locale: 'zh-CN', vars }).text, /首次响应时限/);
    assert.match(renderMail({ template: 'sla_breached', locale: 'en', vars }).text, /The first response target/);
  });
  test('the HTML alternative escapes text and links URLs', () => {
    const html = textToHtml('Hi <b>you</b>\nsee https://help.example/a?b=1&c=2\n\nbye', 'en');
    assert.ok(html.includes('Hi &lt;b&gt;you&lt;/b&gt;<br>'));
    assert.ok(html.includes('<a href="https://help.example/a?b=1&amp;c=2">'));
    assert.equal(html.match(/<p>/g)?.length, 2);
  });
});

describe('threadHeaders', () => {
  test('In-Reply-To is the last message; References the chain', () => {
    assert.deepEqual(threadHeaders([]), { inReplyTo: null, references: [] });
    assert.deepEqual(threadHeaders(['<a@x>', '<b@y>']), { inReplyTo: '<b@y>', references: ['<a@x>', '<b@y>'] });
  });
  test('a long chain keeps the first and the latest', () => {
    const chain = Array.from({ length: 30 }, (_, i) => `<${i}@x>`);
    const { references } = threadHeaders(chain, 5);
    assert.deepEqual(references, ['<0@x>', '<26@x>', '<27@x>', '<28@x>', '<29@x>']);
  });
});
