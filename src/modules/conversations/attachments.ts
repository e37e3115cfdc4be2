import { createHmac, timingSafeEqual } from 'node:crypto';
// file-type 22 needs Node 22; 21.3.4 is the newest that runs on Node 20 and knows all five formats.
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../../platform/http/app-error.js';

/**
 * What may be sent, by the type read from the bytes, and the extension a download gets. Formats
 * that can carry script (SVG, HTML) are absent on purpose, and so is anything unrecognised.
 */
export const attachmentTypes = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
} as const;
export type AttachmentType = keyof typeof attachmentTypes;

const isAllowed = (mime: string): mime is AttachmentType => Object.hasOwn(attachmentTypes, mime);

/** The type from the file's magic numbers; the name and the declared type are never trusted. */
export async function sniffType(bytes: Uint8Array): Promise<AttachmentType> {
  const found = await fileTypeFromBuffer(bytes);
  if (!found || !isAllowed(found.mime)) throw new AppError('ATTACHMENT_TYPE_NOT_ALLOWED', { allowed: Object.keys(attachmentTypes) });
  return found.mime;
}

export function assertSize(size: number, maxBytes: number): void {
  if (size > maxBytes) throw new AppError('ATTACHMENT_TOO_LARGE', { maxBytes });
}

const longestName = 120;

/**
 * The name a file is offered under: the sender's name without folders or control characters, and
 * the extension of its real type, so a PNG sent as "scan.pdf" downloads as "scan.png". Takes the
 * name after the guard has masked it.
 */
export function fileName(name: string, type: AttachmentType): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .replace(/[\p{Cc}"]/gu, '')
    .replace(/\.[a-z0-9]{1,5}$/i, '')
    .trim()
    .slice(0, longestName);
  return `${base || 'attachment'}.${attachmentTypes[type]}`;
}

/**
 * Images open in the page; PDFs, which can carry script for the viewer, are only downloaded.
 * `filename*` carries the real name (RFC 6266), `filename` an ASCII stand-in for old clients.
 */
export function contentDisposition(name: string, type: AttachmentType): string {
  const disposition = type === 'application/pdf' ? 'attachment' : 'inline';
  const ascii = name.replace(/[^\x20-\x7e]|[\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Served files may run nothing and load nothing, even if a browser were to render one as a page. */
export const attachmentCsp = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

/**
 * Where the bytes live under DATA_DIR/attachments. The folder comes from the random tail of the
 * UUIDv7 (its head is the clock, so recent files would otherwise share one folder).
 */
export function storageKey(attachmentId: string): string {
  return `${attachmentId.slice(-2)}/${attachmentId}`;
}

export interface SignedLink {
  attachmentId: string;
  /** Unix seconds. */
  expires: number;
  signature: string;
}

const sign = (key: string, attachmentId: string, expires: number) => createHmac('sha256', key).update(`attachment:${attachmentId}:${expires}`).digest('base64url');

/** A link to one attachment that works until `expiresAt` for whoever holds it. */
export function signLink(key: string, attachmentId: string, expiresAt: Date): SignedLink {
  const expires = Math.floor(expiresAt.getTime() / 1000);
  return { attachmentId, expires, signature: sign(key, attachmentId, expires) };
}

/** The signature is checked first: only an authentic link learns that it has expired. */
export function verifyLink(key: string, link: SignedLink, now: Date): void {
  const expected = Buffer.from(sign(key, link.attachmentId, link.expires));
  const given = Buffer.from(link.signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new AppError('ATTACHMENT_URL_INVALID');
  if (now.getTime() >= link.expires * 1000) throw new AppError('ATTACHMENT_URL_EXPIRED');
}
