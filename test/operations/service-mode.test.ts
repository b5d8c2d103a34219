import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { containsResidentNumber } from '../../common/privacy';
import { silentLogger } from '../../common/log';
import { SheetCounter } from '../../devices/a4-printer/paper-counter';
import { persistSheetCounter, restoreSheetCounter } from '../../kiosk/adapters/paper-store';
import { createA4Printer, type A4PrinterDevice } from '../../devices/a4-printer/factory';
import { createFingerprintReader, type FingerprintSetup } from '../../devices/fingerprint/factory';
import { createKeypad, type KeypadSetup } from '../../devices/keypad/factory';
import { createReceiptPrinter, type ReceiptPrinterDevice } from '../../devices/receipt-printer/factory';
import { KEYS_TO_TEST } from '../../kiosk/diagnostics/keypad';
import { diagnosticsFor } from '../../kiosk/diagnostics/devices';
import { hashPin } from '../../kiosk/service/pin';
import { FIRST_LOCKOUT_MS, heartbeatHealth, MAX_PIN_FAILURES, SERVICE_IDLE_MS, ServiceMode, ServiceModeClient, serviceModeRoutes, type SelfTestRun } from '../../kiosk/service-mode';
import { Heartbeat } from '../../central-office/contract/api';
import { startBrowserHost } from '../../kiosk/host/server';
import { createApiHandlers } from '../../kiosk/api/handlers';
import { cleanup, createWorld, startHost, type CashHost, type CashWorld } from '../cash/rig';

/**
 * Service mode over the real devices: the money service with its ID-003 and ccTalk drivers and simulators (the cash
 * rig), the simulated receipt and A4 printers, fingerprint reader and keypad — all real drivers over in-process
 * lines, on one fake clock. PIN lockout (persisted), the audit trail, each self-test including failing devices,
 * refills, the cash box, log export, and the HTTP routes on the browser host.
 */
const PIN = '135790';
const PIN_HASH = hashPin(PIN);
const log = silentLogger();

let world: CashWorld;
let host: CashHost;
let receipt: ReceiptPrinterDevice;
let a4: A4PrinterDevice;
let fingerprint: FingerprintSetup;
let keypad: KeypadSetup;
let paper: SheetCounter;
let citizen = false;

const CONFIG = {
  kioskId: 'GJ-HALL-01',
  site: { name: { ko: '금정구청 민원실', en: 'Geumjeong-gu Office' }, kind: 'government-building' as const, district: '금정구', address: '부산' },
  devices: {
    billAcceptor: { driver: 'simulated' as const },
    coinHoppers: { driver: 'simulated' as const, hoppers: [] },
    receiptPrinter: { driver: 'simulated' as const },
    a4Printer: { driver: 'simulated' as const },
    fingerprint: { driver: 'simulated' as const },
    keypad: { driver: 'simulated' as const },
  },
};

function serviceMode(db = host.db): ServiceMode {
  return new ServiceMode({
    db,
    clock: world.clock,
    kioskId: 'GJ-HALL-01',
    kioskName: CONFIG.site.name,
    timeZone: 'Asia/Seoul',
    pinHash: PIN_HASH,
    dataDir: world.dir,
    devices: diagnosticsFor(
      { billAcceptor: { acceptor: host.acceptor }, coinHoppers: { hoppers: host.hoppers }, receiptPrinter: receipt, a4Printer: a4, fingerprint, keypad: keypad },
      { config: CONFIG, clock: world.clock, escrowHandledBy: 'money-service', ledgerCoins: () => new Map(host.service.status().hoppers.map((h) => [h.coinValue, h.coins])) },
    ),
    cash: host.service,
    a4Paper: paper,
    receiptPrinter: receipt.printer,
    citizenSessionActive: () => citizen,
  });
}

