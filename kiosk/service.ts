import path from 'node:path';
import { systemClock, type Clock } from '../common/clock';
import { createLogger, type Logger } from '../common/log';
import { err, ok, type Result } from '../common/result';
import type { KioskConfig } from './config';
import { createApiHandlers, type ApiHandlers } from './api/handlers';
import { createSessionRuntime, type SessionRuntime } from './session/runtime';
import { DATABASE_FILE, Journal, Outbox, openDatabase, type KioskDatabase, type OpenError } from './store';

/**
 * The composition root of the kiosk service: configuration in, a running kiosk out. Runs inside Electron's main
 * process or as a plain Node process behind the browser host; either way this is the only place where the parts
 * are wired together.
 */
export type KioskServiceDeps = {
  readonly clock?: Clock;
  readonly log?: Logger;
};

export type KioskService = {
  readonly config: KioskConfig;
  readonly db: KioskDatabase;
  readonly journal: Journal;
  readonly outbox: Outbox;
  readonly session: SessionRuntime;
  readonly handlers: ApiHandlers;
  readonly log: Logger;
  readonly clock: Clock;
  stop(): Promise<void>;
};

export type StartError = { readonly kind: 'database'; readonly error: OpenError; readonly file: string };

export async function createKioskService(
  config: KioskConfig,
  deps: KioskServiceDeps = {},
): Promise<Result<KioskService, StartError>> {
  const clock = deps.clock ?? systemClock;
  const log = deps.log ?? createLogger({ name: 'kiosk' });
  const started = performance.now();
  log.info({ event: 'kiosk.start.start', kioskId: config.kioskId });

  const file = path.join(config.dataDir, DATABASE_FILE);
  const opened = openDatabase(file);
  if (!opened.ok) {
    log.error({ event: 'kiosk.start.end', outcome: 'database-error', file, error: opened.error });
    return err({ kind: 'database', error: opened.error, file });
  }
  const db = opened.value;
  const now = () => clock.now();
  const journal = new Journal(db, now);
  const outbox = new Outbox(db, config.kioskId, now);

  const session = createSessionRuntime({
    kioskId: config.kioskId,
    siteName: config.site.name,
    site: config.site.kind,
    hours: config.hours,
    disabledDocuments: config.disabledDocuments,
    pxPerMm: config.display.pxPerMm,
    simulated: Object.values(config.devices).some((device) => device.driver === 'simulated'),
    clock,
    log,
  });
  const handlers = createApiHandlers(session);

  log.info({ event: 'kiosk.start.end', outcome: 'ok', ms: Math.round(performance.now() - started) });
  return ok({
    config,
    db,
    journal,
    outbox,
    session,
    handlers,
    log,
    clock,
    async stop() {
      session.stop();
      db.close();
      log.info({ event: 'kiosk.stopped' });
    },
  });
}
