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
