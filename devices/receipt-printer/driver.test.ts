import { FakeClock } from '../../common/clock';
import { silentLogger } from '../../common/log';
import { SAMPLE_RECEIPTS } from '../../printer-templates/fixtures/receipts';
import { receiptTranscript } from '../../printer-templates/receipt/layout';
import { LoopbackPair } from '../transport';
import { EscPosReceiptPrinter, FAULT_GRACE_MS, RECONNECT_INTERVAL_MS, STATUS_REPLY_TIMEOUT_MS, type ReceiptPrinterEvent } from './driver';
import { ReceiptPrinterSimulator } from './simulator';
import { HEALTHY_STATUS } from './status';

/** The driver against the simulator on an in-process line, on a fake clock. */
async function rig(msPerLine = 0) {
  const clock = new FakeClock();
  const pair = new LoopbackPair('receipt-printer');
  const simulator = new ReceiptPrinterSimulator(pair.device, { clock, msPerLine });
  expect((await simulator.start()).ok).toBe(true);
  const printer = new EscPosReceiptPrinter(pair.host, { clock, log: silentLogger(), korean: 'native' });
  const events: ReceiptPrinterEvent[] = [];
  printer.subscribe((event) => events.push(event));
  return { clock, pair, simulator, printer, events };
}

/** Lets a print that needs simulated time run, advancing the fake clock until it settles. */
async function settle<T>(clock: FakeClock, pending: Promise<T>, stepMs = 10, limitMs = 60_000): Promise<T> {
  let done = false;
  void pending.then(() => (done = true));
  for (let elapsed = 0; !done && elapsed < limitMs; elapsed += stepMs) await clock.advance(stepMs);
  return pending;
}

describe('receipt printer driver', () => {
  it('connects, turns on automatic status back and reads a healthy printer', async () => {
    const { printer, events } = await rig();
    expect(await printer.connect()).toEqual({ ok: true, value: HEALTHY_STATUS });
    // The printer reports its present status once ASB is enabled.
    expect(events).toContainEqual({ type: 'status', status: HEALTHY_STATUS });
  });

  it('prints a receipt with status before and after, and the printer reads it back exactly', async () => {
    const { printer, simulator } = await rig();
    await printer.connect();
    const receipt = SAMPLE_RECEIPTS.transaction();
    const result = await printer.print(receipt);
    expect(result).toEqual({ ok: true, value: { before: HEALTHY_STATUS, after: HEALTHY_STATUS } });
    expect(simulator.printed).toHaveLength(1);
    expect(simulator.printed[0]).toMatchObject({ complete: true, cut: 'partial', text: receiptTranscript(receipt) });
  });

  it('refuses to start without paper and prints nothing', async () => {
    const { printer, simulator } = await rig();
    await printer.connect();
    simulator.paperOut();
    const result = await printer.print(SAMPLE_RECEIPTS.transaction());
    expect(result).toMatchObject({ ok: false, error: { reason: 'not-ready', fault: 'paper-out', before: { paper: 'out', online: false } } });
    expect(simulator.printed).toEqual([]);
  });

  it('refuses to start with the cover open', async () => {
    const { printer, simulator } = await rig();
    await printer.connect();
    simulator.openCover();
    expect(await printer.print(SAMPLE_RECEIPTS['refund-voucher']())).toMatchObject({ ok: false, error: { reason: 'not-ready', fault: 'cover-open' } });
  });

  it('prints with paper near its end and says so in the status after', async () => {
    const { printer, simulator } = await rig();
    await printer.connect();
    simulator.paperNearEnd();
    const result = await printer.print(SAMPLE_RECEIPTS.transaction());
    expect(result).toMatchObject({ ok: true, value: { before: { paper: 'near-end' }, after: { paper: 'near-end' } } });
  });

  it('reports a receipt that ran out of paper mid-print, and clears the rest so it never comes out later', async () => {
    const { clock, printer, simulator, events } = await rig(10);
    await printer.connect();
    simulator.paperOutAfterLines(5);
    const result = await settle(clock, printer.print(SAMPLE_RECEIPTS.transaction()));
    expect(result).toMatchObject({
      ok: false,
      error: { reason: 'failed-during-print', fault: 'paper-out', before: { paper: 'ok' }, after: { paper: 'out' } },
    });
    expect(events).toContainEqual({ type: 'status', status: expect.objectContaining({ paper: 'out' }) });
    // What did come out is on record as an incomplete receipt of five lines.
    expect(simulator.printed).toHaveLength(1);
    expect(simulator.printed[0]?.complete).toBe(false);
    expect(simulator.printed[0]?.items).toHaveLength(5);
    simulator.refillPaper();
    await clock.advance(1_000);
    expect(simulator.printed).toHaveLength(1);
  });

  it('finishes a receipt when the cover is opened and shut again within the grace period', async () => {
    const { clock, printer, simulator } = await rig(10);
    await printer.connect();
    const pending = printer.print(SAMPLE_RECEIPTS.transaction());
    await clock.advance(30);
    simulator.openCover();
    await clock.advance(FAULT_GRACE_MS / 2);
    simulator.closeCover();
    const result = await settle(clock, pending);
    expect(result).toMatchObject({ ok: true, value: { after: { coverOpen: false } } });
    expect(simulator.printed[0]?.complete).toBe(true);
  });

  it('pushes a cutter error as a status event', async () => {
    const { printer, simulator, events } = await rig();
    await printer.connect();
    simulator.cutterError();
    await Promise.resolve();
    expect(events.at(-1)).toEqual({ type: 'status', status: expect.objectContaining({ cutterError: true, online: false }) });
    expect(await printer.print(SAMPLE_RECEIPTS.transaction())).toMatchObject({ ok: false, error: { fault: 'cutter-error' } });
  });

  it('reports no response from a printer without power', async () => {
    const { clock, printer, simulator } = await rig();
    await printer.connect();
    simulator.powerOff();
    const result = await settle(clock, printer.status(), STATUS_REPLY_TIMEOUT_MS / 5);
    expect(result).toMatchObject({ ok: false, error: { kind: 'no-response' } });
  });

  it('notices an unplugged cable, fails prints meanwhile, and reconnects on its own', async () => {
    const { clock, pair, printer, simulator, events } = await rig();
    await printer.connect();
    pair.unplug();
    expect(events.at(-1)).toMatchObject({ type: 'disconnected' });
    expect(await printer.print(SAMPLE_RECEIPTS.transaction())).toMatchObject({ ok: false, error: { reason: 'disconnected' } });
    await clock.advance(RECONNECT_INTERVAL_MS);
    expect(events.some((event) => event.type === 'reconnected')).toBe(false);
    pair.replug();
    await simulator.start();
    await clock.advance(RECONNECT_INTERVAL_MS);
    expect(events.at(-1)).toEqual({ type: 'reconnected', status: HEALTHY_STATUS });
    expect(await printer.print(SAMPLE_RECEIPTS['test-page']())).toMatchObject({ ok: true });
    await printer.close();
    expect(clock.pendingTimers).toBe(0);
  });
});
