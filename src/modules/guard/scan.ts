import { catalog } from '../../platform/i18n/index.js';
import { findCredentials } from './credentials.js';
import { detectLang, isSecretType, type Finding, type Lang, type ScanResult } from './guard.js';
import { findPersonalData, maskPersonal } from './personal-data.js';
import { findPrivateKeys } from './private-key.js';
import { findScamSignals } from './scam-signals.js';
import { findSeedPhrases } from './seed-phrase.js';

const localeOf = (lang: Lang) => (lang === 'zh' ? 'zh-CN' : 'en');

/** Where findings overlap, a secret beats personal data, then the surer and the longer one wins. */
function resolveOverlaps(findings: Finding[]): Finding[] {
  const ranked = [...findings].sort(
    (a, b) => Number(b.secret) - Number(a.secret) || b.confidence - a.confidence || b.end - b.start - (a.end - a.start),
  );
  const kept: Finding[] = [];
  for (const f of ranked) if (!kept.some((k) => f.start < k.end && f.end > k.start)) kept.push(f);
  return kept.sort((a, b) => a.start - b.start);
}

function applyMasks(text: string, findings: Finding[], lang: Lang): string {
  const placeholders = catalog(localeOf(lang)).guard.placeholders;
  let out = '';
  let at = 0;
  for (const f of findings) {
    out += text.slice(at, f.start);
    out += isSecretType(f.type) ? placeholders[f.type] : maskPersonal(f.type, text.slice(f.start, f.end));
    at = f.end;
  }
  return out + text.slice(at);
}

/**
 * The one entry point every text path calls before storing, indexing, logging or showing text.
 * Pure and synchronous: the raw text never leaves the caller's memory.
 */
export function scanText(text: string, options: { lang?: Lang } = {}): ScanResult {
  const findings = resolveOverlaps([...findSeedPhrases(text), ...findPrivateKeys(text), ...findCredentials(text), ...findPersonalData(text)]);
  const { scam, signals } = findScamSignals(text);
  return {
    findings,
    masked: findings.length ? applyMasks(text, findings, options.lang ?? detectLang(text)) : text,
    scam,
    scamSignals: signals,
    hasSecret: findings.some((f) => f.secret),
  };
}

export function maskText(text: string, options: { lang?: Lang } = {}): string {
  return scanText(text, options).masked;
}

export function securityWarning(locale: 'zh-CN' | 'en'): string {
  return catalog(locale).guard.securityWarning;
}

export function scamAdvice(locale: 'zh-CN' | 'en'): string {
  return catalog(locale).guard.scamAdvice;
}
