import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Conversation, Message } from './conversations.js';
import { renderTranscript } from './transcript.js';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 25, 8, minute));
const conversation = { id: 'c1', createdAt: at(0) } as Conversation;
let seq = 0;
const message = (authorType: Message['authorType'], text: string, over: Partial<Message> = {}): Message => ({
  id: `m${++seq}`, conversationId: 'c1', seq, clientId: `k${seq}`, authorType, authorId: null, kind: 'text', text, payload: {}, createdAt: at(seq), ...over,
});

describe('transcript', () => {
  const messages = [
    message('customer', '充值还没到账，密码是 [密码已隐藏]'),
    message('bot', '我来帮您查一下。'),
    message('system', 'assigned', { kind: 'event' }),
    message('agent', '已经到账了。', { authorId: 'a1' }),
    message('customer', '', { kind: 'attachment', payload: { attachment: { name: 'receipt.png' } } }),
  ];

  test("reads in the customer's language with staff display names, without internal events", () => {
    const text = renderTranscript({ conversation, messages, agentNames: new Map([['a1', '李娜']]), locale: 'zh-CN' });
    assert.match(text, /^WalletDesk 对话记录\n对话 c1，开始于 2026-11-25 08:00/);
    assert.match(text, /\[2026-11-25 08:01\] 您: 充值还没到账，密码是 \[密码已隐藏\]/);
    assert.match(text, /\] 智能客服: 我来帮您查一下。/);
    assert.match(text, /\] 李娜: 已经到账了。/);
    assert.match(text, /\] 您: \[文件：receipt\.png\]/);
    assert.doesNotMatch(text, /assigned/);
    assert.match(text, /绝不会索要/);
  });

  test('in English, and an agent whose name is unknown is shown by role', () => {
    const text = renderTranscript({ conversation, messages, agentNames: new Map(), locale: 'en' });
    assert.match(text, /\] You: /);
    assert.match(text, /\] Assistant: /);
    assert.match(text, /\] Agent: 已经到账了。/);
  });
});
