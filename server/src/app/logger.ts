import pino, { type DestinationStream, type Logger } from 'pino';
import type { Config } from '../config';
import { redactForLog, redactString } from './logRedaction';

/**
 * Structured logs (pino). Secrets never reach them: request bodies and
 * headers are not logged, and everything that is — the fields of a line at
 * every depth, its message, a child logger's bindings — goes through
 * logRedaction.ts first (no database error parameters, no secret-named
 * fields, no token or hash shapes).
 */
export function createLogger(config: Pick<Config, 'logLevel'>, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    formatters: {
      log: (object) => redactForLog(object) as Record<string, unknown>,
      bindings: (bindings) => redactForLog(bindings) as pino.Bindings,
    },
    // Errors are already reduced to their safe fields by formatters.log.
    serializers: { err: (value: unknown) => value },
    hooks: {
      logMethod(args, method) {
        const [first, ...rest] = args as unknown[];
        // Without a message, pino would use the raw error's message: give it the redacted one.
        const error =
          first instanceof Error
            ? first
            : first && typeof first === 'object' && (first as { err?: unknown }).err instanceof Error
              ? (first as { err: Error }).err
              : undefined;
        const fields = first instanceof Error ? { err: first } : first;
        const messageArgs = error && typeof rest[0] !== 'string' ? [(redactForLog(error) as { message: string }).message, ...rest] : rest;
        const scrubbed = [fields, ...messageArgs].map((arg) => (typeof arg === 'string' ? redactString(arg) : arg));
        method.apply(this, scrubbed as Parameters<typeof method>);
      },
    },
  };
  const logger = destination ? pino(options, destination) : pino(options);
  // pino applies formatters.bindings to the root's bindings only; a child's
  // bindings are redacted here. Children inherit this method, so it holds at every level.
  const child = logger.child;
  logger.child = function redactedChild(this: Logger, bindings, childOptions) {
    return child.call(this, redactForLog(bindings) as pino.Bindings, childOptions);
  } as typeof logger.child;
  return logger;
}
