import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * JSON logs on stdout. Redaction is a second line of defence: secrets are kept out of log calls in
 * the first place, and customer text reaches logs only after the guard has masked it.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'walletdesk' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers["x-csrf-token"]',
          'res.headers["set-cookie"]',
          '*.password',
          '*.newPassword',
          '*.currentPassword',
          '*.token',
          '*.secret',
        ],
        censor: '[redacted]',
      },
    },
    // Synchronous writes: a few microseconds per line, and the lines before a crash or exit survive.
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}