beforeEach(async () => {
  citizen = false;
  world = createWorld();
  host = await startHost(world);
  receipt = createReceiptPrinter({ driver: 'simulated' }, { clock: world.clock, log });
  const connecting = receipt.start();
  await world.clock.advance(200);
  await connecting;
  // As the composition root does: the counter restored from the database and kept there on every change.
  paper = restoreSheetCounter(host.db, log);
  persistSheetCounter(host.db, paper, () => world.clock.now());
  a4 = createA4Printer({ driver: 'simulated' }, { clock: world.clock, log, paper, simulatedMsPerPage: 100 });
  fingerprint = await createFingerprintReader({ driver: 'simulated' }, { clock: world.clock, log });
  keypad = createKeypad({ driver: 'simulated' }, { clock: world.clock, log });
  await keypad.keypad.start();
});
afterEach(async () => {
  await fingerprint?.reader.close();
  await keypad?.keypad.stop();
  await receipt?.stop();
  await host?.crash();
  if (world) cleanup(world);
});

function auditActions(service: ServiceMode): string[] {
  return service.audit
    .recent(1000)
    .reverse()
    .map((entry) => `${entry.action}:${entry.outcome}`);
}

async function runTest(service: ServiceMode, token: string, device: string, act?: (run: SelfTestRun) => void | Promise<void>): Promise<SelfTestRun> {
  const started = service.startSelfTest(token, device);
  if (!started.ok) throw new Error(started.error.detail);
  const run = started.value;
  for (let i = 0; i < 200 && !run.steps.some((step) => step.kind === 'prompt') && run.state === 'running'; i++) await world.clock.advance(50);
  await act?.(run);
  for (let i = 0; i < 4000 && run.state === 'running'; i++) await world.clock.advance(50);
  return run;
}

describe('entering service mode', () => {
  it('locks the PIN pad after repeated wrong PINs, and a restart does not unlock it', async () => {
    const service = serviceMode();
    for (let attempt = 1; attempt < MAX_PIN_FAILURES; attempt++) {
      expect(service.enter('000000')).toMatchObject({ ok: false, error: { kind: 'wrong-pin', attemptsLeft: MAX_PIN_FAILURES - attempt } });
    }
    expect(service.enter('000000')).toMatchObject({ ok: false, error: { kind: 'locked', until: world.clock.now() + FIRST_LOCKOUT_MS } });
    // Even the right PIN is not checked while locked.
    expect(service.enter(PIN)).toMatchObject({ ok: false, error: { kind: 'locked' } });

    // Restart: the same database file, a new process's service mode.
    host = await host.restart();
    const restarted = serviceMode(host.db);
    expect(restarted.enter(PIN)).toMatchObject({ ok: false, error: { kind: 'locked' } });
    await world.clock.advance(FIRST_LOCKOUT_MS);
    // The next lockout is longer.
    for (let attempt = 0; attempt < MAX_PIN_FAILURES; attempt++) restarted.enter('111111');
    expect(restarted.enter(PIN)).toMatchObject({ ok: false, error: { kind: 'locked', until: world.clock.now() + 2 * FIRST_LOCKOUT_MS } });
    await world.clock.advance(2 * FIRST_LOCKOUT_MS);
    const entered = restarted.enter(PIN);
    expect(entered.ok).toBe(true);
    expect(restarted.exit(entered.ok ? entered.value.token : undefined).ok).toBe(true);
    const trail = auditActions(restarted);
    expect(trail.filter((a) => a === 'enter:wrong-pin')).toHaveLength(2 * MAX_PIN_FAILURES);
    expect(trail.filter((a) => a === 'enter:refused-locked')).toHaveLength(3);
    expect(trail.slice(-2)).toEqual(['enter:ok', 'exit:exit']);
    expect(JSON.stringify(restarted.audit.recent(1000))).not.toMatch(new RegExp(`${PIN}|000000|111111`));
  });

  it('needs the session token for every action, and ends the session after idling', async () => {
    const service = serviceMode();
    expect(await service.overview(undefined)).toMatchObject({ ok: false, error: { kind: 'not-signed-in' } });
    const entered = service.enter(PIN);
    if (!entered.ok) throw new Error('no entry');
    const changes: boolean[] = [];
    service.onChange((active) => changes.push(active));
    expect(await service.overview('forged-token')).toMatchObject({ ok: false, error: { kind: 'not-signed-in' } });
    const overview = await service.overview(entered.value.token);
    expect(overview.ok).toBe(true);
    if (overview.ok) expect(overview.value.devices.map((d) => d.id)).toEqual(['bill-acceptor', 'coin-hoppers', 'receipt-printer', 'a4-printer', 'fingerprint', 'keypad']);
    await world.clock.advance(SERVICE_IDLE_MS + 1);
    expect(service.active()).toBe(false);
    expect(await service.overview(entered.value.token)).toMatchObject({ ok: false, error: { kind: 'not-signed-in' } });
    expect(changes).toEqual([false]);
    expect(auditActions(service)).toEqual(['enter:ok', 'exit:expired-idle']);
  });

  it('refuses entry and cash actions while a citizen is being served', async () => {
    const service = serviceMode();
    citizen = true;
    expect(service.enter(PIN)).toMatchObject({ ok: false, error: { kind: 'busy' } });
    citizen = false;
    const entered = service.enter(PIN);
    if (!entered.ok) throw new Error('no entry');
    citizen = true;
    expect(service.refillHopper(entered.value.token, 500, 100)).toMatchObject({ ok: false, error: { kind: 'busy' } });
    expect(service.startSelfTest(entered.value.token, 'bill-acceptor')).toMatchObject({ ok: false, error: { kind: 'busy' } });
  });
});

