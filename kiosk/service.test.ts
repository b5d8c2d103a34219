import Fastify from 'fastify';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeClock } from '../common/clock';
import { silentLogger } from '../common/log';
import type { SimulatorPanelState } from './api/simulator-contract';
import { HEALTH_POLL_MS } from './adapters/device-watch';
import { parseConfig, type KioskConfig } from './config';
import { EMBEDDED_URL_FILE } from './central-client/connect';
import { createKioskService, describeStartError, type KioskService } from './service';

/**
 * The composition root in-process: the demo configuration (every device simulated, the central office embedded)
 * on a fake clock, in a fresh data folder. The end-to-end and crash tests run it as a real process.
 */
/** The demo configuration's technician PIN (docs/technician-guide.md). */
const DEMO_PIN = '258046';
const DEMO = JSON.parse(readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'config/demo.json'), 'utf8')) as Record<string, unknown>;

function configIn(dir: string, change: (raw: Record<string, unknown>) => void = () => undefined): KioskConfig {
  const raw = structuredClone(DEMO);
  raw.dataDir = dir;
  change(raw);
  const parsed = parseConfig(raw);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return parsed.value;
}

/** Lets the fake clock run while real I/O (loopback HTTP, SQLite) completes. */
async function until(clock: FakeClock, what: string, check: () => boolean, limitMs = 60_000): Promise<void> {
  for (let waited = 0; waited < limitMs; waited += 100) {
    if (check()) return;
    await clock.advance(100);
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`still waiting for ${what}`);
}

/**
 * Start-up talks to the simulated cash devices (the money service starts them and settles before the session
 * starts), and their protocols run on the kiosk's clock: a fake clock must move while the kiosk starts.
 */
async function startOn(clock: FakeClock, config: KioskConfig): Promise<KioskService> {
  let starting = true;
  const started = createKioskService(config, { clock, log: silentLogger(), crashPoint: null }).finally(() => {
    starting = false;
  });
  while (starting) {
    await clock.advance(50);
    await new Promise((resolve) => setImmediate(resolve));
  }
  const result = await started;
  if (!result.ok) throw new Error(describeStartError(result.error));
  return result.value;
}

