import { FakeClock } from '../../common/clock';
import { silentLogger } from '../../common/log';
import type { Result } from '../../common/result';
import { LoopbackPair } from '../transport/loopback';
import { R30xDriver, type CaptureFailure, type CaptureProgress, type ReaderStatus } from './driver';
import { FingerprintSimulator, R307_MODEL, R503_MODEL, type FingerprintSimulatorEvent, type SimulatedModel } from './simulator';
import { capturedTemplate, TEMPLATE_BYTES } from './synthetic-finger';
import type { FingerprintTemplate } from './template';

const PERSON = '900101-1234568';

async function rig(model: SimulatedModel = R503_MODEL, driverPassword = 0) {
  const clock = new FakeClock();
  const pair = new LoopbackPair('fingerprint-test');
  const simulator = new FingerprintSimulator(pair.device, model);
  await simulator.start();
  const events: FingerprintSimulatorEvent[] = [];
  simulator.onEvent((event) => events.push(event));
  const driver = new R30xDriver(pair.host, {
    clock,
    log: silentLogger(),
    password: driverPassword,
    isPresent: async () => !pair.unplugged,
  });
  const statuses: ReaderStatus[] = [];
  driver.onStatus((status) => statuses.push(status));
  return { clock, pair, simulator, driver, events, statuses };
}

