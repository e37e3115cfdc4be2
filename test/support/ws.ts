import { after } from 'node:test';
import WebSocket from 'ws';

export interface TestSocket {
  send(frame: Record<string, unknown> | string): void;
  /** The next frame that matches, waiting up to `ms`. Frames that do not match stay queued. */
  next(match?: (frame: Record<string, unknown>) => boolean, ms?: number): Promise<Record<string, unknown>>;
  /** Sends a frame with a fresh ref and returns the reply carrying it. */
  request(frame: Record<string, unknown>): Promise<Record<string, unknown>>;
  closed: Promise<number>;
  close(): void;
}

let refs = 0;

/** A real WebSocket client, as the widget would hold one. */
export async function openSocket(url: string, headers: Record<string, string> = {}): Promise<TestSocket> {
  const socket = new WebSocket(url, { headers });
  const frames: Record<string, unknown>[] = [];
  const waiters: { match: (f: Record<string, unknown>) => boolean; resolve: (f: Record<string, unknown>) => void }[] = [];
  socket.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as Record<string, unknown>;
    const i = waiters.findIndex((w) => w.match(frame));
    if (i >= 0) waiters.splice(i, 1)[0]!.resolve(frame);
    else frames.push(frame);
  });
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  after(() => socket.terminate());
  const api: TestSocket = {
    send: (frame) => socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
    next(match = () => true, ms = 5000) {
      const i = frames.findIndex(match);
      if (i >= 0) return Promise.resolve(frames.splice(i, 1)[0]!);
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve };
        waiters.push(waiter);
        setTimeout(() => {
          const at = waiters.indexOf(waiter);
          if (at >= 0) {
            waiters.splice(at, 1);
            reject(new Error(`no matching frame within ${ms} ms; queued: ${JSON.stringify(frames)}`));
          }
        }, ms).unref();
      });
    },
    request(frame) {
      const ref = `r${++refs}`;
      api.send({ ...frame, ref });
      return api.next((f) => f.ref === ref);
    },
    closed,
    close: () => socket.close(),
  };
  return api;
}
