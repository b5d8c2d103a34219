import { FakeClock, systemClock } from '../../common/clock';
import { silentLogger } from '../../common/log';
import { openPtyPair, type PtyPair } from '../../test/support/pty';
import { FakeHidStreamLink } from '../transport/hid-fake';
import { SerialTransport } from '../transport/serial';
import { R30xDriver } from './driver';
import { createFingerprintReader } from './factory';
import { FingerprintSimulator } from './simulator';
import { capturedTemplate } from './synthetic-finger';

const PERSON = '850315-2345678';

async function settle<T>(clock: FakeClock, promise: Promise<T>, stepMs = 50, maxMs = 60_000): Promise<T> {
  let done = false;
  let value: T | undefined;
  void promise.then((v) => {
    done = true;
    value = v;
  });
  for (let elapsed = 0; !done && elapsed <= maxMs; elapsed += stepMs) await clock.advance(stepMs);
  if (!done) throw new Error('promise did not settle on the fake clock');
  return value as T;
}

describe('fingerprint driver over a real serial line (socat pty pair)', () => {
  let pty: PtyPair;
  beforeEach(async () => {
    pty = await openPtyPair('fingerprint');
  });
  afterEach(async () => {
    await pty.close();
  });

  it('connects and uploads a template from the simulator on the other end', async () => {
    const moduleSide = new SerialTransport(pty.devicePath, { baudRate: 57600 });
    const simulator = new FingerprintSimulator(moduleSide);
    expect((await simulator.start()).ok).toBe(true);
    const driver = new R30xDriver(new SerialTransport(pty.hostPath, { baudRate: 57600 }), {
      clock: systemClock,
      log: silentLogger(),
      timing: { fingerTimeoutMs: 5_000, poorImagePauseMs: 50 },
      reconnect: false,
    });
    try {
      const connected = await driver.connect();
      expect(connected.ok && connected.value.parameters?.dataPacketSize).toBe(128);
      simulator.placePoorFinger('too-few-features');
      const guidance: string[] = [];
      const capture = driver.capture({ onProgress: (p) => p.type === 'poor-image' && guidance.push(p.guidance) });
      await new Promise((resolve) => setTimeout(resolve, 150));
      simulator.placeFinger(PERSON);
      const result = await capture;
      expect(guidance).toEqual(['more-of-finger']);
      expect(result.ok && result.value.bytes()).toEqual(capturedTemplate(PERSON, 1));
    } finally {
      await driver.close();
      await simulator.stop();
    }
  });

  it('reports a reader that stops answering on the line as not responding', async () => {
    const moduleSide = new SerialTransport(pty.devicePath, { baudRate: 57600 });
    const simulator = new FingerprintSimulator(moduleSide);
    await simulator.start();
    const driver = new R30xDriver(new SerialTransport(pty.hostPath, { baudRate: 57600 }), {
      clock: systemClock,
      log: silentLogger(),
      timing: { commandTimeoutMs: 150, imageCommandTimeoutMs: 150, auraProbeTimeoutMs: 100 },
      reconnect: false,
    });
    try {
      expect((await driver.connect()).ok).toBe(true);
      simulator.setAnswering(false);
      const result = await driver.capture();
      expect(result.ok ? 'ok' : result.error.kind).toBe('reader-unavailable');
    } finally {
      await driver.close();
      await simulator.stop();
    }
  });
});

describe('fingerprint driver over USB-HID (fake HID device)', () => {
  it.each(['length-prefix', 'length-report-id'] as const)('captures through %s reports built from the config', async (framing) => {
    const link = new FakeHidStreamLink({ reportSize: 64, mode: framing });
    const simulator = new FingerprintSimulator(link.device);
    await simulator.start();
    const clock = new FakeClock();
    const { reader } = await createFingerprintReader(
      { driver: 'r30x-hid', vendorId: 0x0483, productId: 0x5710, reportSize: 64, framing, address: 0xffffffff, password: 0 },
      { clock, log: silentLogger(), hidOpener: link.opener, hidPresent: link.present },
    );
    simulator.placeFinger(PERSON);
    const result = await settle(clock, reader.capture());
    expect(result.ok && result.value.bytes()).toEqual(capturedTemplate(PERSON, 1));
    expect(link.violations).toEqual([]);
    // 512 template bytes in 4 data packets of 139 bytes = 556 bytes: at least 9 input reports of 63.
    expect(link.inputReports.length).toBeGreaterThanOrEqual(9);
    expect(reader.description).toBe('hid:0483:5710');
    await reader.close();
  });

  it('reports an unplug mid-capture (gone from the device list) and reconnects after replug', async () => {
    const link = new FakeHidStreamLink();
    const simulator = new FingerprintSimulator(link.device);
    await simulator.start();
    const clock = new FakeClock();
    const { reader } = await createFingerprintReader(
      { driver: 'r30x-hid', vendorId: 0x0483, productId: 0x5710, reportSize: 64, framing: 'length-prefix', address: 0xffffffff, password: 0 },
      { clock, log: silentLogger(), hidOpener: link.opener, hidPresent: link.present },
    );
    const capture = reader.capture();
    await clock.advance(400);
    link.unplug();
    const result = await settle(clock, capture);
    expect(result.ok ? 'ok' : result.error).toMatchObject({ kind: 'reader-unavailable', fault: { kind: 'unplugged' } });
    link.replug();
    await clock.advance(60_000);
    expect(reader.status).toBe('ready');
    simulator.placeFinger(PERSON);
    const again = await settle(clock, reader.capture());
    expect(again.ok).toBe(true);
    await reader.close();
  });
});

describe('simulated fingerprint reader from the configuration', () => {
  it('is the real driver over a loopback with a control handle for the simulator endpoints', async () => {
    const clock = new FakeClock();
    const { reader, simulator } = await createFingerprintReader({ driver: 'simulated' }, { clock, log: silentLogger() });
    expect(simulator).toBeDefined();
    const events: string[] = [];
    simulator!.onEvent((event) => events.push(event.type));
    simulator!.placeFinger('8503152345678'); // without the hyphen: the same person
    const first = await settle(clock, reader.capture());
    expect(first.ok && first.value.bytes()).toEqual(capturedTemplate(PERSON, 1));
    simulator!.placeWrongFinger();
    const wrong = await settle(clock, reader.capture());
    expect(wrong.ok && wrong.value.bytes()).not.toEqual(capturedTemplate(PERSON, 2));
    simulator!.unplug();
    const unplugged = await settle(clock, reader.capture());
    expect(unplugged.ok ? 'ok' : unplugged.error.kind).toBe('reader-unavailable');
    await simulator!.replug();
    await clock.advance(60_000);
    simulator!.placeFinger(PERSON);
    const back = await settle(clock, reader.capture());
    expect(back.ok && back.value.bytes()).toEqual(capturedTemplate(PERSON, 2));
    expect(events).toContain('template-uploaded');
    await reader.close();
  });
});
