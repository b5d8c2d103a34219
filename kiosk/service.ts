import type { FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Heartbeat } from '../central-office/contract/api';
import { systemClock, type Clock } from '../common/clock';
import { createLogger, type Logger } from '../common/log';
import { err, ok, type Result } from '../common/result';
import { createA4Printer, type A4PrinterDevice } from '../devices/a4-printer';
import { createFingerprintReader, type FingerprintSetup } from '../devices/fingerprint';
import { createKeypad, type KeypadSetup } from '../devices/keypad/factory';
import { createReceiptPrinter, type ReceiptPrinterDevice } from '../devices/receipt-printer';
import type { DeviceFault } from '../state-machines/session/types';
import { checkA4Printer, checkReceiptPrinter, cashHealth, HEALTH_POLL_MS, poll, watchFingerprint, watchKeypad, watchReceiptPrinter } from './adapters/device-watch';
import { HealthBoard } from './adapters/health';
import { centralIdentityVerifier, ReaderIdentityPort } from './adapters/identity';
import { wireKeypad } from './adapters/keypad';
import { persistSheetCounter, restoreSheetCounter } from './adapters/paper-store';
import { DevicePrintingPort } from './adapters/printing';
import { centralRecordsPort } from './adapters/records';
import type { KioskConfig } from './config';
import { createApiHandlers, type ApiHandlers } from './api/handlers';
import { createCashDevices, MoneyService, type CashDevices } from './cash';
import { connectCentralOffice, type CentralConnection } from './central-client/connect';
import { crashAfter, crashPointFrom, type CrashPoint } from './crash-point';
import { StartReports } from './diagnostics/devices';
import { heartbeatHealth, kioskDiagnostics, serviceModeForKiosk, serviceModeRoutes, type ServiceMode } from './service-mode';
import type { SessionPorts } from './session/ports';
import { recoverAtStartup } from './session/recovery';
import { createSessionRuntime, type SessionRuntime } from './session/runtime';
import { SessionStore, type WriteGate } from './session/session-store';
import {
  a4PrinterDevice,
  cashSimulatorDevices,
  fingerprintDevice,
  keypadDevice,
  panelResidents,
  receiptPrinterDevice,
  registerSimulatorRoutes,
  type SimulatedDevice,
} from './simulator-control';
import { DATABASE_FILE, Journal, Outbox, openDatabase, type KioskDatabase } from './store';
import { HeartbeatSender, SyncClient } from './sync';

/**
 * The composition root of the kiosk service: configuration in, a running kiosk out. Runs inside Electron's main
 * process or as a plain Node process behind the browser host; either way this is the only place where the parts
 * are wired together. Start-up order (docs/architecture.md, "Start-up"):
 *
 *  1. the database (integrity check, migrations);
 *  2. the central office (an embedded one on loopback for `"url": "embedded"`) and its signed client;
 *  3. every device from the configuration — a configuration the factories refuse stops start-up here — and the
 *     printers started, so that recovery can print;
 *  4. the money service over the cash devices (created, not yet started);
 *  5. the adapters to the session's ports, the session store with its write gate (sync notification, and the
 *     test-only crash point);
 *  6. recovery — the session's paper, then the money service starts and settles what a crash left — and the
 *     session runtime, which closes an unfinished session (`recovering`) before the attract screen;
 *  7. the sync client and the heartbeat; service mode; device health and service mode → out of service; the keypad;
 *  8. (the host) the KioskApi routes, service mode's routes, and the simulator-control routes when enabled.
 */
export type KioskServiceDeps = {
  readonly clock?: Clock;
  readonly log?: Logger;
  /** Replaces every adapter (tests of the shells with the session's fakes). */
  readonly sessionPorts?: SessionPorts;
  /** Seconds per page of the simulated A4 printer, in ms (tests shorten it; the demo prints at a laser's pace). */
  readonly simulatedA4MsPerPage?: number;
  /** Extra routes for the browser host (service mode, reports …), registered after the simulator control. */
  readonly hostRoutes?: readonly ((app: FastifyInstance) => void | Promise<void>)[];
  /** TEST ONLY: by default read from the environment (kiosk/crash-point.ts); null disables it. */
  readonly crashPoint?: CrashPoint | null;
};

export type KioskDevices = {
  readonly receiptPrinter: ReceiptPrinterDevice;
  readonly a4Printer: A4PrinterDevice;
  readonly fingerprint: FingerprintSetup;
  readonly keypad: KeypadSetup;
  readonly cash: CashDevices;
};

