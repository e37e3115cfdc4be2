// Worker-thread entry: the embedded database's own thread. PGlite runs PostgreSQL as WebAssembly
// on the thread that calls it, so in the server's thread every statement would stall every socket
// until it finished; here it runs beside the event loop. Requests come from `PGliteThread`.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { ThreadReply, ThreadRequest } from './pglite-thread.js';

const port = parentPort!;
const pg = new PGlite((workerData as { dataDir: string }).dataDir);

/** Open transactions by the id of the request that began them. */
const transactions = new Map<number, { tx: Transaction; end(commit: boolean): void; done: Promise<void> }>();
/** Thrown inside `pg.transaction` to make it roll back. */
const rollback = Symbol('rollback');

/** Results minus what cannot cross threads (a Blob) and what no caller reads. */
const results = ({ rows, affectedRows, fields }: { rows: unknown[]; affectedRows?: number; fields: { name: string; dataTypeID: number }[] }) => ({ rows, affectedRows, fields });
// Types the caller wants as PostgreSQL's text (drizzle reads dates and intervals that way).
const textParsers = (oids: number[] | undefined) => (oids ? Object.fromEntries(oids.map((oid) => [oid, (value: string) => value])) : undefined);

function begin(id: number): Promise<number> {
  return new Promise((started, failed) => {
    let end!: (commit: boolean) => void;
    const done = pg
      .transaction(
        (tx) =>
          new Promise<void>((commit, abort) => {
            end = (ok) => (ok ? commit() : abort(rollback));
            transactions.set(id, { tx, end, done });
            started(id);
          }),
      )
      .then(
        () => undefined,
        (err: unknown) => {
          if (err !== rollback) throw err;
        },
      );
    // A transaction that could not begin fails the request; one that began reports at its end.
    done.catch((err: unknown) => (transactions.has(id) ? undefined : failed(err)));
  });
}

async function end(tx: number, commit: boolean): Promise<void> {
  const open = transactions.get(tx);
  if (!open) throw new Error(`no open transaction ${tx}`);
  transactions.delete(tx);
  open.end(commit);
  await open.done;
}

async function handle(request: ThreadRequest): Promise<unknown> {
  const target = 'tx' in request && request.tx !== undefined ? transactions.get(request.tx)?.tx : pg;
  if (!target) throw new Error('the transaction has ended');
  switch (request.op) {
    case 'query':
      return results(await target.query(request.sql, request.params, { rowMode: request.rowMode, parsers: textParsers(request.textTypes) }));
    case 'exec':
      return (await target.exec(request.sql)).map(results);
    case 'begin':
      return begin(request.id);
    case 'end':
      return end(request.tx, request.commit);
    case 'close':
      await pg.close();
      return undefined;
  }
}

/** An error as plain data: PostgreSQL's fields (code, detail, constraint...) survive the copy. */
function errorData(err: unknown): Extract<ThreadReply, { ok: false }>['error'] {
  if (!(err instanceof Error)) return { message: String(err) };
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(err)) if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) fields[key] = value;
  return { ...fields, name: err.name, message: err.message };
}

port.on('message', (request: ThreadRequest) => {
  handle(request).then(
    (value) => port.postMessage({ id: request.id, ok: true, value } satisfies ThreadReply),
    (err: unknown) => port.postMessage({ id: request.id, ok: false, error: errorData(err) } satisfies ThreadReply),
  );
});

pg.waitReady.then(
  () => port.postMessage({ id: 0, ok: true, value: 'ready' } satisfies ThreadReply),
  (err: unknown) => port.postMessage({ id: 0, ok: false, error: errorData(err) } satisfies ThreadReply),
);