describe('the composition root', () => {
  let dir: string;
  let service: KioskService | null = null;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'kiosk-service-'));
  });
  afterEach(async () => {
    await service?.stop();
    service = null;
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts every simulated device, the embedded office and the simulator control, and stops cleanly', async () => {
    const clock = new FakeClock(Date.now());
    service = await startOn(clock, configIn(dir));
    expect(service.simulators.map((device) => device.device).sort()).toEqual(['a4-printer', 'bill-acceptor', 'coin-hoppers', 'fingerprint', 'keypad', 'receipt-printer']);
    expect(existsSync(path.join(dir, EMBEDDED_URL_FILE))).toBe(true);

    const app = Fastify();
    await service.extendHost(app);
    const panel = (await app.inject({ method: 'GET', url: '/api/sim' })).json() as SimulatorPanelState;
    expect(panel.residents.length).toBeGreaterThan(5);
    expect(panel.devices.find((device) => device.device === 'fingerprint')?.state).toBeDefined();
    await app.close();

    // The heartbeat reached the office with every device's state.
    const office = service.central.embedded!.office;
    let devicesAtOffice: string[] = [];
    for (let tries = 0; tries < 100 && devicesAtOffice.length === 0; tries++) {
      const hall = (await office.kioskStatuses()).find((kiosk) => kiosk.kioskId === 'GJ-HALL-01');
      devicesAtOffice = Object.keys(hall?.heartbeat?.devices ?? {});
      await clock.advance(100);
    }
    expect(devicesAtOffice).toEqual(expect.arrayContaining(['a4-printer', 'fingerprint', 'bill-acceptor']));

    await service.stop();
    service = null;
    expect(existsSync(path.join(dir, EMBEDDED_URL_FILE))).toBe(false);
  });

  it('goes out of service when the A4 printer jams, logs it for the central office, and comes back when it is cleared', async () => {
    const clock = new FakeClock(Date.now());
    service = await startOn(clock, configIn(dir));
    const { session, devices } = service;
    await until(clock, 'the attract screen', () => session.view().screen === 'attract');
    devices.a4Printer.control!.jam();
    await clock.advance(HEALTH_POLL_MS);
    await until(clock, 'out of service', () => session.view().screen === 'out-of-service');
    expect(session.view()).toMatchObject({ screen: 'out-of-service', faults: [{ device: 'a4-printer', code: 'media-jam' }] });
    devices.a4Printer.control!.clearJam();
    await clock.advance(HEALTH_POLL_MS);
    await until(clock, 'back in service', () => session.view().screen === 'attract');
    const types = (service.db.prepare("SELECT type FROM outbox WHERE type LIKE 'device.%' ORDER BY seq").all() as { type: string }[]).map((row) => row.type);
    expect(types).toEqual(['device.fault', 'device.recovered']);
  });

  it('puts the citizen screen out of service while a technician is in service mode, and back after', async () => {
    const clock = new FakeClock(Date.now());
    service = await startOn(clock, configIn(dir));
    const { session, serviceMode } = service;
    await until(clock, 'the attract screen', () => session.view().screen === 'attract');
    const entered = serviceMode.enter(DEMO_PIN);
    if (!entered.ok) throw new Error(entered.error.detail);
    expect(session.view()).toMatchObject({ screen: 'out-of-service', faults: [{ device: 'kiosk', code: 'service-mode', messageKey: 'fault.service' }] });
    // The same service mode answers on the browser host's routes.
    const app = Fastify();
    await service.extendHost(app);
    const overview = await app.inject({ method: 'GET', url: '/service/api/overview', headers: { 'x-service-token': entered.value.token } });
    expect(overview.statusCode).toBe(200);
    expect(overview.json()).toMatchObject({ kioskId: 'GJ-HALL-01' });
    await app.close();
    expect(serviceMode.exit(entered.value.token).ok).toBe(true);
    expect(session.view().screen).toBe('attract');
  });

  it('with cash hardware that does not answer, takes no money: the kiosk is out of service and says which device', async () => {
    const clock = new FakeClock(Date.now());
    const config = configIn(dir, (raw) => {
      const devices = raw.devices as Record<string, unknown>;
      devices.billAcceptor = { driver: 'id003', port: '/dev/serial/by-id/no-such-acceptor' };
      devices.coinHoppers = { driver: 'cctalk', port: '/dev/serial/by-id/no-such-hoppers', hoppers: [{ coinValue: 500, address: 3 }] };
    });
    service = await startOn(clock, config);
    expect(service.simulators.map((device) => device.device)).not.toContain('bill-acceptor');
    await until(clock, 'out of service', () => service?.session.view().screen === 'out-of-service');
    expect(service.session.view()).toMatchObject({ faults: [{ device: 'bill-acceptor', code: 'not-responding', messageKey: 'fault.disconnected' }] });
    expect(service.money.readiness(200)).toEqual({ acceptor: 'offline', hoppers: 'offline', notes: [] });
  });

  it('refuses to start on a device configuration the factories reject, naming it', async () => {
    const config = configIn(dir, (raw) => {
      (raw.devices as Record<string, unknown>).coinHoppers = {
        driver: 'simulated',
        hoppers: [
          { coinValue: 500, address: 3, initialCoins: 1 },
          { coinValue: 100, address: 3, initialCoins: 1 },
        ],
      };
    });
    const started = await createKioskService(config, { log: silentLogger(), crashPoint: null });
    expect(started.ok).toBe(false);
    if (started.ok) return;
    expect(describeStartError(started.error)).toContain('devices.coinHoppers.hoppers: two hoppers share a ccTalk address');
    // What it had opened is closed again: the embedded office's URL file is gone.
    expect(existsSync(path.join(dir, EMBEDDED_URL_FILE))).toBe(false);
  });
});
