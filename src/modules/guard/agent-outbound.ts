import type { OutboundVerdict } from './guard.js';

/** What agents must never ask for, named as customers would read it. */
const secretNouns: [string, RegExp][] = [
  ['seed_phrase', /(助记词|助記詞|恢复词|恢復詞|seed\s*phrase|recovery\s*(?:phrase|words)|mnemonic|secret\s*(?:phrase|words)|backup\s*phrase)/i],
  ['private_key', /(私钥|私鑰|private\s*key|xprv|keystore)/i],
  ['payment_pin', /(支付密码|支付密碼|交易密码|交易密碼|payment\s*(?:pin|password)|\bpin\b)/i],
  ['password', /(登录密码|登錄密碼|密码|密碼|password|passcode)/i],
  ['verification_code', /(验证码|驗證碼|动态码|動態碼|短信码|短信碼|校验码|校驗碼|verification\s*code|security\s*code|\botp\b|one[-\s]?time\s*(?:code|password)|code\s+(?:you|that\s+you)\s+(?:just\s+)?(?:got|received)|the\s+code\b|sms\s*code)/i],
  ['cvv', /(\bcvv2?\b|\bcvc\b|安全码|安全碼|卡背面?三位)/i],
];

// English verbs need word boundaries: "already", "bread" or "spread" ask for nothing.
const asking = /(请|請|麻烦|麻煩|把|发|發|提供|告诉|告訴|输入|輸入|报一下|報一下|念一下|说一下|說一下|给我|給我|多少|是什么|是什麼|确认一下|確認一下|核对|核對|\b(?:send|give|tell|share|provide|type|enter|read|what(?:'s| is| was)|need|confirm|verify|let me know|can you|could you|please)\b)/i;
/** Telling customers to keep secrets is the opposite of asking for them. */
const negation = /(不要|不会|不會|切勿|请勿|請勿|勿|绝不|絕不|从不|從不|不得|不能|别|別|never|don't|do not|won't|will not|should not|shouldn't|must not|no one|nobody|anyone)/i;
/** Steps that mention a secret without asking for it: reset, change, set. */
const selfService = /(重置|修改|找回|设置|設置|更改|reset|change|set up|update|forgot)/i;

const sentenceSplit = /[。！？!?\n；;]+|(?<=[.])\s+/;

function asksForSecret(text: string): string | null {
  for (const sentence of text.split(sentenceSplit)) {
    if (!sentence.trim() || negation.test(sentence)) continue;
    for (const [kind, noun] of secretNouns) {
      if (!noun.test(sentence)) continue;
      if (selfService.test(sentence) && kind !== 'seed_phrase' && kind !== 'private_key') continue;
      if (asking.test(sentence)) return kind;
    }
  }
  return null;
}

const urlPattern = /\b(?:https?:\/\/|www\.)[^\s<>"'，。）)]+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|cn|net|org|io|app|xyz|top|cc|me|info|co|vip|link|site|online|shop|hk)(?:\/[^\s<>"'，。）)]*)?/gi;

function hostOf(link: string): string | null {
  try {
    return new URL(/^https?:\/\//i.test(link) ? link : `http://${link}`).hostname.toLowerCase();
  } catch {
    return null;
  }
}

function hostAllowed(host: string, allowed: string[]): boolean {
  return allowed.some((d) => {
    const domain = d.toLowerCase().replace(/^\*\./, '');
    return host === domain || host.endsWith(`.${domain}`);
  });
}

/** Checks a message an agent is about to send: no requests for secrets, no links off the allow-list. */
export function checkAgentMessage(text: string, options: { allowedDomains: string[] }): OutboundVerdict {
  const kind = asksForSecret(text);
  if (kind) return { allowed: false, reason: 'asks_for_secret', detail: kind };
  for (const m of text.matchAll(urlPattern)) {
    if (text[m.index - 1] === '@' || m[0].includes('@')) continue;
    const host = hostOf(m[0]);
    if (host && !hostAllowed(host, options.allowedDomains)) return { allowed: false, reason: 'link_not_allowed', detail: host };
  }
  return { allowed: true };
}
