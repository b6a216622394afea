import pino from 'pino';

export type Logger = pino.Logger;

/**
 * Structured JSON logs; ID and phone numbers are never passed to the logger, and these paths are redacted if they are.
 * Lines go to stdout asynchronously: under load the lines written meanwhile leave in one write instead of one
 * system call per access line; pino flushes what is pending when the process exits.
 */
export function createLogger(level: string, name = 'p2p'): Logger {
  return pino({
    name,
    level,
    redact: { paths: ['idNumber', '*.idNumber', '*.*.idNumber', 'id_number', '*.id_number', 'id_enc', '*.id_enc', 'phone', '*.phone', 'phone_enc', '*.phone_enc', 'req.headers.authorization'], censor: '[masked]' },
  }, pino.destination({ dest: 1, sync: false }));
}
