import { createActor, toPromise } from 'xstate';
import { paymentActorsFor } from '../../kiosk/cash/payment-actors';
import { actorClock, paymentMachine, paymentView, type PaymentOutput } from '../../state-machines/payment';
import { balanced, cleanup, createWorld, reconcile, startHost, type CashHost, type CashWorld, type WorldOptions } from './rig';

/**
 * Payment scenarios end to end on a fake clock: the payment machine, the money service, the ID-003 and ccTalk
 * drivers and their simulators, and the SQLite ledger. Each one ends with the money squared, to the won:
 * the account's money in = fee kept + change paid + refunds (coins and vouchers), the cash box and the coin tray
 * hold what the ledger says, and the citizen's net outlay is the fee kept.
 */
let world: CashWorld;
let host: CashHost;

afterEach(async () => {
  await host?.crash();
  if (world) cleanup(world);
});

async function setUp(options: WorldOptions = {}) {
  world = createWorld(options);
  host = await startHost(world);
}

function pay(sessionId: string, amountDue: number) {
  const machine = paymentMachine.provide({ actors: paymentActorsFor(host.service) });
  const actor = createActor(machine, { input: { sessionId, amountDue }, clock: actorClock(world.clock) });
  const done = toPromise(actor);
  actor.start();
  return { actor, done, view: () => paymentView(actor.getSnapshot()) };
}

async function insert(value: number, ms = 2000) {
  const inserted = world.acceptorSim.insertNote(value);
  if (!inserted.ok) throw new Error(inserted.error);
  await world.clock.advance(ms);
}

async function finish(done: Promise<PaymentOutput>, ms = 60_000): Promise<PaymentOutput> {
  await world.clock.advance(ms);
  return done;
}

function squared(sessionId: string, feeKept: number) {
  expect(balanced(host.service.ledger.account(sessionId))).toBe(true);
  expect(reconcile(host, feeKept)).toMatchObject({ boxMatches: true, coinsMatch: true, citizenSquare: true });
}

