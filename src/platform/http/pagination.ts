import { z } from 'zod';
import { AppError } from './app-error.js';

/** `?limit=&cursor=` as every list endpoint takes it. */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('Page size (1-200).'),
  cursor: z.string().max(200).optional().describe('nextCursor from the previous page.'),
});

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/**
 * Stores fetch `limit + 1` rows; the extra row only says whether another page exists. The cursor
 * is the last row's key, opaque to callers.
 */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => string): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? Buffer.from(keyOf(last)).toString('base64url') : null };
}

/** Decodes a cursor made by toPage; a cursor that is not one is a caller error, not a 500. */
export function decodeCursor(cursor: string | undefined, key: z.ZodType<string> = z.uuid()): string | undefined {
  if (cursor === undefined) return undefined;
  const parsed = key.safeParse(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', { issues: [{ path: 'cursor', message: 'invalid cursor' }] });
  return parsed.data;
}
