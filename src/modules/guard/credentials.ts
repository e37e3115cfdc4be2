import type { Finding, SecretType } from './guard.js';

interface Rule {
  type: SecretType;
  /** Must have the `d` flag and one capture group: the value to hide. */
  pattern: RegExp;
  confidence: number;
  accept?: (value: string, text: string, start: number) => boolean;
}

/** Words that follow "password is" in complaints about a password, not in a disclosure of one. */
const notAPassword = new Set([
  'wrong', 'incorrect', 'correct', 'right', 'invalid', 'expired', 'not', 'too', 'the', 'my', 'your', 'a', 'an', 'forgotten',
  'forgot', 'lost', 'reset', 'changed', 'locked', 'blocked', 'same', 'different', 'still', 'ok', 'okay', 'fine', 'weak', 'strong',
  'required', 'needed', 'being', 'working', 'empty', 'missing', 'rejected', 'accepted', 'saved', 'set', 'stolen', 'hacked',
  'compromised', 'leaked', 'safe', 'secure', 'long', 'short', 'case-sensitive', 'also', 'now', 'gone', 'there', 'here',
]);

const trailing = /[.,!?;:。，！？；：)）"'”’]+$/;

function plausiblePassword(value: string): boolean {
  const v = value.replace(trailing, '');
  if (v.length < 4 || notAPassword.has(v.toLowerCase())) return false;
  // A password is typed on a keyboard: Chinese words after "密码是" are a description ("密码是对的").
  return /[!-~]/.test(v) && !/^[\u4e00-\u9fff]+$/.test(v);
}

/** "error code 1001", "promo code 8888": codes that are not secrets, named by the word before. */
const harmlessCodeBefore = /(error|err|promo|promotion|zip|postal|post|order|discount|coupon|country|area|product|reference|ref|tracking|swift|bank|branch|merchant|invite|invitation|referral|status|reason|qr|邀请|邀請|优惠|優惠|错误|錯誤|订单|訂單|邮编|郵編|区号|區號|商户|商戶)[\s_-]*$/i;

const rules: Rule[] = [
  // Payment PIN before password, so "支付密码是 123456" is a PIN, not a generic password.
  {
    type: 'payment_pin',
    pattern: /(?:支付密码|支付密碼|交易密码|交易密碼|付款密码|付款密碼|支付\s*pin|pin\s*码|pin\s*碼|pin\s*code|payment\s*(?:pin|password|passcode)|\bpin)\s*(?:is|was|=|:|：|是|为|為|-)?\s*[:：]?\s*(\d{4,8})(?!\d)/dgi,
    confidence: 0.97,
  },
  {
    type: 'password',
    pattern: /(?:登录密码|登錄密碼|登陆密码|密码|密碼|口令)\s*(?:是|为|為|：|:|=)\s*([^\s，。,；;！!？?]{4,64})/dg,
    confidence: 0.95,
    accept: plausiblePassword,
  },
  {
    type: 'password',
    pattern: /\b(?:password|passwd|pwd|passcode|pass\s+word|login\s+pin)\s*(?:is|was|=|:|-)\s*[:=]?\s*["'“]?([^\s"'”]{4,64})/dgi,
    confidence: 0.95,
    accept: plausiblePassword,
  },
  {
    type: 'verification_code',
    pattern: /(?:验证码|驗證碼|校验码|校驗碼|动态码|動態碼|短信码|短信碼|确认码|確認碼|动态密码|動態密碼)[^\d\n]{0,6}?(\d{4,8})(?!\d)/dg,
    confidence: 0.97,
  },
  {
    type: 'verification_code',
    pattern: /(?<!\d)(\d{4,8})\s*(?:是|为|為|就是)?\s*(?:我的|你们的|刚才的|剛才的)?\s*(?:验证码|驗證碼|校验码|校驗碼|动态码|動態碼)/dg,
    confidence: 0.95,
  },
  {
    type: 'verification_code',
    pattern: /\b(?:verification|verify|security|confirmation|one[-\s]?time|sms|auth(?:entication)?|2fa|login|otp|access)?\s*(?:code|otp|passcode)\b[^\d\n#]{0,14}?(\d{4,8})(?!\d)/dgi,
    confidence: 0.9,
    accept: (_value, text, start) => {
      const head = text.slice(Math.max(0, start - 40), start);
      const label = head.search(/(?:code|otp|passcode)\b[^\d\n#]*$/i);
      return label < 0 || !harmlessCodeBefore.test(head.slice(0, label));
    },
  },
  {
    type: 'verification_code',
    pattern: /(?<!\d)(\d{4,8})\s+(?:is|was)\s+(?:the|my)\s+(?:verification\s+|sms\s+|security\s+|one[-\s]?time\s+)?(?:code|otp)\b/dgi,
    confidence: 0.9,
  },
  {
    type: 'cvv',
    pattern: /(?:\bcvv2?|\bcvc2?|\bcsc|card\s+security\s+code|安全码|安全碼|卡背面?(?:的)?(?:三位|3位|后三位|後三位)数?字?|背面三位数?字?)[^\d\n]{0,6}?(\d{3,4})(?!\d)/dgi,
    confidence: 0.97,
  },
];

/** Cheap first pass: most chat lines mention none of these words and skip every rule. */
const anyLabel = /密码|密碼|口令|验证码|驗證碼|校验码|校驗碼|动态|動態|短信|确认码|確認碼|安全码|安全碼|卡背|背面|\b(?:pin|pass\w*|pwd|code|otp|cvv2?|cvc2?|csc)\b/i;

/** Passwords, payment PINs, verification codes and CVVs given in context. Only the value is reported. */
export function findCredentials(text: string): Finding[] {
  const out: Finding[] = [];
  if (!anyLabel.test(text)) return out;
  const taken: [number, number][] = [];
  for (const rule of rules) {
    for (const m of text.matchAll(rule.pattern)) {
      const span = m.indices?.[1];
      if (!span) continue;
      const start = span[0];
      const value = m[1]!;
      if (rule.accept && !rule.accept(value, text, start)) continue;
      const end = start + value.replace(trailing, '').length;
      if (taken.some(([s, e]) => start < e && end > s)) continue;
      taken.push([start, end]);
      out.push({ type: rule.type, start, end, confidence: rule.confidence, secret: true });
    }
  }
  return out;
}
