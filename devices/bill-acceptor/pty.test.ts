import { systemClock } from '../../common/clock';
import { openPtyPair, type PtyPair } from '../../test/support/pty';
import { SerialTransport } from '../transport/serial';
import type { BillAcceptorEvent } from './bill-acceptor';
import { Id003BillAcceptor } from './driver';
import { ID003_SERIAL_SETTINGS } from './factory';
import { BillAcceptorSimulator } from './simulator';

/**
 * The driver and the simulator each open one end of a real pseudo-terminal pair with serialport, exactly as
 * with a USB-serial adapter (parity is not real on a pty). Real time, kept short: the simulator runs fast.
 */
let sim: BillAcceptorSimulator;
let driver: Id003BillAcceptor;
const events: BillAcceptorEvent[] = [];
const FAST = { initMs: 50, acceptMs: 50, stackMs: 50, stackedMs: 30, returnMs: 50, rejectMs: 50, escrowTimeoutMs: 10_000 };

async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; saw ${JSON.stringify(events)}, unit ${sim.status().kind}, driver ${driver.state()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('ID-003 driver against its simulator over a socat pty pair', () => {
  let pty: PtyPair;
  let deviceEnd: SerialTransport;


  beforeAll(async () => {
    pty = await openPtyPair('id003');
    deviceEnd = new SerialTransport(pty.devicePath, ID003_SERIAL_SETTINGS);
    const opened = await deviceEnd.open();
    if (!opened.ok) throw new Error(opened.error.detail);
    sim = new BillAcceptorSimulator({ clock: systemClock, timing: FAST });
    sim.attach(deviceEnd);
    driver = new Id003BillAcceptor({ transport: new SerialTransport(pty.hostPath, ID003_SERIAL_SETTINGS), clock: systemClock, pollIntervalMs: 20 });
    driver.subscribe((event) => {
      if (event.type !== 'status') events.push(event);
    });
  });

  afterAll(async () => {
    await driver?.stop();
    await deviceEnd?.close();
    await pty?.close();
  });

  it('starts, reads the currency assignment and takes a 1,000-won note into the box', async () => {
    const report = await driver.start();
    expect(report.ok && report.value.denominations.map((d) => d.value)).toEqual([1000, 5000, 10000, 50000]);
    expect(await driver.enable([1000])).toEqual({ ok: true, value: [1000] });
    events.length = 0;
    const decided = new Promise<void>((resolve) => {
      const off = driver.subscribe((event) => {
        if (event.type === 'escrow') {
          off();
          void driver.stack().then(() => resolve());
        }
      });
    });
    expect(sim.insertNote(1000).ok).toBe(true);
    await decided;
    await until(() => events.some((e) => e.type === 'stacked'), 'the note to be stacked');
    expect(events.map((e) => e.type)).toEqual(['escrow', 'credited', 'stacked']);
    expect([...sim.cashBox()]).toEqual([[1000, 1]]);
  });

  it('gives a note back on RETURN', async () => {
    events.length = 0;
    const off = driver.subscribe((event) => {
      if (event.type === 'escrow') void driver.returnBill();
    });
    await until(() => sim.status().kind === 'idling', 'the unit to be idle');
    expect(sim.insertNote(1000).ok).toBe(true);
    await until(() => events.some((e) => e.type === 'returned'), 'the note to be returned');
    off();
    expect(events.map((e) => e.type)).toEqual(['escrow', 'returned']);
    expect(sim.cashBoxTotal()).toBe(1000);
  });
});
