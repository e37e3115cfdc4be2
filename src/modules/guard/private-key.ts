import { createBase58check } from '@scure/base';
import { sha256 } from '@noble/hashes/sha2.js';
import type { Finding } from './guard.js';

const base58check = createBase58check(sha256);

const hex64 = /(?<![0-9A-Fa-f])(?:0x)?[0-9A-Fa-f]{64}(?![0-9A-Fa-f])/g;
const wif = /(?<![1-9A-HJ-NP-Za-km-z])[5KLc9][1-9A-HJ-NP-Za-km-z]{50,51}(?![1-9A-HJ-NP-Za-km-z])/g;
const extended = /(?<![1-9A-HJ-NP-Za-km-z])[xyztuv]prv[1-9A-HJ-NP-Za-km-z]{100,112}(?![1-9A-HJ-NP-Za-km-z])/g;

/** What a 64-hex string is called decides what it is: a transaction hash support needs, or a key. */
const referenceWords = /(tx|txid|txn|hash|transaction|交易哈希|交易號|交易号|哈希|交易\s*id|区块|區塊|block|订单|訂單)/gi;
const keyWords = /(private|priv|secret|私钥|私鑰|密钥|密鑰|key)/gi;

function lastIndex(re: RegExp, s: string): number {
  let last = -1;
  for (const m of s.matchAll(re)) last = m.index;
  return last;
}

function isValidWif(s: string): boolean {
  try {
    const payload = base58check.decode(s);
    return (payload.length === 33 || payload.length === 34) && (payload[0] === 0x80 || payload[0] === 0xef);
  } catch {
    return false;
  }
}

/** Raw private keys (hex, WIF) and extended private keys (xprv and its variants). */
export function findPrivateKeys(text: string): Finding[] {
  const out: Finding[] = [];
  if (text.length < 51) return out;
  for (const m of text.matchAll(hex64)) {
    const before = text.slice(Math.max(0, m.index - 30), m.index);
    const ref = lastIndex(referenceWords, before);
    const key = lastIndex(keyWords, before);
    if (ref > key) continue;
    out.push({ type: 'private_key', start: m.index, end: m.index + m[0].length, confidence: key >= 0 ? 0.99 : 0.9, secret: true });
  }
  for (const m of text.matchAll(wif)) {
    if (isValidWif(m[0])) out.push({ type: 'private_key', start: m.index, end: m.index + m[0].length, confidence: 0.99, secret: true });
  }
  for (const m of text.matchAll(extended)) {
    out.push({ type: 'extended_private_key', start: m.index, end: m.index + m[0].length, confidence: 0.99, secret: true });
  }
  return out;
}
