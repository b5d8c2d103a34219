import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FakeClock } from '../../common/clock';
import type { Won } from '../../common/money';
import { Id003BillAcceptor } from '../../devices/bill-acceptor/driver';
import { BillAcceptorSimulator } from '../../devices/bill-acceptor/simulator';
import { CcTalkCoinHoppers } from '../../devices/coin-hopper/driver';
import { CoinHopperSimulator } from '../../devices/coin-hopper/simulator';
import { LoopbackPair } from '../../devices/transport/loopback';
import { heldFor, type CashAccount } from '../../kiosk/cash/ledger';
import { MoneyService, type JournalHookEvent } from '../../kiosk/cash/money-service';
import type { SettleOptions, SettlementReport } from '../../kiosk/cash/types';
import { openDatabase, type KioskDatabase } from '../../kiosk/store/database';

/**
 * The whole cash chain on a fake clock: the money service over the real ID-003 and ccTalk drivers, over loopback
 * pairs, with the simulators on the device ends, and a SQLite file in a temporary directory. `crash()` kills the
 * host as a power cut would (drivers stop, the database handle is gone, frozen flows stay frozen); `restart()`
 * opens the same file, builds new drivers on the same physical devices and settles.
 */
export type CashWorld = {
  readonly clock: FakeClock;
  readonly dir: string;
  readonly acceptorSim: BillAcceptorSimulator;
  readonly hopperSim: CoinHopperSimulator;
  /** Notes the citizen's hand put into the slot and did not get back (set by the simulator's events). */
  readonly citizen: { inserted: Won; returned: Won };
};

export type CashHost = {
  readonly world: CashWorld;
  readonly db: KioskDatabase;
  readonly service: MoneyService;
  readonly acceptor: Id003BillAcceptor;
  readonly hoppers: CcTalkCoinHoppers;
  readonly acceptorLink: LoopbackPair;
  readonly hopperLink: LoopbackPair;
  readonly startReport: SettlementReport;
  crash(): Promise<void>;
  restart(options?: HostOptions): Promise<CashHost>;
};

export type HostOptions = SettleOptions & {
  readonly onJournal?: (event: JournalHookEvent) => void | Promise<void>;
};

export type WorldOptions = {
  readonly coins500?: number;
  readonly coins100?: number;
  readonly stackerCapacity?: number;
};

let voucherSeq = 0;

export function createWorld(options: WorldOptions = {}): CashWorld {
  const clock = new FakeClock();
  const dir = mkdtempSync(path.join(tmpdir(), 'cash-'));
  const acceptorSim = new BillAcceptorSimulator({ clock, ...(options.stackerCapacity ? { stackerCapacity: options.stackerCapacity } : {}) });
  const hopperSim = new CoinHopperSimulator({
    clock,
    hoppers: [
      { address: 3, coinValue: 500, coins: options.coins500 ?? 50 },
      { address: 4, coinValue: 100, coins: options.coins100 ?? 50 },
    ],
  });
  const citizen = { inserted: 0, returned: 0 };
  acceptorSim.onEvent((event) => {
    if (event.type === 'note-inserted') citizen.inserted += event.value;
    if (event.type === 'note-returned') citizen.returned += event.value;
    // A note pulled back on a string went back to the hand that inserted it.
    if (event.type === 'note-removed' && event.reason === 'cheated') citizen.returned += event.value;
  });
  return { clock, dir, acceptorSim, hopperSim, citizen };
}