describe('self-tests through service mode, against the simulators', () => {
  it('bill acceptor: the money service gives the note back and journals it; the cash box is untouched', async () => {
    const service = serviceMode();
    const entered = service.enter(PIN);
    if (!entered.ok) throw new Error('no entry');
    const run = await runTest(service, entered.value.token, 'bill-acceptor', async () => {
      expect(world.acceptorSim.insertNote(10000).ok).toBe(true);
    });
    expect(run.state).toBe('passed');
    expect(run.outcome?.measurements.noteRead).toBe(10000);
    expect(world.acceptorSim.cashBoxTotal()).toBe(0);
    expect(world.citizen).toEqual({ inserted: 10000, returned: 10000 });
    const returned = host.db.prepare("SELECT count(*) AS n FROM journal WHERE step = 'cash.return' AND status = 'confirmed'").get() as { n: number };
    expect(returned.n).toBe(1);
    expect(host.service.status().cashBox.total).toBe(0);
    expect(auditActions(service)).toEqual(['enter:ok', 'self-test:bill-acceptor:started', 'self-test:bill-acceptor:passed']);
  });

  it('bill acceptor that is jammed: the test fails with the fault in plain words', async () => {
    const service = serviceMode();
    const entered = service.enter(PIN);
    if (!entered.ok) throw new Error('no entry');
    world.acceptorSim.jamNow('acceptor');
    await world.clock.advance(500);
    const run = await runTest(service, entered.value.token, 'bill-acceptor');
    expect(run.state).toBe('failed');
    expect(run.outcome?.problems[0]).toMatchObject({ code: 'jam-in-acceptor', what: { ko: '지폐가 인식부에 걸렸습니다' } });
    const overview = await service.overview(entered.value.token);
    expect(overview.ok && overview.value.devices.find((d) => d.id === 'bill-acceptor')).toMatchObject({ health: 'fault', lastError: { code: 'jam-in-acceptor' } });
  });

  it('coin hoppers, receipt printer, A4 printer, fingerprint and keypad pass against working simulators', async () => {
    const service = serviceMode();
    const entered = service.enter(PIN);
    if (!entered.ok) throw new Error('no entry');
    const token = entered.value.token;
    expect((await runTest(service, token, 'coin-hoppers')).state).toBe('passed');
    expect((await runTest(service, token, 'receipt-printer')).state).toBe('passed');
    expect(receipt.control!.printed).toHaveLength(1);
    const a4Run = await runTest(service, token, 'a4-printer');
    expect(a4Run.state).toBe('passed');
    expect(paper.count.used).toBe(1);
    const finger = await runTest(service, token, 'fingerprint', () => fingerprint.simulator!.placeFinger('850505-2345678'));
    expect(finger.state).toBe('passed');
    expect(finger.outcome?.measurements.quality).toBe('good');
    const keys = await runTest(service, token, 'keypad', () => {
      for (const key of KEYS_TO_TEST) keypad.simulator!.press(key);
    });
    expect(keys.state).toBe('passed');
    expect(JSON.stringify(service.audit.recent(100))).not.toContain('850505');
  });

  it('a failing A4 printer and an unanswering hopper fail their tests, and one test runs at a time', async () => {
    const service = serviceMode();
    const entered = service.enter(PIN);
    if (!entered.ok) throw new Error('no entry');
    const token = entered.value.token;
    a4.control!.jam();
    const a4Run = await runTest(service, token, 'a4-printer');
    expect(a4Run).toMatchObject({ state: 'failed', outcome: { problems: [{ code: 'media-jam' }] } });
    world.hopperSim.stopAnswering(100);
    const hopperRun = await runTest(service, token, 'coin-hoppers');
    expect(hopperRun.state).toBe('failed');
    const first = service.startSelfTest(token, 'keypad');
    expect(first.ok).toBe(true);
    expect(service.startSelfTest(token, 'fingerprint')).toMatchObject({ ok: false, error: { kind: 'busy' } });
    if (first.ok) service.cancelSelfTest(token, first.value.testId);
    await world.clock.advance(100);
    expect(first.ok && first.value.state).toBe('cancelled');
    expect(service.startSelfTest(token, 'toaster')).toMatchObject({ ok: false, error: { kind: 'unknown' } });
  });
});

