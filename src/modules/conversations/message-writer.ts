import { uuidv7 } from 'uuidv7';
import { isUniqueViolation } from '../../platform/db/errors.js';
import { AppError } from '../../platform/http/app-error.js';
import { appendRules, type Message } from './conversations.js';
import type { MessageAppendStore } from './message-append.store.js';

/** A message as its sender wrote it; the writer gives it an id, a sequence number and a time. A customer's `authorId` is their contact id. */
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

/**
 * Group commit for messages. Sends that arrive while a batch is being written wait, and go
 * together into the next batch: one statement, one round trip and one commit (one fsync) for many
 * messages, across conversations. Each send's promise settles only after the commit, so an ack
 * still means stored.
 *
 * The store's statement gives the new messages the next sequence numbers of their conversation
 * in arrival order: gap-free, and a client id is stored once even when it is sent twice in one
 * batch or by two nodes at once (the loser of that race fails on the unique key and runs again,
 * finding the winner's row). It is one statement because on PostgreSQL under load a batch's time
 * was mostly round trips: six of them (begin, lock, look up retries, insert, update, commit) took
 * 10 ms at the median, and every message waits for about two batches.
 */
export function messageWriter(deps: { store: MessageAppendStore; clock: () => Date; maxBatch?: number; concurrency?: number }) {
  const maxBatch = deps.maxBatch ?? 500;
  const concurrency = deps.concurrency ?? 2;
  let queue: Pending[] = [];
  let inFlight = 0;
  let scheduled = false;

  async function writeBatch(drafts: Draft[]): Promise<(Written | AppError)[]> {
    const at = deps.clock();
    const rows = drafts.map((draft) => ({ id: uuidv7(), ...draft }));
    const appended = await deps.store.appendMessages(rows, appendRules, at);
    return appended.map((result, i): Written | AppError => {
      switch (result.outcome) {
        // "Not found" whether the conversation is missing or another customer's, so ids cannot be probed.
        case 'not_found':
          return new AppError('CONVERSATION_NOT_FOUND');
        case 'closed':
          return new AppError('CONVERSATION_CLOSED');
        case 'duplicate':
          return { message: result.message, duplicate: true };
        case 'stored':
          return { message: { ...rows[i]!, seq: result.seq, createdAt: at }, duplicate: false };
      }
    });
  }

  async function commit(batch: Pending[]): Promise<void> {
    let results: (Written | AppError)[];
    for (let attempt = 1; ; attempt++) {
      try {
        results = await writeBatch(batch.map((p) => p.draft));
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

  // Batches may overlap (on PostgreSQL, each on its own connection): the row locks keep every
  // conversation's sequence gap-free, and one connection's sends are never in two batches at once
  // because the gateway handles its frames one at a time.
  function pump(): void {
    scheduled = false;
    while (inFlight < concurrency && queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      inFlight += 1;
      void commit(batch).finally(() => {
        inFlight -= 1;
        pump();
      });
    }
  }

  return {
    write(draft: Draft): Promise<Written> {
      return new Promise((resolve, reject) => {
        queue.push({ draft, resolve, reject });
        if (scheduled || inFlight >= concurrency) return;
        scheduled = true;
        // The sends that arrive in the same turn of the event loop join the same batch.
        setImmediate(pump);
      });
    },
  };
}
