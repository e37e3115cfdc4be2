import type { Message } from './types.js';

/**
 * Adds messages by seq, in order: a push and a catch-up after a reconnect may bring the same
 * message, and each is shown once; a newer copy (read receipts filled in) replaces the older.
 */
export function mergeBySeq(list: Message[], more: Message[]): Message[] {
  const bySeq = new Map(list.map((m) => [m.seq, m]));
  for (const m of more) bySeq.set(m.seq, m);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}