/** Drive the fake clock until `promise` settles (bounded). */
async function settle<T>(clock: FakeClock, promise: Promise<T>, stepMs = 50, maxMs = 120_000): Promise<T> {
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

function failureOf(result: Result<FingerprintTemplate, CaptureFailure>): CaptureFailure {
  if (result.ok) throw new Error('expected the capture to fail');
  return result.error;
}

describe('R30x driver against the simulator (loopback)', () => {
  it('connects: handshake, password, system parameters, aura detected on an R503', async () => {
    const { clock, driver, statuses } = await rig();
    const result = await settle(clock, driver.connect());
    expect(result.ok && result.value.aura).toBe(true);
    expect(result.ok && result.value.parameters?.dataPacketSize).toBe(128);
    expect(driver.status).toBe('ready');
    expect(statuses).toEqual(['connecting', 'ready']);
  });

  it('treats the aura LED as absent on an R307 (which answers it with an error), harmlessly', async () => {
    const { clock, driver, simulator, events } = await rig(R307_MODEL);
    const connected = await settle(clock, driver.connect());
    expect(connected.ok && connected.value.aura).toBe(false);
    simulator.placeFinger(PERSON);
    const result = await settle(clock, driver.capture());
    expect(result.ok).toBe(true);
    const auraCommands = events.filter((event) => event.type === 'command' && event.instruction === 'AuraLedConfig');
    expect(auraCommands).toHaveLength(1); // the probe only
  });

  it('reports a wrong password as a configuration fault', async () => {
    const { clock, driver } = await rig({ ...R503_MODEL, password: 0x1234 });
    const result = await settle(clock, driver.connect());
    expect(result.ok ? 'ok' : result.error.kind).toBe('wrong-password');
    expect(driver.status).toBe('fault');
  });

  it('waits for a finger, then uploads the template across several data packets, reassembled', async () => {
    const { clock, driver, simulator, events } = await rig();
    const progress: CaptureProgress[] = [];
    const capture = driver.capture({ onProgress: (p) => progress.push(p) });
    await clock.advance(1_000); // ten polls with no finger
    expect(progress).toEqual([{ type: 'waiting-for-finger' }]);
    simulator.placeFinger(PERSON);
    const result = await settle(clock, capture);
    expect(result.ok).toBe(true);
    const template = result.ok ? result.value : undefined;
    expect(template?.length).toBe(TEMPLATE_BYTES);
    expect(template?.bytes()).toEqual(capturedTemplate(PERSON, 1));
    expect(events.find((event) => event.type === 'template-uploaded')).toEqual({ type: 'template-uploaded', bytes: 512, packets: 4 });
    expect(progress.map((p) => p.type)).toEqual(['waiting-for-finger', 'finger-detected', 'uploading']);
    // LED: breathing blue while waiting, then steady, then purple for success (R503 aura codes).
    const aura = events.flatMap((event) => (event.type === 'aura' ? [`${event.control}/${event.colour}`] : []));
    expect(aura.slice(0, 4)).toEqual(['4/2', '1/2', '3/2', '3/3']);
    expect(driver.status).toBe('ready');
    // The second capture of the same finger is a different reading, as on a real sensor.
    simulator.placeFinger(PERSON);
    const second = await settle(clock, driver.capture());
    expect(second.ok && second.value.bytes()).toEqual(capturedTemplate(PERSON, 2));
  });

  it('times out when no finger comes, and leaves no timer behind', async () => {
    const { clock, driver } = await rig();
    const capture = driver.capture();
    await clock.advance(19_000);
    let finished = false;
    void capture.then(() => (finished = true));
    await clock.advance(0);
    expect(finished).toBe(false);
    const result = await settle(clock, capture);
    expect(failureOf(result)).toEqual({ kind: 'no-finger' });
    expect(clock.pendingTimers).toBe(0);
  });

  it.each([
    ['image-failed', 0x03, 'press-firmly'],
    ['messy', 0x06, 'hold-still'],
    ['too-few-features', 0x07, 'more-of-finger'],
  ] as const)('retries after a poor image (%s, code %i) with guidance "%s"', async (problem, code, guidance) => {
    const { clock, driver, simulator } = await rig();
    const progress: CaptureProgress[] = [];
    simulator.placePoorFinger(problem);
    const capture = driver.capture({ onProgress: (p) => progress.push(p) });
    await clock.advance(300);
    expect(progress).toContainEqual({ type: 'poor-image', guidance, code, attempt: 1 });
    simulator.placeFinger(PERSON);
    const result = await settle(clock, capture);
    expect(result.ok && result.value.bytes()).toEqual(capturedTemplate(PERSON, 1));
  });

  it('gives up after three poor images with the last guidance', async () => {
    const { clock, driver, simulator } = await rig();
    simulator.placePoorFinger('messy', { hold: true });
    const result = await settle(clock, driver.capture());
    expect(failureOf(result)).toEqual({ kind: 'poor-image', attempts: 3, lastGuidance: 'hold-still' });
  });

  it('reports a silent module as not responding (still present), without crashing', async () => {
    const { clock, driver, simulator } = await rig();
    await settle(clock, driver.connect());
    simulator.setAnswering(false);
    const result = await settle(clock, driver.capture());
    expect(failureOf(result)).toMatchObject({ kind: 'reader-unavailable', fault: { kind: 'not-responding' } });
    simulator.setAnswering(true);
    simulator.placeFinger(PERSON);
    const again = await settle(clock, driver.capture());
    expect(again.ok).toBe(true);
  });

  it('fails the capture at once when the reader is unplugged mid-capture, then reconnects by itself', async () => {
    const { clock, driver, pair, simulator, statuses } = await rig();
    const capture = driver.capture();
    await clock.advance(500);
    pair.unplug();
    const result = await settle(clock, capture, 10, 100);
    expect(failureOf(result)).toMatchObject({ kind: 'reader-unavailable', fault: { kind: 'unplugged' } });
    expect(driver.status).not.toBe('ready');
    await clock.advance(10_000); // reconnect attempts fail while unplugged
    expect(driver.status).toBe('fault');
    pair.replug();
    await simulator.start();
    await clock.advance(60_000);
    expect(driver.status).toBe('ready');
    expect(statuses).toContain('disconnected');
    simulator.placeFinger(PERSON);
    const again = await settle(clock, driver.capture());
    expect(again.ok).toBe(true);
  });

  it('resends a command whose reply had a bad checksum or was truncated', async () => {
    for (const kind of ['corrupt', 'truncate', 'drop'] as const) {
      const { clock, driver, simulator } = await rig();
      await settle(clock, driver.connect());
      simulator.placeFinger(PERSON);
      simulator.injectFault({ kind, packet: 1 }); // the first GenImg reply (after the aura command's)
      const result = await settle(clock, driver.capture());
      expect(result.ok && result.value.bytes()).toEqual(capturedTemplate(PERSON, 1));
    }
  });

  it('repeats the upload when a data packet is damaged or cut short, and never returns a partial template', async () => {
    for (const kind of ['corrupt', 'truncate'] as const) {
      const { clock, driver, simulator, events } = await rig();
      await settle(clock, driver.connect());
      simulator.placeFinger(PERSON);
      // aura(1) GenImg(2) aura(3) Img2Tz(4) UpChar ack(5) data packets 6…9: damage the second data packet.
      simulator.injectFault({ kind, packet: 6 });
      const result = await settle(clock, driver.capture());
      expect(result.ok && result.value.bytes()).toEqual(capturedTemplate(PERSON, 1));
      expect(events.filter((event) => event.type === 'template-uploaded')).toHaveLength(2);
    }
  });

  it('ends with cancelled when the session aborts the capture', async () => {
    const { clock, driver } = await rig();
    const controller = new AbortController();
    const capture = driver.capture({ signal: controller.signal });
    await clock.advance(2_000);
    controller.abort();
    const result = await settle(clock, capture);
    expect(failureOf(result)).toEqual({ kind: 'cancelled' });
  });

  it('ignores noise and packets for another address on the line', async () => {
    const { clock, driver, pair, simulator } = await rig();
    await settle(clock, driver.connect());
    await pair.device.write(Uint8Array.of(0x00, 0xef, 0x01, 0x12, 0x55, 0xff));
    simulator.placeFinger(PERSON);
    const result = await settle(clock, driver.capture());
    expect(result.ok).toBe(true);
  });
});