describe('payment scenarios', () => {
  it('exact payment', async () => {
    await setUp();
    const p = pay('exact', 1000);
    await world.clock.advance(100);
    expect(p.view()).toMatchObject({ stage: 'collecting', messageKey: 'payment.insert-notes', enabledNotes: [1000, 5000, 10000] });
    await insert(1000);
    expect(p.view()).toMatchObject({ stage: 'paid', received: 1000, remaining: 0 });
    p.actor.send({ type: 'payment.settle', feeKept: 1000 });
    const out = await finish(p.done);
    expect(out).toMatchObject({ result: 'completed', messageKey: 'payment.done', money: { received: 1000, feeKept: 1000, changePaid: 0, refundOwed: 0 } });
    squared('exact', 1000);
  });

  it('overpayment with change', async () => {
    await setUp();
    const p = pay('change', 700);
    await world.clock.advance(100);
    await insert(1000);
    p.actor.send({ type: 'payment.settle', feeKept: 700 });
    const out = await finish(p.done);
    expect(out).toMatchObject({ result: 'completed', messageKey: 'payment.change.take-coins', money: { changePaid: 300, coins: { '100': 3 } } });
    expect(world.hopperSim.coinsPaid(100)).toBe(3);
    squared('change', 700);
  });

  it('two notes, then change from both hoppers', async () => {
    await setUp();
    const p = pay('two', 1200);
    await world.clock.advance(100);
    await insert(1000);
    expect(p.view()).toMatchObject({ stage: 'collecting', received: 1000, remaining: 200, messageKey: 'payment.note-accepted' });
    await insert(1000);
    p.actor.send({ type: 'payment.settle', feeKept: 1200 });
    const out = await finish(p.done);
    expect(out.money).toMatchObject({ received: 2000, changePaid: 800, coins: { '500': 1, '100': 3 } });
    squared('two', 1200);
  });

  it('change short: the note is returned before it is taken', async () => {
    await setUp({ coins500: 0, coins100: 5 });
    const p = pay('short', 700);
    await world.clock.advance(100);
    expect(p.view().enabledNotes).toEqual([1000]);
    // The 100-won hopper stops answering after the notes were enabled: its coins no longer count.
    world.hopperSim.stopAnswering(100);
    await world.clock.advance(12_000);
    expect(host.hoppers.state(100)).toBe('offline');
    world.acceptorSim.insertNote(1000);
    await world.clock.advance(500);
    expect(p.view().messageKey).toBe('payment.note-returned.change-unavailable');
    await world.clock.advance(1500);
    expect(world.acceptorSim.cashBoxTotal()).toBe(0);
    expect(world.citizen.returned).toBe(1000);
    p.actor.send({ type: 'payment.cancel' });
    const out = await finish(p.done);
    expect(out).toMatchObject({ result: 'refunded', reason: 'cancelled', money: { received: 0 } });
    squared('short', 0);
  });

  it('no note can be taken when the change is missing: nothing is taken', async () => {
    await setUp({ coins500: 0, coins100: 2 });
    const p = pay('none', 700);
    const out = await finish(p.done, 1000);
    expect(out).toMatchObject({ result: 'unavailable', reason: 'change-unavailable', messageKey: 'payment.change-unavailable' });
    expect(host.service.ledger.account('none')).toBeUndefined();
    expect(world.acceptorSim.status().kind).toBe('disabled');
  });

  it('cancel with a note in escrow: the note goes back', async () => {
    await setUp();
    const p = pay('escrow', 1000);
    await world.clock.advance(100);
    world.acceptorSim.insertNote(1000);
    await world.clock.advance(200);
    expect(p.view().stage).toBe('handling-note');
    p.actor.send({ type: 'payment.cancel' });
    const out = await finish(p.done);
    expect(out).toMatchObject({ result: 'refunded', reason: 'cancelled', messageKey: 'payment.cancelled', money: { received: 0 } });
    expect(world.citizen.returned).toBe(1000);
    expect(world.acceptorSim.cashBoxTotal()).toBe(0);
    squared('escrow', 0);
  });

  it('cancel after two notes stacked: refunded in coins', async () => {
    await setUp();
    const p = pay('two-cancel', 3000);
    await world.clock.advance(100);
    await insert(1000);
    await insert(1000);
    p.actor.send({ type: 'payment.cancel' });
    const out = await finish(p.done);
    expect(out).toMatchObject({ result: 'refunded', messageKey: 'payment.refund.coins', money: { received: 2000, refundPaid: 2000, coins: { '500': 4 } } });
    squared('two-cancel', 0);
  });

  it('cancel after two notes stacked with few coins: coins, then a voucher for the rest', async () => {
    await setUp({ coins500: 1, coins100: 3 });
    const p = pay('two-voucher', 3000);
    await world.clock.advance(100);
    await insert(1000);
    await insert(1000);
    p.actor.send({ type: 'payment.cancel' });
    const out = await finish(p.done);
    expect(out).toMatchObject({ result: 'refunded', messageKey: 'payment.refund.voucher', money: { received: 2000, refundPaid: 800, refundOwed: 1200 } });
    expect(out.money?.voucher).toMatchObject({ amount: 1200, reason: 'refund-short' });
    squared('two-voucher', 0);
  });

  it('time-out after the warning refunds what was taken', async () => {
    await setUp();
    const p = pay('timeout', 2000);
    await world.clock.advance(100);
    await insert(1000);
    await world.clock.advance(60_000);
    expect(p.view()).toMatchObject({ stage: 'warning', messageKey: 'payment.still-there' });
    const out = await finish(p.done, 60_000);
    expect(out).toMatchObject({ result: 'refunded', reason: 'timed-out', money: { received: 1000, refundPaid: 1000 } });
    squared('timeout', 0);
  });

  it('partial issuance: the fee of the documents printed is kept, the rest refunded', async () => {
    await setUp();
    const p = pay('partial', 1500);
    await world.clock.advance(100);
    await insert(5000);
    p.actor.send({ type: 'payment.settle', feeKept: 1000 });
    const out = await finish(p.done);
    expect(out.money).toMatchObject({ received: 5000, feeKept: 1000, changePaid: 3500, refundPaid: 500 });
    squared('partial', 1000);
  });
});

