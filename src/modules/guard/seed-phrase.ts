import { sha256 } from '@noble/hashes/sha2.js';
import { wordlist as english } from '@scure/bip39/wordlists/english.js';
import { wordlist as simplified } from '@scure/bip39/wordlists/simplified-chinese.js';
import { wordlist as traditional } from '@scure/bip39/wordlists/traditional-chinese.js';
import type { Finding } from './guard.js';

const englishWords = new Set(english);
const hanWords = new Set([...simplified, ...traditional]);
const phraseLengths = new Set([12, 15, 18, 21, 24]);
const MIN_PARTIAL = 8;

/** Words that announce a seed phrase; partial phrases count only near one of them. */
const seedContext = /(seed|mnemonic|recovery|secret (?:phrase|words)|backup (?:phrase|words)|12 words|24 words|助记词|助記詞|恢复词|恢復詞|钱包|錢包)/i;
/**
 * For a solid block of Chinese characters only an explicit label counts, and only outside the
 * block: "钱包" is in half the questions a wallet app gets, and "钱包里的钱怎么提到银行卡" is
 * itself twelve list characters.
 */
const hanSeedLabel = /(seed|mnemonic|recovery|助记词|助記詞|恢复词|恢復詞|备份词|備份詞)/i;
/** Unlabelled solid blocks this long with a valid checksum (1 in 64 or rarer by chance) count as seeds. */
const MIN_UNLABELLED_HAN_BLOCK = 18;

interface Token {
  word: string;
  start: number;
  end: number;
}

