import { FakeClock } from '../../common/clock';
import { silentLogger } from '../../common/log';
import { createA4Printer } from '../../devices/a4-printer/factory';
import { createBillAcceptor } from '../../devices/bill-acceptor/factory';
import { createCoinHoppers } from '../../devices/coin-hopper/factory';
import { createFingerprintReader } from '../../devices/fingerprint/factory';
import { createKeypad } from '../../devices/keypad/factory';
import { createReceiptPrinter } from '../../devices/receipt-printer/factory';
import { A4PrinterDiagnostics } from './a4-printer';
import { BillAcceptorDiagnostics } from './bill-acceptor';
import { CoinHoppersDiagnostics } from './coin-hoppers';
import { explain, explainedCodes } from './explain';
import { FingerprintDiagnostics } from './fingerprint';
import { KEY_TEST_MS, KEYS_TO_TEST, KeypadDiagnostics } from './keypad';
import { ReceiptPrinterDiagnostics } from './receipt-printer';
import type { DeviceDiagnostics, SelfTestOutcome, SelfTestStep } from './types';

/**
 * Each device's self-test against its simulator (the real driver over an in-process line, on a fake clock): a
 * working device passes and says what it measured; a failing one fails with the fault in plain words and its code.
 */
const log = silentLogger();

async function settle<T>(clock: FakeClock, promise: Promise<T>, stepMs = 50, maxMs = 180_000): Promise<T> {
  let done = false;
  let value: T | undefined;
  let failure: unknown;
  promise.then(
    (v) => {
      done = true;
      value = v;
    },
    (e: unknown) => {
      done = true;
      failure = e;
    },
  );
  for (let elapsed = 0; !done && elapsed <= maxMs; elapsed += stepMs) await clock.advance(stepMs);
  if (!done) throw new Error('did not settle on the fake clock');
  if (failure) throw failure;
  return value as T;
}

function selfTest(clock: FakeClock, device: DeviceDiagnostics, signal = new AbortController().signal) {
  const steps: SelfTestStep[] = [];
  const running = device.selfTest({ clock, signal, step: (step) => steps.push({ ...step, at: clock.now() }) });
  return { running, steps, prompted: () => steps.some((step) => step.kind === 'prompt') };
}

async function until(clock: FakeClock, condition: () => boolean, maxMs = 10_000): Promise<void> {
  for (let elapsed = 0; !condition() && elapsed <= maxMs; elapsed += 50) await clock.advance(50);
  if (!condition()) throw new Error('condition not met on the fake clock');
}

describe('bill acceptor self-test: accept cycle with return', () => {
  async function rig() {
    const clock = new FakeClock();
    const device = createBillAcceptor({ driver: 'simulated' }, { clock, log });
    if (!device.ok || device.value.kind !== 'simulated') throw new Error('no simulated acceptor');
    const { acceptor, simulator } = device.value;
    const started = await settle(clock, acceptor.start());
    expect(started.ok).toBe(true);
    const diagnostics = new BillAcceptorDiagnostics(acceptor, { driver: 'simulated', clock, escrowHandledBy: 'self', startReport: () => (started.ok ? started.value : undefined) });
    return { clock, acceptor, simulator, diagnostics };
  }

  it('reads an inserted note in escrow and gives it back; nothing reaches the cash box', async () => {
    const { clock, simulator, diagnostics } = await rig();
    const test = selfTest(clock, diagnostics);
    await until(clock, test.prompted);
    expect(simulator.insertNote(5000).ok).toBe(true);
    const outcome = await settle(clock, test.running);
    expect(outcome).toMatchObject({ passed: true, measurements: { noteRead: 5000 } });
    expect(outcome.summary.en).toBe('OK: read a ₩5,000 note and gave it back');
    expect(simulator.cashBoxTotal()).toBe(0);
    const report = await diagnostics.report();
    expect(report).toMatchObject({ health: 'ok', counters: { notesReturned: 1, notesStacked: 0 } });
    expect(report.firmware).toMatch(/\S/);
  });

  it('fails with the fault in plain words when the cash box is out', async () => {
    const { clock, simulator, diagnostics } = await rig();
    simulator.openCashBox();
    await clock.advance(500);
    const outcome = await settle(clock, selfTest(clock, diagnostics).running);
    expect(outcome.passed).toBe(false);
    expect(outcome.problems[0]).toMatchObject({ code: 'stacker-open', raw: 'ID-003 status 0x44', what: { en: 'The cash box is out' } });
    expect(await diagnostics.report()).toMatchObject({ health: 'fault', lastError: { code: 'stacker-open' } });
  });

  it('fails when no note comes in time, and says so', async () => {
    const { clock, diagnostics } = await rig();
    const outcome = await settle(clock, selfTest(clock, diagnostics).running);
    expect(outcome).toMatchObject({ passed: false, problems: [{ code: 'no-note' }] });
  });
});