describe('faults during payment', () => {
  it('a jam while the note is read (value unknown): nothing counted, recorded for the technician', async () => {
    await setUp();
    const p = pay('jam-read', 1000);
    await world.clock.advance(100);
    world.acceptorSim.jamNext('accepting');
    world.acceptorSim.insertNote(1000);
    const out = await finish(p.done);
    expect(out).toMatchObject({ result: 'refunded', fault: 'jam', messageKey: 'payment.fault.jam', money: { received: 0 } });
    const jams = host.db.prepare("SELECT count(*) AS n FROM cash_movements WHERE kind = 'note-jammed' AND amount = 0").get() as { n: number };
    expect(jams.n).toBe(1);
    expect(host.service.ledger.account('jam-read')?.status).toBe('closed');
  });

  it('a jam while stacking: the stuck note is counted and refunded', async () => {
    await setUp();
    const p = pay('jam-stack', 1000);
    await world.clock.advance(100);
    world.acceptorSim.jamNext('stacking');
    world.acceptorSim.insertNote(1000);
    const out = await finish(p.done);
    expect(out).toMatchObject({ result: 'refunded', fault: 'jam', money: { received: 1000, refundPaid: 1000 } });
    expect(world.acceptorSim.cashBoxTotal()).toBe(0);
    expect(balanced(host.service.ledger.account('jam-stack'))).toBe(true);
    // The note is in the unit's path (not the box), and the coins are in the tray.
    expect(reconcile(host, 0)).toMatchObject({ boxMatches: true, coinsMatch: true, citizenSquare: true, jammed: 1000 });
  });

  it('a jam after VEND VALID: the note was received; the session refunds it', async () => {
    await setUp();
    const p = pay('jam-after', 2000);
    await world.clock.advance(100);
    world.acceptorSim.jamNext('after-vend-valid');
    await insert(1000);
    const out = await finish(p.done);
    expect(out).toMatchObject({ result: 'refunded', fault: 'jam', money: { received: 1000, refundPaid: 1000 } });
    expect(world.acceptorSim.cashBoxTotal()).toBe(1000);
    squared('jam-after', 0);
  });

  it('a jam while a note is given back: counted and refunded', async () => {
    await setUp({ coins500: 0, coins100: 5 });
    const p = pay('jam-return', 700);
    await world.clock.advance(100);
    world.hopperSim.stopAnswering(100);
    await world.clock.advance(12_000);
    world.acceptorSim.jamNext('returning');
    world.hopperSim.resumeAnswering(100);
    world.acceptorSim.insertNote(1000);
    const out = await finish(p.done);
    expect(out).toMatchObject({ result: 'refunded', fault: 'jam', money: { received: 1000 } });
    expect(balanced(host.service.ledger.account('jam-return'))).toBe(true);
    expect(reconcile(host, 0)).toMatchObject({ boxMatches: true, coinsMatch: true, citizenSquare: true });
  });

  it('a hopper jam during change: the other hopper makes it up', async () => {
    await setUp();
    const p = pay('hopper-jam', 200);
    await world.clock.advance(100);
    await insert(1000);
    world.hopperSim.jamAfter(500, 0);
    p.actor.send({ type: 'payment.settle', feeKept: 200 });
    const out = await finish(p.done);
    expect(out.money).toMatchObject({ changePaid: 800, coins: { '500': 0, '100': 8 } });
    expect(host.hoppers.state(500)).toBe('fault');
    squared('hopper-jam', 200);
  });

  it('stacker full: the note that filled it counts, collecting stops, it is refunded', async () => {
    await setUp({ stackerCapacity: 1 });
    const p = pay('full', 2000);
    await world.clock.advance(100);
    await insert(1000);
    const out = await finish(p.done);
    expect(out).toMatchObject({ result: 'refunded', fault: 'stacker-full', messageKey: 'payment.refund.coins', money: { received: 1000, refundPaid: 1000 } });
    squared('full', 0);
  });

  it('hopper empty mid-dispense: the other hopper pays the rest', async () => {
    await setUp();
    const p = pay('empty', 200);
    await world.clock.advance(100);
    await insert(1000);
    world.hopperSim.empty(500);
    p.actor.send({ type: 'payment.settle', feeKept: 200 });
    const out = await finish(p.done);
    expect(out.money).toMatchObject({ changePaid: 800, coins: { '500': 0, '100': 8 } });
    expect(host.service.status().hoppers.find((h) => h.coinValue === 500)?.coins).toBe(0);
    squared('empty', 200);
  });

  it('both hoppers short mid-dispense: coins paid, voucher for the rest', async () => {
    await setUp({ coins500: 10, coins100: 10 });
    const p = pay('both-empty', 100);
    await world.clock.advance(100);
    await insert(5000);
    world.hopperSim.setCoins(500, 1);
    world.hopperSim.setCoins(100, 2);
    p.actor.send({ type: 'payment.settle', feeKept: 100 });
    const out = await finish(p.done);
    expect(out).toMatchObject({ messageKey: 'payment.change.voucher', money: { changePaid: 700, refundOwed: 4200 } });
    expect(out.money?.voucher).toMatchObject({ amount: 4200, reason: 'change-short' });
    squared('both-empty', 100);
  });

  it('the cash box opened during collection', async () => {
    await setUp();
    const p = pay('box-open', 2000);
    await world.clock.advance(100);
    await insert(1000);
    world.acceptorSim.openCashBox();
    const out = await finish(p.done);
    expect(out).toMatchObject({ result: 'refunded', fault: 'cash-box-open', money: { received: 1000, refundPaid: 1000 } });
    squared('box-open', 0);
  });

  it('cheating: a note pulled back is not money received', async () => {
    await setUp();
    const p = pay('cheat', 2000);
    await world.clock.advance(100);
    await insert(1000);
    world.acceptorSim.insertNote(1000);
    await world.clock.advance(420);
    world.acceptorSim.cheat();
    const out = await finish(p.done);
    expect(out).toMatchObject({ result: 'refunded', fault: 'cheated', money: { received: 1000, refundPaid: 1000 } });
    squared('cheat', 0);
  });

  it('a failure of the acceptor (0xA2) refunds what was taken', async () => {
    await setUp();
    const p = pay('failure', 2000);
    await world.clock.advance(100);
    await insert(1000);
    world.acceptorSim.fail(0xa2);
    const out = await finish(p.done);
    expect(out).toMatchObject({ result: 'refunded', fault: 'failure', money: { received: 1000 } });
    squared('failure', 0);
  });

  it('a power blip at the acceptor while a note is in escrow: the note comes back, the citizen pays again', async () => {
    await setUp();
    const p = pay('blip', 1000);
    await world.clock.advance(100);
    world.acceptorSim.powerLossAt('escrow');
    world.acceptorSim.insertNote(1000);
    await world.clock.advance(450);
    world.acceptorSim.powerOn();
    await world.clock.advance(3000);
    expect(world.citizen.returned).toBe(1000);
    expect(p.view()).toMatchObject({ stage: 'collecting', messageKey: 'payment.note-returned.not-accepted', received: 0 });
    await insert(1000);
    expect(p.view().stage).toBe('paid');
    p.actor.send({ type: 'payment.settle', feeKept: 1000 });
    const out = await finish(p.done);
    expect(out).toMatchObject({ result: 'completed', money: { received: 1000, feeKept: 1000 } });
    squared('blip', 1000);
  });

  it('the acceptor loses power for good mid-note: refunded; the note comes out when it powers up', async () => {
    await setUp();
    const p = pay('dark', 2000);
    await world.clock.advance(100);
    await insert(1000);
    world.acceptorSim.powerLossAt('escrow');
    world.acceptorSim.insertNote(1000);
    const out = await finish(p.done);
    // The unit died while reading the note: it was never in escrow, so nothing about it was journaled.
    expect(out).toMatchObject({ result: 'refunded', fault: 'not-responding', money: { received: 1000, refundPaid: 1000, closed: true } });
    expect(world.citizen.returned).toBe(0);
    world.acceptorSim.powerOn();
    await world.clock.advance(10_000);
    expect(world.citizen.returned).toBe(1000);
    squared('dark', 0);
  });

  it('the acceptor unplugged mid-collection', async () => {
    await setUp();
    const p = pay('gone', 2000);
    await world.clock.advance(100);
    await insert(1000);
    host.acceptorLink.unplug();
    const out = await finish(p.done);
    expect(out).toMatchObject({ result: 'refunded', fault: 'device-gone', money: { received: 1000, refundPaid: 1000 } });
    squared('gone', 0);
  });
});
