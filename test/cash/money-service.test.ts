import type { CollectionEvent } from '../../kiosk/cash/types';
import { balanced, cleanup, createWorld, reconcile, startHost, type CashHost, type CashWorld } from './rig';

let world: CashWorld;
let host: CashHost;

afterEach(async () => {
  await host?.crash();
  if (world) cleanup(world);
});

async function collecting(sessionId: string, amountDue: number) {
  const events: CollectionEvent[] = [];
  const collected = await host.service.collect(sessionId, amountDue);
  if (!collected.ok) throw new Error(collected.error.detail);
  collected.value.subscribe((event) => events.push(event));
  await world.clock.advance(10);
  return { collection: collected.value, events, types: () => events.map((e) => e.type) };
}

async function insert(value: number, ms = 2000) {
  const inserted = world.acceptorSim.insertNote(value);
  if (!inserted.ok) throw new Error(inserted.error);
  await world.clock.advance(ms);
}

async function settled<T>(promise: Promise<T>, ms = 30_000): Promise<T> {
  await world.clock.advance(ms);
  return promise;
}

describe('money service over the real drivers and simulators', () => {
  it('takes an exact payment and keeps the fee', async () => {
    world = createWorld();
    host = await startHost(world);
    const { collection, types } = await collecting('s-exact', 1000);
    expect(collection.snapshot().enabledNotes).toEqual([1000, 5000, 10000]);
    await insert(1000);
    expect(types()).toEqual(['note-reading', 'note-escrowed', 'note-stacking', 'note-stacked', 'paid']);
    const outcome = await settled(host.service.settle('s-exact', 1000));
    expect(outcome).toMatchObject({ received: 1000, feeKept: 1000, changePaid: 0, refundOwed: 0, closed: true });
    expect(balanced(host.service.ledger.account('s-exact'))).toBe(true);
    expect(reconcile(host, 1000)).toMatchObject({ boxMatches: true, coinsMatch: true, citizenSquare: true, ledgerBox: 1000 });
    expect(host.service.status().cashBox.byDenomination).toEqual({ '1000': 1 });
  });

  it('gives change in coins after issuance', async () => {
    world = createWorld();
    host = await startHost(world);
    const { events } = await collecting('s-change', 700);
    await insert(1000);
    expect(events.at(-1)).toEqual({ type: 'paid', received: 1000, change: 300 });
    const outcome = await settled(host.service.settle('s-change', 700));
    expect(outcome).toMatchObject({ received: 1000, feeKept: 700, changePaid: 300, refundOwed: 0, coins: { '100': 3 }, closed: true });
    expect(world.hopperSim.coinsPaid(100)).toBe(3);
    expect(host.service.status().hoppers.find((h) => h.coinValue === 100)?.coins).toBe(47);
    expect(reconcile(host, 700)).toMatchObject({ boxMatches: true, coinsMatch: true, citizenSquare: true });
  });
});