describe('coin hoppers self-test: status, counters and the ledger count', () => {
  async function rig() {
    const clock = new FakeClock();
    const device = createCoinHoppers(
      { driver: 'simulated', hoppers: [{ coinValue: 500, address: 3, initialCoins: 200 }, { coinValue: 100, address: 4, initialCoins: 10 }] },
      { clock, log },
    );
    if (!device.ok || device.value.kind !== 'simulated') throw new Error('no simulated hoppers');
    const { hoppers, simulator } = device.value;
    const report = await settle(clock, hoppers.start());
    const diagnostics = new CoinHoppersDiagnostics(hoppers, { driver: 'simulated', clock, ledgerCoins: () => new Map([[500, 200], [100, 10]]), startReport: () => report });
    return { clock, hoppers, simulator, diagnostics };
  }

  it('reads every hopper’s counters and flags a hopper below its low level', async () => {
    const { clock, diagnostics } = await rig();
    const outcome = await settle(clock, selfTest(clock, diagnostics).running);
    expect(outcome.passed).toBe(true);
    expect(outcome.measurements).toMatchObject({ '500.lifetimeDispensed': expect.any(Number), '500.ledgerCoins': 200, '100.ledgerCoins': 10 });
    expect(outcome.problems.map((p) => p.code)).toEqual(['coins-low']);
    expect(outcome.problems[0]?.what.en).toBe('100-won hopper: Few coins left (low-level sensor)');
    const report = await diagnostics.report();
    expect(report.health).toBe('warning');
    expect(report.serialNumber).toMatch(/500: \d+/);
  });

  it('fails on a hopper that stopped answering', async () => {
    const { clock, simulator, diagnostics } = await rig();
    simulator.stopAnswering(500);
    const outcome = await settle(clock, selfTest(clock, diagnostics).running);
    expect(outcome.passed).toBe(false);
    expect(outcome.problems[0]).toMatchObject({ code: 'not-responding', what: { en: expect.stringContaining('500-won hopper') } });
  });
});

describe('receipt printer self-test: the test page', () => {
  async function rig() {
    const clock = new FakeClock();
    const device = createReceiptPrinter({ driver: 'simulated' }, { clock, log });
    await settle(clock, device.start());
    const diagnostics = new ReceiptPrinterDiagnostics(device.printer, { driver: 'simulated', clock, kioskId: 'GJ-HALL-01', kioskName: '금정구청 민원실' });
    return { clock, device, diagnostics, control: device.control! };
  }

  it('prints the test page', async () => {
    const { clock, control, diagnostics } = await rig();
    const outcome = await settle(clock, selfTest(clock, diagnostics).running);
    expect(outcome.passed).toBe(true);
    expect(control.printed).toHaveLength(1);
    expect(JSON.stringify(control.printed[0])).toContain('프린터 시험 인쇄');
  });

  it('fails on an empty roll, in plain words, and prints nothing', async () => {
    const { clock, control, diagnostics } = await rig();
    control.paperOut();
    await clock.advance(200);
    const outcome = await settle(clock, selfTest(clock, diagnostics).running);
    expect(outcome).toMatchObject({ passed: false, problems: [{ code: 'paper-out', what: { en: 'The receipt roll is empty' } }] });
    expect(outcome.problems[0]?.raw).toContain('paper out');
    expect(control.printed).toHaveLength(0);
    expect((await settle(clock, diagnostics.report())).health).toBe('fault');
  });
});

describe('A4 printer self-test: one test page over IPP', () => {
  function rig() {
    const clock = new FakeClock();
    const device = createA4Printer({ driver: 'simulated' }, { clock, log, simulatedMsPerPage: 100 });
    const diagnostics = new A4PrinterDiagnostics(device.printer, { driver: 'simulated', clock, kioskId: 'GJ-HALL-01', kioskName: '금정구청 민원실' });
    return { clock, device, diagnostics, control: device.control! };
  }

  it('prints and follows the job to completion, one sheet counted', async () => {
    const { clock, device, diagnostics } = rig();
    const outcome = await settle(clock, selfTest(clock, diagnostics).running);
    expect(outcome).toMatchObject({ passed: true, measurements: { state: 'completed', pagesPrinted: 1 } });
    expect(device.printer.paper.count.used).toBe(1);
  });

  it('fails with the IPP reason when the tray is empty', async () => {
    const { clock, control, diagnostics } = rig();
    control.mediaEmpty();
    const outcome: SelfTestOutcome = await settle(clock, selfTest(clock, diagnostics).running);
    expect(outcome.passed).toBe(false);
    expect(outcome.problems[0]).toMatchObject({ code: 'media-empty', what: { en: 'The A4 tray (security paper) is empty' } });
    expect(outcome.problems[0]?.raw).toContain('media-empty');
  });
});

