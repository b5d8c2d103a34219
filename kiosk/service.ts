import path from 'node:path';
import { systemClock, type Clock } from '../common/clock';
import { createLogger, type Logger } from '../common/log';
import { err, ok, type Result } from '../common/result';
import type { KioskConfig } from './config';
import { createApiHandlers, type ApiHandlers } from './api/handlers';
import { createFakePorts } from './session/fakes';
import type { SessionPorts } from './session/ports';
import { createSessionRuntime, type SessionRuntime } from './session/runtime';
import { SessionStore } from './session/session-store';
import { unwiredPorts } from './session/unwired';
import { DATABASE_FILE, Journal, Outbox, openDatabase, type KioskDatabase, type OpenError } from './store';

/**
 * The composition root of the kiosk service: configuration in, a running kiosk out. Runs inside Electron's main
 * process or as a plain Node process behind the browser host; either way this is the only place where the parts
 * are wired together.
 */
export type KioskServiceDeps = {
  readonly clock?: Clock;
  readonly log?: Logger;
  /** Adapters to the money service, identity, printing and the central office (wired once those parts exist). */
  readonly sessionPorts?: SessionPorts;
};

/**
 * Until the device and central-office adapters are wired, a demo configuration (every device simulated, the
 * central office embedded) runs the session over its in-process fakes, so that the whole flow can be shown; any
 * other configuration gets ports that say nothing is connected, and the session takes no money.
 */
function sessionPortsFor(config: KioskConfig, clock: Clock, log: Logger): SessionPorts {
  const demo = Object.values(config.devices).every((device) => device.driver === 'simulated') && config.centralOffice.url === 'embedded';
  log.warn({ event: 'session.ports', wiring: demo ? 'in-process-fakes' : 'unwired' });
  return demo ? createFakePorts(clock) : unwiredPorts(clock);
}

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
    store: new SessionStore(db, now, { journal, outbox }),
    ports: deps.sessionPorts ?? sessionPortsFor(config, clock, log),
    feeSchedule: config.fees,
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
