import pino, { type DestinationStream, type Logger as PinoLogger } from 'pino';
import { scrubResidentNumbers, scrubValue } from './privacy';

/**
 * Structured JSON-line logs (pino). Every entry carries a stable `event` name (`bill-acceptor.escrow`); long actions
 * log `<event>.start` and `<event>.end` with an `outcome`. Anything that looks like a resident number is scrubbed
 * before it is written, and keys that name personal data are dropped (domain.md, "Privacy").
 */
export type Logger = PinoLogger;

export type LoggerOptions = {
  level?: string;
  /** Defaults to standard output; tests pass a stream to read what was logged. */
  destination?: DestinationStream;
  name?: string;
};

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      name: options.name ?? 'kiosk',
      level: options.level ?? process.env.KIOSK_LOG_LEVEL ?? 'info',
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => scrubValue(object) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((arg) => (typeof arg === 'string' ? scrubResidentNumbers(arg) : arg));
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    options.destination ?? pino.destination({ sync: false }),
  );
}

/** A logger that drops everything; for unit tests that do not look at logs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

/**
 * Log a start and an end (with outcome and duration) around an async action.
 * The action's own Result decides the outcome; a thrown error is logged and re-thrown.
 */
export async function logged<T>(
  log: Logger,
  event: string,
  fields: Record<string, unknown>,
  action: () => Promise<T>,
  outcomeOf: (value: T) => string = () => 'ok',
): Promise<T> {
  const started = performance.now();
  log.info({ event: `${event}.start`, ...fields });
  try {
    const value = await action();
    log.info({ event: `${event}.end`, outcome: outcomeOf(value), ms: Math.round(performance.now() - started), ...fields });
    return value;
  } catch (error) {
    log.error({ event: `${event}.end`, outcome: 'error', error, ms: Math.round(performance.now() - started), ...fields });
    throw error;
  }
}