/** A gap between two phrase words: spaces, line breaks, commas, or numbering such as "2." or "(3)". */
function isSeparatorGap(text: string, from: number, to: number, allowEmpty: boolean): boolean {
  if (from === to) return allowEmpty;
  if (to - from > 8) return false;
  for (let i = from; i < to; i++) {
    const c = text[i]!;
    if (!/[\s\d.,;:、，。；：)(（）\-|/#]/.test(c)) return false;
  }
  return true;
}

const indexOf = (list: string[]) => new Map(list.map((w, i) => [w, i]));
const lists = [indexOf(english), indexOf(simplified), indexOf(traditional)];

/**
 * BIP39 checksum: the first words/3 bits of SHA-256 over the entropy. Computed from word indices
 * directly; the library's validateMnemonic normalizes and re-splits on every call, which made
 * scanning chat 20x slower.
 */
function checksumValid(words: string[]): boolean {
  if (!phraseLengths.has(words.length)) return false;
  for (const index of lists) {
    const idx = words.map((w) => index.get(w));
    if (idx.some((i) => i === undefined)) continue;
    const csBits = words.length / 3;
    const entBytes = (words.length * 11 - csBits) / 8;
    const bits = new Uint8Array(entBytes + 1);
    let pos = 0;
    for (const i of idx as number[]) {
      for (let b = 10; b >= 0; b--, pos++) if ((i >> b) & 1) bits[pos >> 3]! |= 0x80 >> (pos & 7);
    }
    const hash = sha256(bits.subarray(0, entBytes));
    const given = bits[entBytes]! >> (8 - csBits);
    if (hash[0]! >> (8 - csBits) === given) return true;
  }
  return false;
}

/** A standard-length window with a valid checksum makes the run almost certainly a seed; phrases sit at either end of a run. */
function hasValidWindow(words: string[]): boolean {
  for (const len of phraseLengths) {
    if (len > words.length) break;
    if (checksumValid(words.slice(0, len)) || checksumValid(words.slice(words.length - len))) return true;
  }
  return false;
}

function runFinding(text: string, run: Token[], contiguousHan: boolean): Finding | null {
  const words = run.map((t) => t.word);
  const start = run[0]!.start;
  const end = run[run.length - 1]!.end;
  // The label may run into the phrase itself ("seed phrase: ..." starts with two list words).
  const near = seedContext.test(text.slice(Math.max(0, start - 40), Math.min(end, start + 30)));
  const valid = words.length <= 60 && hasValidWindow(words);
  if (contiguousHan) {
    // Chinese prose is made of list characters; only an exact-length block that is labelled, or
    // long and checksummed, counts. A 12-character question passes the 4-bit checksum 1 time in 16.
    if (!phraseLengths.has(words.length)) return null;
    const labelled = hanSeedLabel.test(text.slice(Math.max(0, start - 40), start)) || hanSeedLabel.test(text.slice(end, end + 20));
    if (!labelled && !(valid && words.length >= MIN_UNLABELLED_HAN_BLOCK)) return null;
    return { type: 'seed_phrase', start, end, confidence: valid ? 0.99 : 0.9, secret: true };
  }
  if (words.length < MIN_PARTIAL) return null;
  if (words.length < 12) {
    const listed = run.some((t, i) => i > 0 && /[\n\d,，、]/.test(text.slice(run[i - 1]!.end, t.start)));
    if (!near && !listed) return null;
    return { type: 'seed_phrase', start, end, confidence: near ? 0.85 : 0.75, secret: true };
  }
  return { type: 'seed_phrase', start, end, confidence: valid ? 0.99 : near ? 0.95 : 0.9, secret: true };
}

/** Collects runs of consecutive list words separated only by separators, emitting findings. */
class RunCollector {
  private run: Token[] = [];
  constructor(private readonly text: string, private readonly out: Finding[]) {}

  add(t: Token): void {
    const prev = this.run[this.run.length - 1];
    if (prev && !isSeparatorGap(this.text, prev.end, t.start, false)) this.end();
    this.run.push(t);
  }

  end(): void {
    if (this.run.length >= MIN_PARTIAL) {
      const f = runFinding(this.text, this.run, false);
      if (f) this.out.push(f);
    }
    if (this.run.length) this.run = [];
  }
}

const isHanCode = (c: number) => c >= 0x4e00 && c <= 0x9fff;
const isLatinCode = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * BIP39 phrases in English, Simplified and Traditional Chinese, whole or partial. One pass over
 * the text with no allocation for ordinary words: chat is scanned at tens of MB/s.
 */
export function findSeedPhrases(text: string): Finding[] {
  const out: Finding[] = [];
  const latin = new RunCollector(text, out);
  const spacedHan = new RunCollector(text, out);
  let blockStart = -1;
  const endBlock = (end: number) => {
    const len = end - blockStart;
    if (blockStart >= 0 && phraseLengths.has(len)) {
      const block: Token[] = [];
      for (let k = blockStart; k < end; k++) block.push({ word: text[k]!, start: k, end: k + 1 });
      if (block.every((t) => hanWords.has(t.word))) {
        const f = runFinding(text, block, true);
        if (f) out.push(f);
      }
    }
    blockStart = -1;
  };
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (isLatinCode(c)) {
      let j = i + 1;
      while (j < text.length && isLatinCode(text.charCodeAt(j))) j++;
      const word = text.slice(i, j).toLowerCase();
      if (englishWords.has(word)) latin.add({ word, start: i, end: j });
      else latin.end();
      i = j;
      continue;
    }
    if (isHanCode(c)) {
      if (blockStart < 0) blockStart = i;
      const isolated = !(i > 0 && isHanCode(text.charCodeAt(i - 1))) && !(i + 1 < text.length && isHanCode(text.charCodeAt(i + 1)));
      // Only isolated characters ("的 一 是 ...") form a spaced phrase; a solid block is checked whole.
      if (isolated && hanWords.has(text[i]!)) spacedHan.add({ word: text[i]!, start: i, end: i + 1 });
      else spacedHan.end();
    } else if (blockStart >= 0) endBlock(i);
    i++;
  }
  if (blockStart >= 0) endBlock(text.length);
  latin.end();
  spacedHan.end();
  return out;
}
