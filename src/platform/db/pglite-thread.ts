import type { Worker } from 'node:worker_threads';
import type { QueryOptions, Results, Transaction } from '@electric-sql/pglite';
import { startWorker } from '../worker-thread.js';

/** What the server asks of the database thread. */
export type ThreadRequest =
  | { id: number; op: 'query'; sql: string; params?: unknown[]; rowMode?: 'array' | 'object'; textTypes?: number[]; tx?: number }
  | { id: number; op: 'exec'; sql: string; tx?: number }
  | { id: number; op: 'begin' }
  | { id: number; op: 'end'; tx: number; commit: boolean }
  | { id: number; op: 'close' };
/** One answer per request; id 0 announces that the database is open. */
export type ThreadReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: { name?: string; message: string; [field: string]: unknown } };

type Request = ThreadRequest extends infer R ? (R extends ThreadRequest ? Omit<R, 'id'> : never) : never;

/** The part of PGlite's interface the database layer and drizzle's PGlite driver use. */
export interface PGliteClient {
  readonly closed: boolean;
  query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
  exec(sql: string): Promise<Results[]>;
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Row options as data. Functions cannot cross threads; the one kind of parser in use (drizzle's:
 * dates, times and intervals kept as PostgreSQL's text) travels as the list of its type ids.
 */
function rowOptions(options: QueryOptions | undefined): Pick<Extract<ThreadRequest, { op: 'query' }>, 'rowMode' | 'textTypes'> {
  if (!options) return {};
  const { rowMode, parsers, ...rest } = options;
  if (Object.values(rest).some((v) => v !== undefined)) throw new Error(`query options not supported by the database thread: ${Object.keys(rest).join(', ')}`);
  const textTypes = parsers ? Object.entries(parsers).map(([oid, parse]) => (parse('2026-01-01 00:00:00+00', Number(oid)) === '2026-01-01 00:00:00+00' ? Number(oid) : NaN)) : undefined;
  if (textTypes?.some(Number.isNaN)) throw new Error('only parsers that keep the text are supported by the database thread');
  return { rowMode, textTypes };
}

/**
 * The embedded PostgreSQL on its own worker thread (`pglite.worker.ts`), with PGlite's query,
 * exec and transaction. Statements run beside the event loop instead of on it, so a slow report
 * no longer stalls every open socket, and on a machine with two cores the SQL and the sockets
 * each get one. PGlite itself still runs one statement at a time, as in-process.
 */
export class PGliteThread implements PGliteClient {
  #closed = false;
  #next = 1;
  readonly #pending = new Map<number, { resolve(value: unknown): void; reject(err: Error): void; stack: string | undefined }>();

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: ThreadReply) => this.#settle(reply));
    worker.on('error', (err) => this.#fail(err));
    worker.on('exit', (code) => this.#fail(new Error(`the database thread exited (${code})`)));
  }

  /** Opens (creating on first use) the database under `dataDir` on a new thread. */
  static async open(dataDir: string): Promise<PGliteThread> {
    const thread = new PGliteThread(startWorker(new URL('./pglite.worker.js', import.meta.url), { dataDir }));
    await new Promise((resolve, reject) => thread.#pending.set(0, { resolve, reject, stack: undefined }));
    return thread;
  }

  get closed(): boolean {
    return this.#closed;
  }

  query<T>(sql: string, params?: unknown[], options?: QueryOptions, tx?: number): Promise<Results<T>> {
    return this.#call({ op: 'query', sql, params, ...rowOptions(options), tx }) as Promise<Results<T>>;
  }

  exec(sql: string, tx?: number): Promise<Results[]> {
    return this.#call({ op: 'exec', sql, tx }) as Promise<Results[]>;
  }

  async transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
    const id = (await this.#call({ op: 'begin' })) as number;
    let ended = false;
    const finish = async (commit: boolean) => {
      if (ended) return;
      ended = true;
      await this.#call({ op: 'end', tx: id, commit });
    };
    const tx = {
      query: <R>(sql: string, params?: unknown[], options?: QueryOptions) => this.query<R>(sql, params, options, id),
      exec: (sql: string) => this.exec(sql, id),
      rollback: () => finish(false),
      get closed() {
        return ended;
      },
    } as Transaction;
    try {
      const result = await fn(tx);
      await finish(true);
      return result;
    } catch (err) {
      await finish(false).catch(() => undefined);
      throw err;
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await this.#call({ op: 'close' });
    this.#closed = true;
    await this.worker.terminate();
  }

  #call(request: Request): Promise<unknown> {
    if (this.#closed) return Promise.reject(new Error('the database is closed'));
    const id = this.#next++;
    // The caller's stack, not the thread's message handler, is what a failed query should show.
    const { stack } = new Error();
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, stack });
      this.worker.postMessage({ ...request, id });
    });
  }

  #settle(reply: ThreadReply): void {
    const pending = this.#pending.get(reply.id);
    if (!pending) return;
    this.#pending.delete(reply.id);
    if (reply.ok) return pending.resolve(reply.value);
    const { message, name, ...fields } = reply.error;
    const err = Object.assign(new Error(message), fields);
    if (name) err.name = name;
    err.stack = `${err.name}: ${message}${pending.stack?.replace(/^.*\n/, '\n') ?? ''}`;
    pending.reject(err);
  }

  #fail(err: Error): void {
    this.#closed = true;
    for (const pending of this.#pending.values()) pending.reject(err);
    this.#pending.clear();
  }
}