describe('refills, counts and the cash box', () => {
  it('records paper refills (kept across a restart) and tells the office', async () => {
    const service = serviceMode();
    const entered = service.enter(PIN);
    if (!entered.ok) throw new Error('no entry');
    const token = entered.value.token;
    expect(service.refillPaper(token, { printer: 'a4', sheetsAdded: 500 })).toEqual({ ok: true, value: { remaining: 500 } });
    expect(service.refillPaper(token, { printer: 'a4', sheetsInTray: 480 })).toEqual({ ok: true, value: { remaining: 480 } });
    expect(service.refillPaper(token, { printer: 'receipt' }).ok).toBe(true);
    expect(service.refillPaper(token, { printer: 'a4', sheetsAdded: -3 })).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    const events = host.db.prepare("SELECT payload FROM outbox WHERE type = 'paper.refilled' ORDER BY seq").all() as { payload: string }[];
    expect(events.map((e) => JSON.parse(e.payload))).toEqual([{ printer: 'a4', sheets: 500 }, { printer: 'receipt', sheets: 1 }]);
    paper.record(3);
    // A restart: a fresh counter restored from the database.
    expect(restoreSheetCounter(host.db, log).count).toEqual({ used: 3, remaining: 477, low: false });
  });

  it('refills and counts hoppers and removes the cash box: the content is recorded, zeroed and sent', async () => {
    const service = serviceMode();
    const entered = service.enter(PIN);
    if (!entered.ok) throw new Error('no entry');
    const token = entered.value.token;
    const coinsBefore = host.service.status().hoppers.find((h) => h.coinValue === 500)?.coins ?? 0;
    expect(service.refillHopper(token, 500, 100).ok).toBe(true);
    expect(host.service.status().hoppers.find((h) => h.coinValue === 500)?.coins).toBe(coinsBefore + 100);
    expect(service.countHopper(token, 100, 42).ok).toBe(true);
    expect(host.service.status().hoppers.find((h) => h.coinValue === 100)?.coins).toBe(42);
    expect(service.refillHopper(token, 50, 10)).toMatchObject({ ok: false, error: { kind: 'invalid' } });

    const collected = await host.service.collect('s-1', 1000);
    if (!collected.ok) throw new Error(collected.error.detail);
    await world.clock.advance(10);
    world.acceptorSim.insertNote(1000);
    await world.clock.advance(2000);
    const settling = host.service.settle('s-1', 1000);
    await world.clock.advance(10_000);
    await settling;
    const removed = service.removeCashBox(token);
    expect(removed).toEqual({ ok: true, value: { byDenomination: { '1000': 1 }, notes: 1, total: 1000 } });
    expect(host.service.status().cashBox.total).toBe(0);
    const event = host.db.prepare("SELECT payload FROM outbox WHERE type = 'cash.box-collected'").get() as { payload: string };
    expect(JSON.parse(event.payload)).toEqual({ byDenomination: { '1000': 1 }, total: 1000 });
    expect(auditActions(service)).toEqual(['enter:ok', 'hopper-refill:ok', 'hopper-count:ok', 'hopper-refill:invalid', 'cash-box-removal:ok']);
    const removal = service.audit.recent(1)[0];
    expect(removal?.detail).toMatchObject({ total: 1000, byDenomination: { '1000': 1 } });
    // The close after the removal: the box was emptied, so the ledger and the money side both say zero.
    const closing = service.closeDay(token, { counted: {} });
    await world.clock.advance(5000);
    const closed = await closing;
    expect(closed.ok && closed.value.summary).toMatchObject({ balanced: true, boxCollected: 1000, feesKept: 1000, box: { expected: 0 } });
    expect(auditActions(service).at(-1)).toBe('day-close:balanced');
  });
});

