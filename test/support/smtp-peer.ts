import type { AddressInfo } from 'node:net';
import { after } from 'node:test';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Delivered {
  envelope: { from: string | null; to: string[] };
  /** Who authenticated (the relay's user name). */
  user: string | null;
  raw: string;
  mail: ParsedMail;
}

/**
 * A real SMTP server on 127.0.0.1 standing in for the relay: it authenticates any user (recording
 * who), collects every message it accepts, and refuses the next messages when told to.
 */
export async function smtpPeer(options: { user?: string; password?: string } = {}) {
  const delivered: Delivered[] = [];
  /** Answers to give instead of 250, in order: e.g. [451, 451] fails the next two messages. */
  const failures: number[] = [];
  let attempts = 0;
  let notify = () => {};
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (options.user && (auth.username !== options.user || auth.password !== options.password)) return callback(new Error('535 bad credentials'));
      callback(null, { user: auth.username });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        attempts++;
        const code = failures.shift();
        if (code !== undefined) {
          notify();
          return callback(Object.assign(new Error(`${code === 451 ? '4.3.0 try again later' : '5.7.1 refused'}`), { responseCode: code }));
        }
        const raw = Buffer.concat(chunks);
        void simpleParser(raw).then((mail) => {
          delivered.push({
            envelope: { from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null, to: session.envelope.rcptTo.map((r) => r.address) },
            user: typeof session.user === 'string' ? session.user : null,
            raw: raw.toString('utf8'),
            mail,
          });
          callback();
          notify();
        });
      });
    },
  });
  const net = server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => net.once('listening', resolve));
  const { port } = net.address() as AddressInfo;
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const credentials = options.user ? `${encodeURIComponent(options.user)}:${encodeURIComponent(options.password ?? '')}@` : '';
  return {
    url: `smtp://${credentials}127.0.0.1:${port}`,
    delivered,
    /** The next `count` messages are refused with `code` (451 temporary, 550 permanent). */
    failNext(count: number, code = 451) {
      for (let i = 0; i < count; i++) failures.push(code);
    },
    /** Messages that reached DATA, refused ones included. */
    get attempts() {
      return attempts;
    },
    /** Resolves once `done` holds; fails after `ms` so a broken sender cannot hang the suite. */
    until(done: () => boolean, ms = 20_000): Promise<void> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`gave up waiting: ${attempts} attempts, ${delivered.length} delivered`)), ms);
        notify = () => {
          if (!done()) return;
          clearTimeout(timer);
          resolve();
        };
        notify();
      });
    },
  };
}

export type SmtpPeer = Awaited<ReturnType<typeof smtpPeer>>;
