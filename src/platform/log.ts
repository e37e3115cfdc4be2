import { pino, type Logger } from 'pino';

export type { Logger };

export interface LoggerOptions {
  destination?: pino.DestinationStream;
  /**
   * Applied to every line before it is written. The composition root passes the guard's masking,
   * so a secret that reaches a log call anyway (a URL, an error message) never reaches the log.
   */
  mask?: <T>(value: T) => T;
}

/**
 * JSON logs on stdout. Masking works on the finished line: by then serializers have turned
 * requests and errors into plain data, which is what ends up on disk.
 */
export function createLogger(level: string, options: LoggerOptions = {}): Logger {
  const { mask } = options;
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
      ...(mask
        ? {
            hooks: {
              streamWrite: (line: string) => {
                try {
                  return `${JSON.stringify(mask(JSON.parse(line)))}\n`;
                } catch {
                  return line;
                }
              },
            },
          }
        : {}),
    },
    // Synchronous writes: a few microseconds per line, and the lines before a crash or exit survive.
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}