describe('log export and the HTTP routes', () => {
  it('exports logs with the audit trail and device reports, and no personal data', async () => {
    const service = serviceMode();
    const entered = service.enter(PIN);
    if (!entered.ok) throw new Error('no entry');
    host.service.ledger.outbox.append('device.fault', { device: 'a4-printer', code: 'media-jam', detail: 'jam' });
    const exported = await service.exportLogs(entered.value.token);
    if (!exported.ok) throw new Error(exported.error.detail);
    expect(existsSync(exported.value.file)).toBe(true);
    const lines = readFileSync(exported.value.file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { kind: string });
    const kinds = new Set(lines.map((line) => line.kind));
    for (const kind of ['kiosk', 'device', 'queue', 'cash', 'audit', 'event']) expect(kinds).toContain(kind);
    expect(containsResidentNumber(readFileSync(exported.value.file, 'utf8'))).toBe(false);
    expect(path.dirname(exported.value.file)).toBe(path.join(world.dir, 'exports'));
  });

  it('serves service mode on the browser host: PIN, token, overview, a self-test, the export download', async () => {
    const service = serviceMode();
    const api = createApiHandlers({ send: async () => ({ accepted: true }) as never, view: () => ({ revision: 0 }) as never, subscribe: () => () => undefined });
    const browser = await startBrowserHost({ handlers: api, host: '127.0.0.1', port: 0, rendererDir: null, log, extend: serviceModeRoutes(service) });
    try {
      const call = (method: string, route: string, body?: unknown, token?: string) =>
        fetch(`${browser.url}${route}`, {
          method,
          headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { 'x-service-token': token } : {}) },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
      expect((await call('GET', '/service/api/overview')).status).toBe(401);
      expect((await call('POST', '/service/api/enter', { pin: '999999' })).status).toBe(403);
      expect((await call('POST', '/service/api/enter', { pin: 'abc' })).status).toBe(400);
      const entered = (await (await call('POST', '/service/api/enter', { pin: PIN })).json()) as { token: string };
      const overview = await call('GET', '/service/api/overview', undefined, entered.token);
      expect(overview.status).toBe(200);
      expect(((await overview.json()) as { devices: unknown[] }).devices).toHaveLength(6);
      const started = await call('POST', '/service/api/self-tests', { device: 'receipt-printer' }, entered.token);
      expect(started.status).toBe(202);
      const { testId } = (await started.json()) as { testId: string };
      let state = 'running';
      for (let i = 0; i < 100 && state === 'running'; i++) {
        await world.clock.advance(100);
        state = ((await (await call('GET', `/service/api/self-tests/${testId}`, undefined, entered.token)).json()) as { state: string }).state;
      }
      expect(state).toBe('passed');
      const exported = (await (await call('POST', '/service/api/logs/export', {}, entered.token)).json()) as { name: string };
      const download = await call('GET', `/service/api/logs/${exported.name}`, undefined, entered.token);
      expect(download.status).toBe(200);
      expect(await download.text()).toContain('"kind":"audit"');
      expect((await call('GET', '/service/api/logs/..%2F..%2Fetc%2Fpasswd', undefined, entered.token)).status).toBe(400);
      const closing = call('POST', '/service/api/day-close', { counted: { '1000': 0 } }, entered.token);
      for (let i = 0; i < 50; i++) await world.clock.advance(100);
      const closed = await closing;
      expect(closed.status).toBe(200);
      expect(((await closed.json()) as { summary: { balanced: boolean; discrepancy: number } }).summary).toMatchObject({ balanced: true, discrepancy: 0 });
      expect(receipt.control!.printed.some((slip) => JSON.stringify(slip).includes('일일 마감'))).toBe(true);
      expect((await call('POST', '/service/api/day-close', { counted: { '1000': -1 } }, entered.token)).status).toBe(400);
      expect((await call('POST', '/service/api/exit', {}, entered.token)).status).toBe(200);
      expect((await call('GET', '/service/api/overview', undefined, entered.token)).status).toBe(401);
    } finally {
      await browser.close();
    }
  });
});

