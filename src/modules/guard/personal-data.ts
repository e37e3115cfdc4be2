import type { Finding, PersonalType } from './guard.js';

const idWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const idCheck = '10X98765432';

/** GB 11643: 17 digits, a birth date, and a mod-11 check character. */
export function isResidentId(s: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(s)) return false;
  const sum = idWeights.reduce((acc, w, i) => acc + w * Number(s[i]), 0);
  if (idCheck[sum % 11] !== s[17]!.toUpperCase()) return false;
  const year = Number(s.slice(6, 10));
  const month = Number(s.slice(10, 12));
  const day = Number(s.slice(12, 14));
  return year >= 1900 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Card schemes' leading digits (UnionPay 62/81, Visa 4, Mastercard 51-55/2221-2720, Amex 34/37, JCB 35, Diners 30/36/38, domestic debit 6/9). */
function plausibleCardPrefix(d: string): boolean {
  if (/^[34569]/.test(d)) return true;
  if (d.startsWith('81')) return true;
  const four = Number(d.slice(0, 4));
  return four >= 2221 && four <= 2720;
}

const isMobile = (d: string) => /^1[3-9]\d{9}$/.test(d);

/** A number labelled as an order or transaction reference is not a card, whatever its digits. */
const referenceBefore = /(订单|訂單|单号|單號|交易号|交易號|流水号|流水號|编号|編號|参考号|參考號|order|tx|txn|transaction|ref|reference|invoice|tracking|no\.|#)\s*[:：#]?\s*$/i;

const idPattern = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const cardPattern = /(?<![\d-])\d(?:[ -]?\d){11,18}(?![\d-])/g;
const phonePattern = /(?<![\d+])(?:\+?86[-\s]?)?1[3-9]\d(?:[-\s]?\d{4}){2}(?!\d)/g;
const emailPattern = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

function push(out: Finding[], type: PersonalType, start: number, end: number, confidence: number) {
  if (out.some((f) => start < f.end && end > f.start)) return;
  out.push({ type, start, end, confidence, secret: false });
}

/** Resident IDs, bank cards, mobile numbers and e-mail addresses (masked, not hidden). */
export function findPersonalData(text: string): Finding[] {
  const out: Finding[] = [];
  if (/\d{3}/.test(text)) {
    for (const m of text.matchAll(idPattern)) if (isResidentId(m[0])) push(out, 'resident_id', m.index, m.index + 18, 0.98);
    for (const m of text.matchAll(phonePattern)) push(out, 'phone', m.index, m.index + m[0].length, 0.9);
    for (const m of text.matchAll(cardPattern)) {
      const digits = m[0].replace(/[ -]/g, '');
      if (digits.length < 12 || digits.length > 19 || isMobile(digits) || isResidentId(digits)) continue;
      if (!luhnValid(digits) || !plausibleCardPrefix(digits)) continue;
      if (referenceBefore.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
      push(out, 'bank_card', m.index, m.index + m[0].length, 0.95);
    }
  }
  if (text.includes('@')) for (const m of text.matchAll(emailPattern)) push(out, 'email', m.index, m.index + m[0].length, 0.95);
  return out;
}

/** Card: first 6 and last 4; ID: first 3 and last 4; phone: first 3 and last 4; e-mail: first letter and domain. */
export function maskPersonal(type: PersonalType, value: string): string {
  switch (type) {
    case 'bank_card': {
      const d = value.replace(/[ -]/g, '');
      return `${d.slice(0, 6)}${'*'.repeat(d.length - 10)}${d.slice(-4)}`;
    }
    case 'resident_id':
      return `${value.slice(0, 3)}${'*'.repeat(11)}${value.slice(-4)}`;
    case 'phone': {
      const d = value.replace(/[-\s]/g, '').replace(/^\+?86/, '');
      return `${d.slice(0, 3)}****${d.slice(-4)}`;
    }
    case 'email': {
      const at = value.indexOf('@');
      return `${value[0]}***${value.slice(at)}`;
    }
  }
}
