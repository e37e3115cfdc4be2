import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after } from 'node:test';

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the receiver answers to its n-th request (1-based): a status and body, or no answer at all. */
export type Responder = (n: number) => { status: number; body?: string } | 'hang';

/** A real HTTP endpoint on 127.0.0.1 that records every webhook POST it gets. */
export async function webhookReceiver(respond: Responder = () => ({ status: 200 })) {
  const received: Received[] = [];
  let notify = () => {};
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      notify();
      const answer = respond(received.length);
      if (answer === 'hang') return;
      res.writeHead(answer.status, { 'content-type': 'text/plain' }).end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  after(() => {
    server.closeAllConnections();
    server.close();
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    received,
    /** Resolves once what arrived satisfies `done`; fails after `ms` so a broken sender cannot hang the suite. */
    until(done: (received: Received[]) => boolean, ms = 20_000): Promise<Received[]> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`gave up waiting after ${received.length} webhook requests`)), ms);
        notify = () => {
          if (!done(received)) return;
          clearTimeout(timer);
          resolve([...received]);
        };
        notify();
      });
    },
    /** The first `count` requests, once they have arrived. */
    async waitFor(count: number): Promise<Received[]> {
      return (await this.until((r) => r.length >= count)).slice(0, count);
    },
  };
}

/** The receiver's side of docs/webhooks.md: some v1 signature must match HMAC-SHA256(secret, `timestamp.body`). */
export function verifySignature(secret: string, received: Received): boolean {
  const timestamp = received.headers['x-walletdesk-timestamp'];
  const header = received.headers['x-walletdesk-signature'];
  if (typeof timestamp !== 'string' || typeof header !== 'string') return false;
  const expected = createHmac('sha256', secret).update(`${timestamp}.${received.body}`).digest();
  return header.split(',').some((part) => {
    const [scheme, hex] = part.trim().split('=');
    const given = Buffer.from(hex ?? '', 'hex');
    return scheme === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
  });
}
