import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import type { Logger } from '../../platform/log.js';
import { isSupportAddress } from './email.js';
import type { EmailService } from './email.service.js';

export interface ListenerSettings {
  host: string;
  port: number;
  supportAddress: string;
  maxBytes: number;
  tls: { keyFile: string; certFile: string } | null;
}

const smtpError = (responseCode: number, message: string) => Object.assign(new Error(message), { responseCode });

/** Reads the message, keeping no more than the limit in memory: null when it is over the limit. */
async function readLimited(stream: SMTPServerDataStream, maxBytes: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= maxBytes) chunks.push(chunk);
  }
  return stream.sizeExceeded || size > maxBytes ? null : Buffer.concat(chunks);
}

/**
 * The inbound SMTP listener, MX-style: anyone may connect without AUTH, but only mail for the
 * support address (or its plus-addresses) is taken. The size limit is announced in EHLO (SIZE) and
 * enforced with 552. A message is answered 250 only after it is stored and tickets took it, so an
 * accepted message is never lost; any failure before that is a 451 and the sender tries again.
 */
export async function startSmtpListener(deps: { service: EmailService; settings: ListenerSettings; logger: Logger }): Promise<{ port: number; close(): Promise<void> }> {
  const { service, settings, logger } = deps;
  const tls = settings.tls ? { key: await readFile(settings.tls.keyFile), cert: await readFile(settings.tls.certFile) } : null;
  const server = new SMTPServer({
    name: settings.supportAddress.split('@')[1],
    banner: 'WalletDesk',
    size: settings.maxBytes,
    authOptional: true,
    disabledCommands: tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(tls ?? {}),
    // Reverse DNS of every client would slow each connection for a name nobody reads.
    disableReverseLookup: true,
    logger: false,
    // Each connection may hold a message of up to maxBytes in memory.
    maxClients: 100,
    socketTimeout: 60_000,
    closeTimeout: 10_000,
    onRcptTo(address, _session, callback) {
      if (isSupportAddress(address.address, settings.supportAddress)) return callback();
      callback(smtpError(550, `5.1.1 <${address.address}>: no such mailbox here`));
    },
    onData(stream, session, callback) {
      readLimited(stream, settings.maxBytes)
        .then(async (raw) => {
          if (!raw) {
            logger.info({ reason: 'too_large', limit: settings.maxBytes }, 'inbound mail refused');
            return callback(smtpError(552, `5.3.4 message exceeds the maximum size of ${settings.maxBytes} bytes`));
          }
          const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : null;
          const result = await service.receive(raw, { mailFrom, rcptTo: session.envelope.rcptTo.map((r) => r.address) });
          callback(null, result.outcome === 'processed' ? `OK: ${result.emailId}` : `OK: ${result.outcome}`);
        })
        .catch((err: unknown) => {
          logger.error({ err }, 'inbound mail could not be taken; the sender will retry');
          callback(smtpError(451, '4.3.0 temporary failure, please try again later'));
        });
    },
  });
  server.on('error', (err) => logger.error({ err }, 'SMTP listener error'));
  const port = await new Promise<number>((resolve, reject) => {
    const net = server.listen(settings.port, settings.host, () => {
      net.off('error', reject);
      resolve((net.address() as AddressInfo).port);
    });
    net.once('error', reject);
  });
  logger.info({ port, host: settings.host, starttls: Boolean(tls) }, 'SMTP listener started');
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