describe('fingerprint self-test: a capture and its image quality', () => {
  async function rig() {
    const clock = new FakeClock();
    const setup = await createFingerprintReader({ driver: 'simulated' }, { clock, log });
    const diagnostics = new FingerprintDiagnostics(setup.reader, { driver: 'simulated', clock });
    return { clock, setup, diagnostics, control: setup.simulator! };
  }

  it('rates a clean first capture as good and wipes the template', async () => {
    const { clock, control, diagnostics } = await rig();
    const test = selfTest(clock, diagnostics);
    await until(clock, test.prompted);
    control.placeFinger('800101-1234567');
    const outcome = await settle(clock, test.running);
    expect(outcome).toMatchObject({ passed: true, measurements: { quality: 'good', poorImages: 0 } });
    expect(outcome.measurements.templateBytes).toBeGreaterThan(100);
    expect(JSON.stringify(outcome)).not.toContain('800101');
  });

  it('rates a capture after poor images as fair, with the R30x codes', async () => {
    const { clock, control, diagnostics } = await rig();
    const test = selfTest(clock, diagnostics);
    await until(clock, test.prompted);
    control.placePoorFinger('messy');
    await until(clock, () => test.steps.some((step) => step.kind === 'problem'));
    control.removeFinger();
    await clock.advance(1000);
    control.placeFinger('800101-1234567');
    const outcome = await settle(clock, test.running);
    expect(outcome).toMatchObject({ passed: true, measurements: { quality: 'fair', poorImages: 1 } });
    expect(outcome.measurements.poorImageCodes).toMatch(/^0x0[0-9a-f]$/);
  });

  it('fails when the reader is unplugged', async () => {
    const { clock, control, diagnostics } = await rig();
    control.unplug();
    const outcome = await settle(clock, selfTest(clock, diagnostics).running);
    expect(outcome.passed).toBe(false);
    expect(['not-found', 'unplugged', 'not-responding']).toContain(outcome.problems[0]?.code);
    expect(outcome.problems[0]?.what.en).toMatch(/fingerprint reader/i);
  });
});

describe('keypad self-test: every navigation key', () => {
  async function rig() {
    const clock = new FakeClock();
    const setup = createKeypad({ driver: 'simulated' }, { clock, log });
    await setup.keypad.start();
    const diagnostics = new KeypadDiagnostics(setup.keypad, { driver: 'simulated', clock });
    return { clock, setup, diagnostics, control: setup.simulator! };
  }

  it('passes when every key answers', async () => {
    const { clock, control, diagnostics } = await rig();
    const test = selfTest(clock, diagnostics);
    await until(clock, test.prompted);
    for (const key of KEYS_TO_TEST) control.press(key);
    const outcome = await settle(clock, test.running);
    expect(outcome).toMatchObject({ passed: true, measurements: { missing: null } });
  });

  it('lists the keys that gave no signal', async () => {
    const { clock, control, diagnostics } = await rig();
    const test = selfTest(clock, diagnostics);
    await until(clock, test.prompted);
    for (const key of KEYS_TO_TEST.filter((k) => k !== 'help' && k !== 'back')) control.press(key);
    await clock.advance(KEY_TEST_MS);
    const outcome = await settle(clock, test.running);
    expect(outcome).toMatchObject({ passed: false, measurements: { missing: 'back help' } });
    expect(outcome.summary.ko).toContain('뒤로, 도움말');
  });
});

describe('plain words for every fault code a driver reports', () => {
  it('explains the codes of every device and never leaves one unknown', () => {
    const codes: Record<string, string[]> = {
      'bill-acceptor': ['stacker-full', 'stacker-open', 'jam-in-acceptor', 'jam-in-stacker', 'pause', 'cheated', 'failure', 'device-gone', 'not-responding', 'cannot-open'],
      'coin-hoppers': ['empty', 'jam', 'opto-fault', 'unsupported-encryption', 'not-a-payout-device', 'device-gone', 'not-responding', 'cannot-open'],
      'receipt-printer': ['paper-out', 'cover-open', 'cutter-error', 'unrecoverable-error', 'auto-recoverable-error', 'offline', 'disconnected', 'no-response'],
      'a4-printer': ['media-empty', 'media-jam', 'cover-open', 'door-open', 'input-tray-missing', 'toner-empty', 'marker-supply-empty', 'offline', 'paused', 'other', 'media-low', 'toner-low', 'unreachable', 'refused', 'malformed'],
      fingerprint: ['not-found', 'unplugged', 'not-responding', 'wrong-password', 'protocol'],
      keypad: ['disconnected'],
    };
    for (const [device, list] of Object.entries(codes)) {
      for (const code of list) {
        expect(explainedCodes(device as DeviceDiagnostics['id'])).toContain(code);
        const problem = explain(device as DeviceDiagnostics['id'], code);
        expect(problem.what.ko).not.toMatch(/알 수 없는/);
      }
    }
    expect(explain('keypad', 'zzz', 'raw').what.en).toBe('Unknown fault (zzz)');
  });
});
