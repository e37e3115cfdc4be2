import { uuidv7 } from 'uuidv7';
import { isUniqueViolation } from '../../platform/db/errors.js';
import { AppError } from '../../platform/http/app-error.js';
import type { Message } from './conversations.js';
import type { ConversationQueries, ConversationsStore } from './conversations.store.js';

/** A message as its sender wrote it; the writer gives it an id, a sequence number and a time. */
export type Draft = Pick<Message, 'conversationId' | 'clientId' | 'authorType' | 'authorId' | 'kind' | 'text' | 'payload'>;
export interface Written {
  message: Message;
  /** The client id was already stored: `message` is the stored one. */
  duplicate: boolean;
}

interface Pending {
  draft: Draft;
  resolve(written: Written): void;
  reject(err: unknown): void;
}

/** Deadlock and serialization failure: the whole batch runs again. */
const retryableCodes = new Set(['40P01', '40001']);
const isRetryable = (err: unknown) => {
  const e = err as { code?: string; cause?: { code?: string } } | null;
  return isUniqueViolation(err) || retryableCodes.has(e?.code ?? '') || retryableCodes.has(e?.cause?.code ?? '');
};
const keyOf = (m: { conversationId: string; clientId: string }) => `${m.conversationId}\n${m.clientId}`;

/**
 * Group commit for messages. Sends that arrive while a batch is being written wait, and go
 * together into the next transaction: one commit (one fsync) for many messages, across
 * conversations. Each send's promise settles only after the commit, so an ack still means stored.
 *
 * In the transaction the batch's conversations are locked in id order, then retries are looked up
 * by client id (after the lock, so a concurrent writer's commit is visible), then the new messages
 * take the next sequence numbers of their conversation in arrival order: gap-free, and a client
 * id is stored once even when it is sent twice in one batch or by two nodes at once (the loser of
 * that race rolls back on the unique key and runs again, finding the winner's row).
 */
export function messageWriter(deps: { store: ConversationsStore; clock: () => Date; maxBatch?: number }) {
  const maxBatch = deps.maxBatch ?? 500;
  let queue: Pending[] = [];
  let writing = false;

  async function writeBatch(s: ConversationQueries, drafts: Draft[]): Promise<(Written | AppError)[]> {
    const lastSeqs = await s.lockForAppend([...new Set(drafts.map((d) => d.conversationId))]);
    const found = drafts.filter((d) => lastSeqs.has(d.conversationId));
    const stored = new Map((found.length ? await s.messagesByClientIds(found) : []).map((m) => [keyOf(m), m]));
    const at = deps.clock();
    const fresh: Message[] = [];
    const touched = new Map<string, number>();
    const results = drafts.map((draft): Written | AppError => {
      const last = lastSeqs.get(draft.conversationId);
      if (last === undefined) return new AppError('CONVERSATION_NOT_FOUND');
      const existing = stored.get(keyOf(draft));
      if (existing) return { message: existing, duplicate: true };
      const message: Message = { id: uuidv7(), seq: last + 1, ...draft, createdAt: at };
      lastSeqs.set(draft.conversationId, message.seq);
      touched.set(draft.conversationId, message.seq);
      stored.set(keyOf(draft), message);
      fresh.push(message);
      return { message, duplicate: false };
    });
    if (fresh.length) await s.insertMessages(fresh, touched, at);
    return results;
  }

  async function commit(batch: Pending[]): Promise<void> {
    let results: (Written | AppError)[];
    for (let attempt = 1; ; attempt++) {
      try {
        results = await deps.store.transaction((s) => writeBatch(s, batch.map((p) => p.draft)));
        break;
      } catch (err) {
        if (isRetryable(err) && attempt < 3) continue;
        if (batch.length === 1) return batch[0]!.reject(err);
        // Whatever broke the batch must fail only the send that caused it.
        for (const pending of batch) await commit([pending]);
        return;
      }
    }
    batch.forEach((pending, i) => {
      const result = results[i]!;
      if (result instanceof AppError) pending.reject(result);
      else pending.resolve(result);
    });
  }

  async function drain(): Promise<void> {
    try {
      while (queue.length > 0) {
        const batch = queue.slice(0, maxBatch);
        queue = queue.slice(batch.length);
        await commit(batch);
      }
    } finally {
      writing = false;
    }
  }

  return {
    write(draft: Draft): Promise<Written> {
      return new Promise((resolve, reject) => {
        queue.push({ draft, resolve, reject });
        if (writing) return;
        writing = true;
        // The sends that arrive in the same turn of the event loop join the first batch.
        setImmediate(() => void drain());
      });
    },
  };
}