describe('money service: refusals, service mode and the books', () => {
  it('refuses a second collection, a session that already paid and nothing due', async () => {
    world = createWorld();
    host = await startHost(world);
    await collecting('first', 1000);
    expect(await host.service.collect('second', 1000)).toMatchObject({ ok: false, error: { kind: 'busy' } });
    expect(await host.service.collect('x', 0)).toMatchObject({ ok: false, error: { kind: 'nothing-due' } });
    await settled(host.service.cancel('first'));
    // Nothing was taken: the citizen went back to the summary, and may pay after all (same account, new amount).
    const again = await collecting('first', 700);
    expect(host.service.account('first')).toMatchObject({ status: 'collecting', amountDue: 700, received: 0 });
    await insert(1000);
    expect(again.types().at(-1)).toBe('paid');
    await settled(host.service.cancel('first'));
    expect(await host.service.collect('first', 1000)).toMatchObject({ ok: false, error: { kind: 'session-exists' } });
    expect(balanced(host.service.account('first'))).toBe(true);
    expect(reconcile(host, 0)).toMatchObject({ boxMatches: true, coinsMatch: true, citizenSquare: true });
  });

  it('tells the session whether it can collect an amount, and with which notes', async () => {
    world = createWorld({ coins500: 0, coins100: 5 });
    host = await startHost(world);
    expect(host.service.readiness(700)).toEqual({ acceptor: 'ready', hoppers: 'ready', notes: [1000] });
    expect(host.service.readiness(1000)).toEqual({ acceptor: 'ready', hoppers: 'ready', notes: [1000] });
    expect(host.service.readiness(0)).toMatchObject({ acceptor: 'ready', notes: [] });
    world.hopperSim.stopAnswering();
    await world.clock.advance(12_000);
    // No change at all: only notes that do not overpay.
    expect(host.service.readiness(700)).toEqual({ acceptor: 'ready', hoppers: 'offline', notes: [] });
    expect(host.service.readiness(5000)).toEqual({ acceptor: 'ready', hoppers: 'offline', notes: [1000, 5000] });
    world.acceptorSim.fillStacker();
    await world.clock.advance(500);
    expect(host.service.readiness(5000)).toEqual({ acceptor: 'full', hoppers: 'offline', notes: [] });
    world.acceptorSim.stopAnswering();
    await world.clock.advance(12_000);
    expect(host.service.readiness(5000).acceptor).toBe('offline');
  });

  it('reports the coins of a payout as they come out, and the vouchers a session has not printed yet', async () => {
    world = createWorld({ coins500: 1, coins100: 3 });
    host = await startHost(world);
    await collecting('s', 200);
    await insert(1000);
    // The ledger counts three ₩100 coins; the hopper holds one.
    world.hopperSim.setCoins(100, 1);
    const progress: number[] = [];
    const outcome = await settled(host.service.settle('s', 200, (paid) => progress.push(paid)));
    expect(outcome).toMatchObject({ changePaid: 600, refundOwed: 200, voucher: { amount: 200, reason: 'change-short' } });
    expect(progress).toContain(500);
    expect(progress.at(-1)).toBe(600);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    expect(host.service.vouchersToPrint('s')).toMatchObject([{ amount: 200 }]);
    host.service.markVoucherPrinted(outcome.voucher?.code ?? '');
    expect(host.service.vouchersToPrint('s')).toEqual([]);
  });

  it('refuses to collect while the acceptor is faulted', async () => {
    world = createWorld();
    host = await startHost(world);
    world.acceptorSim.openCashBox();
    await world.clock.advance(500);
    expect(await host.service.collect('s', 1000)).toMatchObject({ ok: false, error: { kind: 'acceptor-unavailable', detail: 'the bill acceptor is fault' } });
  });

  it('writes every step to the outbox with its session, in the order it happened', async () => {
    world = createWorld();
    host = await startHost(world);
    await collecting('s', 700);
    await insert(1000);
    await settled(host.service.settle('s', 700));
    const events = host.db.prepare("SELECT type, payload FROM outbox WHERE session_id = 's' ORDER BY seq").all() as { type: string; payload: string }[];
    expect(events.map((e) => [e.type, JSON.parse(e.payload)])).toEqual([
      ['cash.note-stacked', { value: 1000 }],
      ['cash.fee-kept', { amount: 700 }],
      ['cash.change-paid', { amount: 300, coins: { '100': 3 } }],
    ]);
  });

  it('knows the cash box and hopper levels, takes refills and a box collection', async () => {
    world = createWorld({ coins500: 10, coins100: 20 });
    host = await startHost(world);
    await collecting('s', 4200);
    await insert(5000);
    await settled(host.service.settle('s', 4200));
    const status = host.service.status();
    expect(status.cashBox).toEqual({ byDenomination: { '5000': 1 }, notes: 1, total: 5000 });
    expect(status.hoppers).toEqual([
      { coinValue: 500, coins: 9, state: 'ready', level: expect.objectContaining({ belowLow: true }) },
      { coinValue: 100, coins: 17, state: 'ready', level: expect.anything() },
    ]);
    expect(status.changeCapacity).toBe(9 * 500 + 17 * 100);
    expect(host.service.refillHopper(500, 100)).toEqual({ ok: true, value: undefined });
    expect(host.service.refillHopper(50, 100)).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    expect(host.service.countHopper(100, 15)).toEqual({ ok: true, value: undefined });
    expect(host.service.status().hoppers.map((h) => h.coins)).toEqual([109, 15]);
    const collected = host.service.collectCashBox();
    expect(collected).toEqual({ ok: true, value: { byDenomination: { '5000': 1 }, notes: 1, total: 5000 } });
    expect(host.service.status().cashBox.total).toBe(0);
    const outbox = host.db.prepare("SELECT type, payload FROM outbox WHERE type IN ('cash.hopper-refilled', 'cash.box-collected') ORDER BY seq").all() as { type: string; payload: string }[];
    expect(outbox.map((e) => [e.type, JSON.parse(e.payload)])).toContainEqual(['cash.box-collected', { byDenomination: { '5000': 1 }, total: 5000 }]);
    expect(outbox.map((e) => [e.type, JSON.parse(e.payload)])).toContainEqual(['cash.hopper-refilled', { coinValue: 500, coins: 100 }]);
  });

  it('refuses service-mode changes during a collection', async () => {
    world = createWorld();
    host = await startHost(world);
    await collecting('s', 1000);
    expect(host.service.refillHopper(500, 10)).toMatchObject({ ok: false, error: { kind: 'busy' } });
    expect(host.service.collectCashBox()).toMatchObject({ ok: false, error: { kind: 'busy' } });
  });

  it('a hopper that demands encryption gives no change: a note needing change is not taken, and the fault is logged', async () => {
    world = createWorld({ coins500: 0 });
    world.hopperSim.demandEncryption(100, true);
    host = await startHost(world);
    expect(host.service.status().hoppers.find((h) => h.coinValue === 100)?.state).toBe('unsupported');
    expect(await host.service.collect('s', 700)).toMatchObject({ ok: false, error: { kind: 'change-unavailable' } });
    const faults = host.db.prepare("SELECT payload FROM outbox WHERE type = 'device.fault'").pluck().all() as string[];
    expect(faults.map((f) => JSON.parse(f) as { code: string; detail: string })).toContainEqual(
      expect.objectContaining({ code: 'unsupported-encryption', detail: expect.stringMatching(/encrypted dispense/) }),
    );
  });

  it('a note whose fate was unknown when the acceptor vanished is credited when it comes back, and refunded by voucher', async () => {
    world = createWorld();
    host = await startHost(world);
    const { events } = await collecting('s', 2000);
    // Unplugged while the note moves to the stacker.
    const off = world.acceptorSim.onEvent((event) => {
      if (event.type === 'status' && event.status === 'stacking') {
        off();
        host.acceptorLink.unplug();
      }
    });
    world.acceptorSim.insertNote(1000);
    await world.clock.advance(2000);
    expect(events.at(-1)).toMatchObject({ type: 'fault', fault: 'device-gone', noteUncertain: 1000 });
    const cancelled = await settled(host.service.cancel('s'));
    expect(cancelled).toMatchObject({ received: 0, closed: false });
    expect(world.acceptorSim.status().kind).toBe('vend-valid');
    host.acceptorLink.replug();
    void host.acceptorLink.device.open();
    await world.clock.advance(10_000);
    const account = host.service.ledger.account('s');
    expect(account).toMatchObject({ received: 1000, refundOwed: 1000, status: 'closed' });
    expect(host.service.ledger.vouchers('s')).toEqual([expect.objectContaining({ amount: 1000, reason: 'late-note' })]);
    expect(balanced(account)).toBe(true);
    expect(reconcile(host, 0)).toMatchObject({ boxMatches: true, citizenSquare: true });
  });
});
