import type { Won } from '../../common/money';
import type { JournalHookEvent } from '../../kiosk/cash/money-service';
import { balanced, cleanup, createWorld, reconcile, startHost, type CashHost, type CashWorld, type HostOptions, type WorldOptions } from './rig';

/**
 * Power lost at each journal step, then restart and settle. The host dies exactly at the step (a journal hook
 * stops its drivers and closes its database, and the flow never resumes); the devices either lose power too or
 * keep theirs. A new host opens the same database file, starts new drivers on the same physical devices and
 * settles. Each case ends with no step pending, every account closed with money in = fees kept + change paid +
 * refunds (coins and vouchers), and the ledger equal to the world: the cash box, the coin tray, the citizen's net.
 */
let world: CashWorld;
let host: CashHost;

afterEach(async () => {
  await host?.crash();
  if (world) cleanup(world);
});

const powerCut = new Error('simulated power cut');

/** A hook that kills the host at one journal step: begun hooks freeze the flow, confirmed hooks abort it. */
function dieAt(step: JournalHookEvent['step'], phase: JournalHookEvent['phase'], onDeath: () => void = () => undefined): HostOptions & { reached: () => boolean } {
  let reached = false;
  return {
    reached: () => reached,
    onJournal: (event) => {
      if (reached || event.step !== step || event.phase !== phase) return;
      reached = true;
      void host.crash();
      onDeath();
      if (phase === 'begun') return new Promise<void>(() => undefined);
      throw powerCut;
    },
  };
}

async function start(options: WorldOptions, hostOptions: HostOptions = {}) {
  world = createWorld(options);
  host = await startHost(world, hostOptions);
}

async function collect(sessionId: string, amountDue: Won) {
  const collected = await host.service.collect(sessionId, amountDue);
  if (!collected.ok) throw new Error(collected.error.detail);
  await world.clock.advance(10);
}

async function insert(value: Won, ms = 2000) {
  const inserted = world.acceptorSim.insertNote(value);
  if (!inserted.ok) throw new Error(inserted.error);
  await world.clock.advance(ms);
}

async function restart(options: HostOptions = {}) {
  host = await host.restart(options);
  await world.clock.advance(30_000);
  return host.startReport;
}

function everythingSettled(feesKept: Won) {
  expect(host.service.ledger.pendingSteps()).toEqual([]);
  const accounts = host.db.prepare('SELECT session_id FROM cash_accounts').pluck().all() as string[];
  for (const sessionId of accounts) expect(balanced(host.service.ledger.account(sessionId))).toBe(true);
  const fees = host.db.prepare('SELECT coalesce(sum(fee_kept), 0) FROM cash_accounts').pluck().get() as number;
  expect(fees).toBe(feesKept);
  expect(reconcile(host, feesKept)).toMatchObject({ boxMatches: true, coinsMatch: true, citizenSquare: true });
}

