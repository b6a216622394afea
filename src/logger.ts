import pino from 'pino';

export type Logger = pino.Logger;

/** Structured JSON logs; ID and phone numbers are never passed to the logger, and these paths are redacted if they are. */
export function createLogger(level: string, name = 'p2p'): Logger {
  return pino({
    name,
    level,
    redact: { paths: ['idNumber', '*.idNumber', '*.*.idNumber', 'id_number', '*.id_number', 'id_enc', '*.id_enc', 'phone', '*.phone', 'phone_enc', '*.phone_enc', 'req.headers.authorization'], censor: '[masked]' },
  });
}
