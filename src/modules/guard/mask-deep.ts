import { maskText } from './scan.js';

/** Percent-encoded text (a query string in a logged URL) is decoded first, or "%20" would hide a key from the scan. */
function decodePercent(s: string): string {
  if (!/%[0-9A-Fa-f]{2}/.test(s)) return s;
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/**
 * Masks every string inside a value (log lines, audit details, webhook payloads) without touching
 * its shape. Stops at a depth real payloads never reach, so a cycle cannot hang it.
 */
export function maskDeep<T>(value: T, depth = 0): T {
  if (typeof value === 'string') {
    const decoded = decodePercent(value);
    const masked = maskText(decoded);
    return (masked === decoded ? value : masked) as T;
  }
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (value instanceof Date || Buffer.isBuffer(value) || value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = maskDeep(v, depth + 1);
  return out as T;
}