describe('power lost at each journal step, then restart and settle', () => {
  it('stack journaled, STACK not sent; the acceptor loses power with the note in escrow (41)', async () => {
    const crash = dieAt('cash.stack', 'begun', () => {
      world.acceptorSim.powerLoss();
      world.acceptorSim.powerOn();
    });
    await start({}, crash);
    await collect('s', 1000);
    await insert(1000);
    expect(crash.reached()).toBe(true);
    const report = await restart();
    expect(report.steps).toEqual([expect.objectContaining({ step: 'cash.stack', status: 'failed', detail: expect.objectContaining({ reason: 'given back by the unit at power-up' }) })]);
    expect(world.citizen.returned).toBe(1000);
    expect(host.service.ledger.account('s')).toMatchObject({ received: 0, status: 'closed' });
    everythingSettled(0);
  });

  it('stack journaled, STACK not sent; only the host died and restarts while the note waits in escrow', async () => {
    const crash = dieAt('cash.stack', 'begun');
    await start({}, crash);
    await collect('s', 1000);
    await insert(1000);
    expect(world.acceptorSim.status().kind).toBe('escrow');
    const report = await restart();
    expect(report.steps).toEqual([expect.objectContaining({ step: 'cash.stack', status: 'failed' })]);
    expect(world.citizen.returned).toBe(1000);
    everythingSettled(0);
  });

  it('stack journaled; the host is down longer than the unit holds escrow: the unit gives the note back itself', async () => {
    const crash = dieAt('cash.stack', 'begun');
    await start({}, crash);
    await collect('s', 1000);
    await insert(1000);
    await world.clock.advance(15_000);
    const report = await restart();
    expect(report.steps).toEqual([expect.objectContaining({ step: 'cash.stack', status: 'failed', detail: expect.objectContaining({ reason: 'the unit held no note at start-up' }) })]);
    everythingSettled(0);
  });

  it('stack journaled; the host dies and the note jams in the unit: found jammed at restart, counted and owed', async () => {
    const crash = dieAt('cash.stack', 'begun', () => world.acceptorSim.jamNow('acceptor'));
    await start({}, crash);
    await collect('s', 1000);
    await insert(1000);
    expect(world.acceptorSim.status().kind).toBe('jam-in-acceptor');
    const report = await restart();
    expect(report.steps).toEqual([expect.objectContaining({ step: 'cash.stack', status: 'settled', detail: expect.objectContaining({ jammed: true }) })]);
    expect(report.vouchers).toEqual([expect.objectContaining({ amount: 1000, reason: 'settled-after-restart' })]);
    everythingSettled(0);
  });

  it('STACK sent; power lost while the note moves to the stacker (42): credited from the journal at restart', async () => {
    await start({});
    await collect('s', 2000);
    world.acceptorSim.powerLossAt('stacking');
    await insert(1000);
    await host.crash();
    world.acceptorSim.powerOn();
    const report = await restart();
    expect(report.steps).toEqual([expect.objectContaining({ step: 'cash.stack', status: 'confirmed', detail: expect.objectContaining({ via: 'power-up-bill-in-stacker' }) })]);
    expect(report.vouchers).toEqual([expect.objectContaining({ amount: 1000, reason: 'settled-after-restart' })]);
    expect(world.acceptorSim.cashBoxTotal()).toBe(1000);
    everythingSettled(0);
  });

  it('credit written at VEND VALID, ACK not sent; power lost (42): counted once', async () => {
    const crash = dieAt('cash.stack', 'confirmed', () => {
      world.acceptorSim.powerLoss();
      world.acceptorSim.powerOn();
    });
    await start({}, crash);
    await collect('s', 1000);
    await insert(1000);
    expect(crash.reached()).toBe(true);
    const report = await restart();
    expect(report.vouchers).toEqual([expect.objectContaining({ amount: 1000 })]);
    expect(host.service.ledger.account('s')).toMatchObject({ received: 1000, refundOwed: 1000 });
    expect(world.acceptorSim.cashBoxTotal()).toBe(1000);
    everythingSettled(0);
  });

  it('credit written at VEND VALID, ACK not sent; only the host died: the unit still waits, is acknowledged, counted once', async () => {
    const crash = dieAt('cash.stack', 'confirmed');
    await start({}, crash);
    await collect('s', 1000);
    await insert(1000);
    expect(world.acceptorSim.status().kind).toBe('vend-valid');
    await restart();
    expect(host.service.ledger.account('s')).toMatchObject({ received: 1000 });
    expect(world.acceptorSim.cashBoxTotal()).toBe(1000);
    everythingSettled(0);
  });

  it('return journaled, RETURN not sent; power lost (41): the note goes back, nothing received', async () => {
    const crash = dieAt('cash.return', 'begun', () => {
      world.acceptorSim.powerLoss();
      world.acceptorSim.powerOn();
    });
    await start({ coins500: 0, coins100: 5 }, crash);
    await collect('s', 700);
    world.hopperSim.stopAnswering(100);
    await world.clock.advance(12_000);
    world.hopperSim.resumeAnswering(100);
    await insert(1000);
    expect(crash.reached()).toBe(true);
    const report = await restart();
    expect(report.steps).toEqual([expect.objectContaining({ step: 'cash.return', status: 'confirmed' })]);
    expect(world.citizen.returned).toBe(1000);
    everythingSettled(0);
  });

  it('dispense journaled, command not sent; everything loses power: nothing was paid, the change is owed', async () => {
    const crash = dieAt('cash.dispense', 'begun', () => {
      world.acceptorSim.powerLoss();
      world.acceptorSim.powerOn();
      world.hopperSim.powerCut();
      world.hopperSim.powerOn();
    });
    await start({}, crash);
    await collect('s', 700);
    await insert(1000);
    host.service.settle('s', 700).catch(() => undefined);
    await world.clock.advance(2000);
    expect(crash.reached()).toBe(true);
    const report = await restart({ feeKeptFor: () => 700 });
    expect(report.steps).toEqual([expect.objectContaining({ step: 'cash.dispense', status: 'settled', detail: expect.objectContaining({ paid: 0, unpaid: 3 }) })]);
    expect(world.hopperSim.totalPaid()).toBe(0);
    expect(report.vouchers).toEqual([expect.objectContaining({ amount: 300 })]);
    everythingSettled(700);
  });

  it('dispense journaled, command not sent; only the host died: never sent means never paid', async () => {
    const crash = dieAt('cash.dispense', 'begun');
    await start({}, crash);
    await collect('s', 700);
    await insert(1000);
    host.service.settle('s', 700).catch(() => undefined);
    await world.clock.advance(2000);
    await restart({ feeKeptFor: () => 700 });
    expect(world.hopperSim.totalPaid()).toBe(0);
    everythingSettled(700);
  });

  it('power lost mid-payout (1 coin of 3 out): the hopper count says what was paid, the rest is owed', async () => {
    await start({});
    await collect('s', 700);
    await insert(1000);
    const off = world.hopperSim.onEvent((event) => {
      if (event.type === 'coin-out') {
        off();
        void host.crash();
        world.hopperSim.powerCut();
        world.hopperSim.powerOn();
      }
    });
    host.service.settle('s', 700).catch(() => undefined);
    await world.clock.advance(3000);
    const report = await restart({ feeKeptFor: () => 700 });
    expect(world.hopperSim.totalPaid()).toBe(100);
    expect(report.steps).toEqual([expect.objectContaining({ step: 'cash.dispense', detail: expect.objectContaining({ paid: 1, unpaid: 2 }) })]);
    expect(report.vouchers).toEqual([expect.objectContaining({ amount: 200 })]);
    everythingSettled(700);
  });

  it('host dies mid-payout while the hopper keeps paying: counted from the baseline, never paid twice', async () => {
    await start({});
    await collect('s', 700);
    await insert(1000);
    const off = world.hopperSim.onEvent((event) => {
      if (event.type === 'coin-out') {
        off();
        void host.crash();
      }
    });
    host.service.settle('s', 700).catch(() => undefined);
    await world.clock.advance(200);
    const report = await restart({ feeKeptFor: () => 700 });
    expect(world.hopperSim.totalPaid()).toBe(300);
    expect(report.steps).toEqual([expect.objectContaining({ step: 'cash.dispense', detail: expect.objectContaining({ paid: 3, unpaid: 0 }) })]);
    expect(report.vouchers).toEqual([]);
    everythingSettled(700);
  });

  it('dispense confirmed, power lost before the session closed: the rest is owed by voucher', async () => {
    const crash = dieAt('cash.dispense', 'confirmed', () => {
      world.hopperSim.powerCut();
      world.hopperSim.powerOn();
    });
    await start({}, crash);
    await collect('s', 200);
    await insert(1000);
    host.service.settle('s', 200).catch(() => undefined);
    await world.clock.advance(5000);
    expect(crash.reached()).toBe(true);
    const report = await restart({ feeKeptFor: () => 200 });
    // 500 was paid and confirmed; the 300 planned from the 100-won hopper was never journaled.
    expect(world.hopperSim.totalPaid()).toBe(500);
    expect(report.vouchers).toEqual([expect.objectContaining({ amount: 300 })]);
    everythingSettled(200);
  });

  it('power lost while documents were printing (paid, nothing settled): the fee earned is kept, the rest owed', async () => {
    await start({});
    await collect('s', 1500);
    await insert(5000);
    await host.crash();
    world.acceptorSim.powerLoss();
    world.acceptorSim.powerOn();
    const report = await restart({ feeKeptFor: (sessionId) => (sessionId === 's' ? 1000 : undefined) });
    expect(report.accounts).toEqual([expect.objectContaining({ sessionId: 's', received: 5000, feeKept: 1000, refundOwed: 4000 })]);
    everythingSettled(1000);
  });

  it('a second restart finds nothing more to do', async () => {
    await start({});
    await collect('s', 1000);
    await insert(1000);
    await host.crash();
    await restart();
    const again = await restart();
    expect(again).toMatchObject({ steps: [], accounts: [], vouchers: [], unresolved: 0 });
    everythingSettled(0);
  });
});
