/** The guard's vocabulary: what it finds and what it returns. Pure types, no I/O. */

export type Lang = 'zh' | 'en';

export const secretTypes = ['seed_phrase', 'private_key', 'extended_private_key', 'password', 'payment_pin', 'verification_code', 'cvv'] as const;
export const personalTypes = ['resident_id', 'bank_card', 'phone', 'email'] as const;
export type SecretType = (typeof secretTypes)[number];
export type PersonalType = (typeof personalTypes)[number];
export type FindingType = SecretType | PersonalType;

export interface Finding {
  type: FindingType;
  /** UTF-16 offsets into the scanned text, end exclusive. */
  start: number;
  end: number;
  /** 0..1: how sure the detector is (a valid checksum or an explicit label raises it). */
  confidence: number;
  secret: boolean;
}

export interface ScanResult {
  findings: Finding[];
  /** Secrets replaced by typed placeholders, personal data masked. */
  masked: string;
  scam: boolean;
  scamSignals: ScamSignal[];
  hasSecret: boolean;
}

export type ScamSignal = 'impersonation' | 'safe_account' | 'screen_share' | 'install_app' | 'give_code' | 'pay_for_refund' | 'pay_to_unfreeze';

export interface OutboundVerdict {
  allowed: boolean;
  reason?: 'asks_for_secret' | 'link_not_allowed';
  /** The requested secret kind, or the offending host. */
  detail?: string;
}

const secretSet = new Set<FindingType>(secretTypes);
export const isSecretType = (t: FindingType): t is SecretType => secretSet.has(t);

/** Han characters are the signal: any meaningful share of them means a Chinese writer. */
export function detectLang(text: string): Lang {
  let han = 0;
  let latin = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fff) han++;
    else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) latin++;
  }
  return han > 0 && han * 4 >= latin ? 'zh' : han >= 2 ? 'zh' : 'en';
}