describe('the heartbeat health from the same reports', () => {
  it('reports device states in service mode’s words, paper, coins and the cash box', async () => {
    const devices = diagnosticsFor(
      { billAcceptor: { acceptor: host.acceptor }, coinHoppers: { hoppers: host.hoppers }, receiptPrinter: receipt, a4Printer: a4 },
      { config: CONFIG, clock: world.clock, escrowHandledBy: 'money-service', ledgerCoins: () => new Map(host.service.status().hoppers.map((h) => [h.coinValue, h.coins])) },
    );
    paper.refill(37);
    receipt.control!.paperNearEnd();
    await world.clock.advance(500);
    const health = heartbeatHealth({ softwareVersion: '0.1.0', devices, cash: host.service, a4Paper: paper });
    const reading = health();
    await world.clock.advance(2000);
    const beat = Heartbeat.parse({ ...(await reading), queue: { depth: 0, oldestUnsentAgeSeconds: null } });
    expect(beat.devices['receipt-printer']).toEqual({ state: 'warning', detail: 'paper-near-end: The receipt roll is near its end' });
    expect(beat.devices['bill-acceptor']).toEqual({ state: 'ok' });
    expect(beat.paper).toEqual({ a4Sheets: 37, receiptLow: true });
    expect(beat.coins).toEqual({ '500': world.hopperSim.coins(500), '100': world.hopperSim.coins(100) });
    expect(beat.cashBox).toEqual({ notes: 0, total: 0 });
  });

  it('a kiosk whose host does not serve service mode is told so, plainly', async () => {
    const api = createApiHandlers({ send: async () => ({ accepted: true }) as never, view: () => ({ revision: 0 }) as never, subscribe: () => () => undefined });
    const browser = await startBrowserHost({ handlers: api, host: '127.0.0.1', port: 0, rendererDir: null, log });
    try {
      expect(await new ServiceModeClient(browser.url).enter(PIN)).toMatchObject({ ok: false, error: { kind: 'unavailable', detail: expect.stringContaining('does not serve service mode') } });
    } finally {
      await browser.close();
    }
  });
});