export async function startHost(world: CashWorld, options: HostOptions = {}, seed = true): Promise<CashHost> {
  const opened = openDatabase(path.join(world.dir, 'kiosk.sqlite'));
  if (!opened.ok) throw new Error(opened.error.detail);
  const db = opened.value;
  const acceptorLink = new LoopbackPair('bill-acceptor');
  void acceptorLink.device.open();
  world.acceptorSim.attach(acceptorLink.device);
  const hopperLink = new LoopbackPair('coin-hoppers', { echo: true });
  void hopperLink.device.open();
  world.hopperSim.attach(hopperLink.device);
  const acceptor = new Id003BillAcceptor({ transport: acceptorLink.host, clock: world.clock, isPresent: () => Promise.resolve(!acceptorLink.unplugged) });
  const hoppers = new CcTalkCoinHoppers({
    transport: hopperLink.host,
    clock: world.clock,
    hoppers: [
      { coinValue: 500, address: 3 },
      { coinValue: 100, address: 4 },
    ],
    isPresent: () => Promise.resolve(!hopperLink.unplugged),
  });
  const service = new MoneyService({
    db,
    kioskId: 'GJ-HALL-01',
    clock: world.clock,
    acceptor,
    hoppers,
    ...(options.onJournal ? { onJournal: options.onJournal } : {}),
    voucherCode: () => `RV-TEST-${String(++voucherSeq).padStart(4, '0')}`,
    ...(seed ? { initialHopperCoins: new Map([[500, world.hopperSim.coins(500)], [100, world.hopperSim.coins(100)]]) } : {}),
  });
  const starting = service.start(options);
  await world.clock.advance(5000);
  const startReport = await starting;
  let dead = false;
  const host: CashHost = {
    world,
    db,
    service,
    acceptor,
    hoppers,
    acceptorLink,
    hopperLink,
    startReport,
    crash() {
      if (dead) return Promise.resolve();
      dead = true;
      // Nothing of this process may run on, and all of it stops at once (callable from inside a journal hook):
      // the drivers fall silent (their synchronous part stops polling and closes the link) and the database
      // handle is gone, so a flow that wakes up later cannot write anything.
      const stopping = [acceptor.stop(), hoppers.stop()];
      db.close();
      return Promise.all(stopping).then(() => undefined);
    },
    async restart(next: HostOptions = {}) {
      await host.crash();
      return startHost(world, next, false);
    },
  };
  return host;
}

export function cleanup(world: CashWorld): void {
  rmSync(world.dir, { recursive: true, force: true });
}

/** The ledger's identity for a closed account: money in = fees kept + change paid + refunds (coins or owed). */
export function balanced(account: CashAccount | undefined): boolean {
  if (!account) return false;
  return account.status === 'closed' && heldFor(account) === 0 && account.received === account.feeKept + account.changePaid + account.refundPaid + account.refundOwed;
}

/**
 * The ledger against the physical world: the cash box holds what the ledger says, the coins that fell into the
 * tray are the coins the ledger paid, and every won the citizen put in and did not get back as a note is a fee
 * kept, coins paid back, a voucher, or a note counted while stuck in the unit.
 */
export function reconcile(host: { db: KioskDatabase; world: CashWorld }, feesKept: Won) {
  const { db, world } = host;
  const box = db.prepare('SELECT coalesce(sum(denomination * notes), 0) AS total FROM cash_box').get() as { total: number };
  const coins = db.prepare("SELECT coalesce(sum(amount), 0) AS total FROM cash_movements WHERE kind = 'coins-paid'").get() as { total: number };
  const owed = db.prepare('SELECT coalesce(sum(amount), 0) AS total FROM refund_vouchers').get() as { total: number };
  const jammed = db.prepare("SELECT coalesce(sum(amount), 0) AS total FROM cash_movements WHERE kind = 'note-jammed'").get() as { total: number };
  const citizenNet = world.citizen.inserted - world.citizen.returned;
  return {
    boxMatches: box.total === world.acceptorSim.cashBoxTotal(),
    coinsMatch: coins.total === world.hopperSim.totalPaid(),
    citizenSquare: citizenNet === feesKept + coins.total + owed.total,
    ledgerBox: box.total,
    simBox: world.acceptorSim.cashBoxTotal(),
    coinsPaid: coins.total,
    simCoins: world.hopperSim.totalPaid(),
    owed: owed.total,
    jammed: jammed.total,
    citizenNet,
  };
}