export type KioskService = {
  readonly config: KioskConfig;
  readonly db: KioskDatabase;
  readonly journal: Journal;
  readonly outbox: Outbox;
  readonly session: SessionRuntime;
  readonly handlers: ApiHandlers;
  readonly central: CentralConnection;
  readonly sync: SyncClient;
  readonly health: HealthBoard;
  readonly devices: KioskDevices;
  /** The one owner of money records (kiosk/cash). */
  readonly money: MoneyService;
  /** The technician's service mode (its routes are registered by `extendHost`). */
  readonly serviceMode: ServiceMode;
  /** The simulator-control devices (empty when nothing is simulated or control is off). */
  readonly simulators: readonly SimulatedDevice[];
  readonly log: Logger;
  readonly clock: Clock;
  /** Registers the service's own routes on the browser host (service mode, simulator control, then `hostRoutes`). */
  extendHost(app: FastifyInstance): Promise<void>;
  stop(): Promise<void>;
};

export type StartError = {
  readonly kind: 'database' | 'central-office' | 'devices';
  readonly error: { readonly kind: string; readonly detail: string };
  /** The database file, for `database`. */
  readonly file?: string;
};

export function describeStartError(error: StartError): string {
  switch (error.kind) {
    case 'database':
      return `The kiosk database ${error.file ?? ''} cannot be used (${error.error.kind}): ${error.error.detail}`;
    case 'central-office':
      return `The central office cannot be used (${error.error.kind}): ${error.error.detail}`;
    case 'devices':
      return `A device cannot be set up (${error.error.kind}): ${error.error.detail}`;
  }
}

/** What the citizen screen shows while a technician has the kiosk in service mode. */
const SERVICE_MODE_FAULT: DeviceFault = { device: 'kiosk', messageKey: 'fault.service', code: 'service-mode' };

