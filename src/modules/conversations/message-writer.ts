import { uuidv7 } from 'uuidv7';
import { isUniqueViolation } from '../../platform/db/errors.js';
import { AppError } from '../../platform/http/app-error.js';
import { acceptsMessages, type Message } from './conversations.js';
import type { AppendChange, ConversationQueries, ConversationsStore } from './conversations.store.js';

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
export function messageWriter(deps: { store: ConversationsStore; clock: () => Date; maxBatch?: number; concurrency?: number }) {
  const maxBatch = deps.maxBatch ?? 500;
  const concurrency = deps.concurrency ?? 2;
  let queue: Pending[] = [];
  let inFlight = 0;
  let scheduled = false;

  async function writeBatch(s: ConversationQueries, drafts: Draft[]): Promise<(Written | AppError)[]> {
    const targets = await s.lockForAppend([...new Set(drafts.map((d) => d.conversationId))]);
    // A customer writes only to their own conversation; "not found" either way, so ids cannot be probed.
    const allowed = (d: Draft) => {
      const target = targets.get(d.conversationId);
      return target !== undefined && (d.authorType !== 'customer' || target.contactId === d.authorId);
    };
    const found = drafts.filter(allowed);
    const stored = new Map((found.length ? await s.messagesByClientIds(found) : []).map((m) => [keyOf(m), m]));
    const at = deps.clock();
    const fresh: Message[] = [];
    const changes = new Map<string, AppendChange>();
    const results = drafts.map((draft): Written | AppError => {
      if (!allowed(draft)) return new AppError('CONVERSATION_NOT_FOUND');
      // A retry is answered even if the conversation closed since the first send was stored.
      const existing = stored.get(keyOf(draft));
      if (existing) return { message: existing, duplicate: true };
      const target = targets.get(draft.conversationId)!;
      if (!acceptsMessages(target.status)) return new AppError('CONVERSATION_CLOSED');
      const message: Message = { id: uuidv7(), seq: target.lastSeq + 1, ...draft, createdAt: at };
      const change = changes.get(draft.conversationId) ?? { lastSeq: 0, reopen: false, firstResponse: false };
      change.lastSeq = message.seq;
      // Writing again after a resolution reopens the conversation with the bot, which hands over again if needed.
      if (draft.authorType === 'customer' && target.status === 'resolved') change.reopen = true;
      if (draft.authorType === 'agent' && !target.firstResponseAt) change.firstResponse = true;
      changes.set(draft.conversationId, change);
      Object.assign(target, { lastSeq: message.seq, status: change.reopen ? 'bot' : target.status, firstResponseAt: change.firstResponse ? at : target.firstResponseAt });
      stored.set(keyOf(draft), message);
      fresh.push(message);
      return { message, duplicate: false };
    });
    if (fresh.length) await s.insertMessages(fresh, changes, at);
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
