import pino, { type Logger } from 'pino';
import type { Config } from '../config';

/**
 * Structured logs (pino). Secrets never reach them: request bodies and
 * headers are not logged, and these paths are redacted wherever they appear.
 */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    redact: {
      paths: ['password', '*.password', 'token', '*.token', 'secret', '*.secret', 'apiKey', '*.apiKey', 'credentials', '*.credentials', 'authorization', '*.authorization', 'cookie', '*.cookie'],
      censor: '[redacted]',
    },
  });
}