function softwareVersion(): string {
  try {
    const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../package.json');
    return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}


export async function createKioskService(config: KioskConfig, deps: KioskServiceDeps = {}): Promise<Result<KioskService, StartError>> {
  const clock = deps.clock ?? systemClock;
  const log = deps.log ?? createLogger({ name: 'kiosk' });
  const started = performance.now();
  log.info({ event: 'kiosk.start.start', kioskId: config.kioskId });
  const stops: (() => unknown)[] = [];
  const fail = async (error: StartError): Promise<Result<KioskService, StartError>> => {
    log.error({ event: 'kiosk.start.end', outcome: error.kind, detail: error.error.detail });
    for (const stop of stops.reverse()) await Promise.resolve(stop()).catch(() => undefined);
    return err(error);
  };

  // 1. the database
  const file = path.join(config.dataDir, DATABASE_FILE);
  const opened = openDatabase(file);
  if (!opened.ok) return fail({ kind: 'database', error: opened.error, file });
  const db = opened.value;
  stops.push(() => db.close());
  const now = () => clock.now();
  const journal = new Journal(db, now);
  const outbox = new Outbox(db, config.kioskId, now);

  // 2. the central office
  const connected = await connectCentralOffice(config, { clock, logger: log.child({ part: 'central' }) });
  if (!connected.ok) return fail({ kind: 'central-office', error: { kind: 'connect', detail: connected.error } });
  const central = connected.value;
  stops.push(() => central.close());

  // 3. the devices
  const deviceLog = log.child({ part: 'devices' });
  const cash = createCashDevices(config.devices, { clock, log: deviceLog });
  if (!cash.ok) return fail({ kind: 'devices', error: { kind: 'cash', detail: cash.error } });
  const receiptPrinter = createReceiptPrinter(config.devices.receiptPrinter, { clock, log: deviceLog.child({ device: 'receipt-printer' }) });
  stops.push(() => receiptPrinter.stop());
  const paper = restoreSheetCounter(db, log);
  const a4Printer = createA4Printer(config.devices.a4Printer, {
    clock,
    log: deviceLog.child({ device: 'a4-printer' }),
    paper,
    ...(deps.simulatedA4MsPerPage === undefined ? {} : { simulatedMsPerPage: deps.simulatedA4MsPerPage }),
  });
  stops.push(persistSheetCounter(db, paper, now));
  let fingerprint: FingerprintSetup;
  try {
    fingerprint = await createFingerprintReader(config.devices.fingerprint, { clock, log: deviceLog });
  } catch (error) {
    return fail({ kind: 'devices', error: { kind: 'fingerprint', detail: (error as Error).message } });
  }
  stops.push(() => fingerprint.reader.close());
  const keypad = createKeypad(config.devices.keypad, { clock, log: deviceLog });
  stops.push(() => keypad.keypad.stop());

  // Device faults and recoveries go to the issuance log; a write that fails (the database closing under a last
  // poll at stop) is logged, never thrown into a device's event handler.
  let notifySync: () => void = () => undefined;
  const logDeviceEvent = (write: () => void) => {
    try {
      write();
      notifySync();
    } catch (error) {
      log.error({ event: 'device.event-not-logged', error });
    }
  };
  const health = new HealthBoard(log, {
    fault: (device, code, detail) => logDeviceEvent(() => outbox.append('device.fault', { device, code, detail })),
    recovered: (device) => logDeviceEvent(() => outbox.append('device.recovered', { device })),
  });
  stops.push(watchReceiptPrinter(receiptPrinter.printer, health));
  const receiptStart = await receiptPrinter.start();
  if (!receiptStart.ok) health.set('receipt-printer', { condition: 'offline', code: receiptStart.error.kind, detail: receiptStart.error.detail });
  stops.push(watchFingerprint(fingerprint.reader, health));
  // The reader reconnects by itself after a failed first connect; the session's capture waits for it.
  void fingerprint.reader.connect().then((connectedReader) => {
    if (!connectedReader.ok) log.warn({ event: 'fingerprint.not-connected', fault: connectedReader.error.kind });
  });

  // 4. the money service: the one owner of money. It drives the cash devices through StartReports (the same
  // drivers, whose start-up answers service mode shows); `recoverAtStartup` below starts it, after the session's
  // paper recovery, so that it settles what a crash left with the fee the session's documents earned.
  const crashPoint = deps.crashPoint === undefined ? crashPointFrom(process.env, config) : deps.crashPoint;
  if (crashPoint) log.warn({ event: 'kiosk.test-crash-point', label: crashPoint.label, occurrence: crashPoint.occurrence });
  const crash = crashPoint ? crashAfter(crashPoint) : null;
  const startReports = new StartReports();
  const cashDevices = cash.value;
  const money = new MoneyService({
    db,
    kioskId: config.kioskId,
    clock,
    acceptor: startReports.billAcceptorThatRecords(cashDevices.billAcceptor.acceptor),
    hoppers: startReports.coinHoppersThatRecord(cashDevices.coinHoppers.hoppers),
    log: log.child({ part: 'money' }),
    ...(cashDevices.coinHoppers.kind === 'simulated' ? { initialHopperCoins: cashDevices.coinHoppers.initialCoins } : {}),
    onJournal: (event) => {
      crash?.(`${event.step}:${event.phase === 'begun' ? 'begin' : 'confirm'}`);
      notifySync();
    },
  });
  stops.push(() => money.stop());

  // 5. the adapters and the store
  const identity = new ReaderIdentityPort({ reader: fingerprint.reader, verifier: centralIdentityVerifier(central.client), clock, log: log.child({ part: 'identity' }) });
  stops.push(() => identity.wipeAll());
  const printing = new DevicePrintingPort({
    a4: a4Printer.printer,
    receipt: receiptPrinter.printer,
    kiosk: { kioskId: config.kioskId, name: config.site.name, address: config.site.address },
    clock,
    log: log.child({ part: 'printing' }),
  });
  const sync = new SyncClient({ db, outbox, sender: central.client, clock, logger: log.child({ part: 'sync' }) });
  notifySync = () => sync.notify();
  const diagnostics = kioskDiagnostics({
    config,
    clock,
    devices: {
      billAcceptor: cashDevices.billAcceptor,
      coinHoppers: cashDevices.coinHoppers,
      receiptPrinter,
      a4Printer,
      fingerprint,
      keypad,
    },
    startReports,
    money,
  });
  // The health report asks the printers for their status: the 60-s heartbeat does, and the records port's
  // reachability probe (asked while a citizen waits) re-sends the last report rather than asking the devices again.
  const deviceHealth = heartbeatHealth({ softwareVersion: softwareVersion(), devices: diagnostics, cash: money, a4Paper: paper });
  let lastHealth: Omit<Heartbeat, 'queue'> | null = null;
  const healthReport = async (): Promise<Omit<Heartbeat, 'queue'>> => (lastHealth = await deviceHealth());
  const heartbeatBody = async (): Promise<Heartbeat> => {
    const status = sync.status();
    return { ...(lastHealth ?? (await healthReport())), queue: { depth: status.depth, oldestUnsentAgeSeconds: status.oldestUnsentAgeSeconds } };
  };
  const records = centralRecordsPort({
    client: central.client,
    probe: async () => (await central.client.heartbeat(await heartbeatBody())).ok,
    clock,
    log: log.child({ part: 'records' }),
  });
  const ports: SessionPorts = deps.sessionPorts ?? { clock, records, identity, printing };

  const gate: WriteGate = {
    before: () => undefined,
    after: (label) => {
      crash?.(label);
      sync.notify();
    },
  };
  const store = new SessionStore(db, now, { journal, outbox, gate });

  // 6. recovery (the session's paper, then the money service starts and settles), then the session
  await recoverAtStartup({ ports, money, store, log: log.child({ part: 'recovery' }) });
  const session = createSessionRuntime({
    store,
    ports,
    money,
    feeSchedule: config.fees,
    idleTiming: config.session,
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
  stops.push(() => session.stop());
  const handlers = createApiHandlers(session);

  // 7. the issuance log, health, service mode, the keypad
  sync.start();
  stops.push(() => sync.stop());
  const heartbeat = new HeartbeatSender(central.client, sync, healthReport, clock, undefined, log.child({ part: 'heartbeat' }));
  heartbeat.start();
  stops.push(() => heartbeat.stop());
  const serviceMode = serviceModeForKiosk({
    config,
    db,
    clock,
    log: log.child({ part: 'service-mode' }),
    diagnostics,
    money,
    a4Paper: paper,
    receiptPrinter: receiptPrinter.printer,
    sync,
    citizenSessionActive: () => session.inspect().context.sessionId !== null,
  });
  // While a technician works in service mode the citizen screen is out of service, as are device faults.
  const publishHealth = () => session.setHealth(serviceMode.active() ? [...health.faults(), SERVICE_MODE_FAULT] : health.faults());
  stops.push(health.onFaults(publishHealth));
  stops.push(serviceMode.onChange(publishHealth));
  const pollError = (device: 'a4-printer' | 'receipt-printer') => (error: unknown) =>
    health.set(device, { condition: 'offline', code: 'status-error', detail: (error as Error).message });
  stops.push(poll(clock, HEALTH_POLL_MS, () => checkA4Printer(a4Printer.printer, health), pollError('a4-printer')));
  stops.push(poll(clock, HEALTH_POLL_MS, () => checkReceiptPrinter(receiptPrinter.printer, health), pollError('receipt-printer')));
  stops.push(
    poll(
      clock,
      HEALTH_POLL_MS,
      async () => {
        const { acceptor, hoppers } = cashHealth(money.status(), money.readiness(0));
        health.set('bill-acceptor', acceptor);
        health.set('coin-hoppers', hoppers);
      },
      (error) => health.set('bill-acceptor', { condition: 'offline', code: 'status-error', detail: (error as Error).message }),
    ),
  );
  // Wired before it starts: a keypad configured `always-connected` announces voice guidance as it starts.
  stops.push(wireKeypad(keypad.keypad, session, log));
  await keypad.keypad.start();
  stops.push(watchKeypad(keypad.keypad, health));

  // 8. simulator control (registered on the host by extendHost, with service mode's routes)
  const simulators: SimulatedDevice[] = [];
  if (config.simulatorControl) {
    if (fingerprint.simulator) simulators.push(fingerprintDevice(fingerprint.simulator, fingerprint.reader, panelResidents));
    if (keypad.simulator) simulators.push(keypadDevice(keypad.simulator, keypad.keypad));
    if (receiptPrinter.control) simulators.push(receiptPrinterDevice(receiptPrinter.control));
    if (a4Printer.control) simulators.push(a4PrinterDevice(a4Printer.control, a4Printer.printer));
    simulators.push(...cashSimulatorDevices(cashDevices));
    if (simulators.length === 0) log.warn({ event: 'simulator.none', reason: 'simulatorControl is on but no device is simulated' });
  }

  log.info({ event: 'kiosk.start.end', outcome: 'ok', ms: Math.round(performance.now() - started), centralOffice: central.embedded ? 'embedded' : central.url });
  let stopped = false;
  return ok({
    config,
    db,
    journal,
    outbox,
    session,
    handlers,
    central,
    sync,
    health,
    devices: { receiptPrinter, a4Printer, fingerprint, keypad, cash: cashDevices },
    money,
    serviceMode,
    simulators,
    log,
    clock,
    async extendHost(app) {
      serviceModeRoutes(serviceMode)(app);
      if (simulators.length > 0) registerSimulatorRoutes(app, { devices: simulators, residents: panelResidents }, log);
      for (const route of deps.hostRoutes ?? []) await route(app);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const stop of stops.reverse()) {
        try {
          await stop();
        } catch (error) {
          log.error({ event: 'kiosk.stop-error', error });
        }
      }
      log.info({ event: 'kiosk.stopped' });
    },
  });
}
