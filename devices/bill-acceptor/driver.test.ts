import { FakeClock } from '../../common/clock';
import { LoopbackPair } from '../transport/loopback';
import type { BillAcceptorEvent } from './bill-acceptor';
import { Id003BillAcceptor } from './driver';
import { BillAcceptorSimulator, SIMULATED_KRW_COUNTRY_CODE } from './simulator';

type Rig = {
  clock: FakeClock;
  pair: LoopbackPair;
  sim: BillAcceptorSimulator;
  driver: Id003BillAcceptor;
  events: BillAcceptorEvent[];
  types: () => string[];
};

function rig(options: { sim?: BillAcceptorSimulator; clock?: FakeClock; stackerCapacity?: number } = {}): Rig {
  const clock = options.clock ?? new FakeClock();
  const pair = new LoopbackPair('bill-acceptor');
  const sim = options.sim ?? new BillAcceptorSimulator({ clock, ...(options.stackerCapacity ? { stackerCapacity: options.stackerCapacity } : {}) });
  void pair.device.open();
  sim.attach(pair.device);
  const driver = new Id003BillAcceptor({ transport: pair.host, clock, isPresent: () => Promise.resolve(!pair.unplugged) });
  const events: BillAcceptorEvent[] = [];
  driver.subscribe((event) => {
    if (event.type !== 'status') events.push(event);
  });
  return { clock, pair, sim, driver, events, types: () => events.map((e) => e.type) };
}

async function started(r: Rig) {
  const report = r.driver.start();
  await r.clock.advance(3000);
  const result = await report;
  if (!result.ok) throw new Error(result.error.detail);
  // Start-up events (the power-up report) are checked by their own tests.
  r.events.length = 0;
  return result.value;
}

afterEach(() => undefined);

describe('ID-003 driver against its simulator over loopback', () => {
  it('runs the power-up sequence and reads denominations from the currency assignment', async () => {
    const r = rig();
    const report = await started(r);
    expect(report.denominations.map((d) => d.value)).toEqual([1000, 5000, 10000, 50000]);
    expect(report.billAtStart).toEqual({ kind: 'power-up', billInPath: 'none' });
    expect(report.version).toContain('ID003');
    expect(r.driver.state()).toBe('disabled');
    expect(r.sim.status().kind).toBe('disabled');
    await r.driver.stop();
  });

  it('never hard-codes note values: a unit with other slots reports other values', async () => {
    const clock = new FakeClock();
    const sim = new BillAcceptorSimulator({
      clock,
      slots: [
        { escrowCode: 0x61, countryCode: SIMULATED_KRW_COUNTRY_CODE, base: 5, exponent: 4, value: 50000 },
        { escrowCode: 0x62, countryCode: SIMULATED_KRW_COUNTRY_CODE, base: 1, exponent: 3, value: 1000 },
      ],
    });
    const r = rig({ clock, sim });
    const report = await started(r);
    expect(report.denominations).toEqual([
      { escrowCode: 0x61, value: 50000 },
      { escrowCode: 0x62, value: 1000 },
    ]);
    await r.driver.enable([1000]);
    expect(r.sim.insertNote(1000).ok).toBe(true);
    await r.clock.advance(600);
    expect(r.events.at(-1)).toEqual({ type: 'escrow', value: 1000, escrowCode: 0x62 });
    await r.driver.stop();
  });

  it('takes a note through escrow: credited at VEND VALID before the ACK, then stacked', async () => {
    const r = rig();
    await started(r);
    expect(await r.driver.enable([1000, 5000])).toEqual({ ok: true, value: [1000, 5000] });
    const simStatusAtCredit: string[] = [];
    r.driver.subscribe((event) => {
      if (event.type === 'escrow') void r.driver.stack();
      if (event.type === 'credited') simStatusAtCredit.push(r.sim.status().kind);
    });
    r.sim.insertNote(1000);
    await r.clock.advance(2000);
    expect(r.types()).toEqual(['escrow', 'credited', 'stacked']);
    expect(r.events[1]).toEqual({ type: 'credited', value: 1000, escrowCode: 0x61, solicited: true, atStart: false });
    expect(simStatusAtCredit).toEqual(['vend-valid']);
    expect([...r.sim.cashBox()]).toEqual([[1000, 1]]);
    expect(r.driver.state()).toBe('idle');
    await r.driver.stop();
  });

  it('returns a note on request, and the note never reaches the box', async () => {
    const r = rig();
    await started(r);
    await r.driver.enable([1000]);
    r.driver.subscribe((event) => {
      if (event.type === 'escrow') void r.driver.returnBill();
    });
    r.sim.insertNote(1000);
    await r.clock.advance(2000);
    expect(r.types()).toEqual(['escrow', 'returned']);
    expect(r.events[1]).toEqual({ type: 'returned', value: 1000 });
    expect(r.sim.cashBoxTotal()).toBe(0);
    await r.driver.stop();
  });

  it('holds a note in escrow, then stacks it', async () => {
    const r = rig();
    await started(r);
    await r.driver.enable([5000]);
    r.sim.insertNote(5000);
    await r.clock.advance(700);
    expect(await r.driver.hold()).toEqual({ ok: true, value: undefined });
    await r.clock.advance(8000);
    expect(r.driver.state()).toBe('holding');
    await r.driver.stack();
    await r.clock.advance(2000);
    expect(r.types()).toEqual(['escrow', 'credited', 'stacked']);
    expect(r.sim.cashBoxTotal()).toBe(5000);
    await r.driver.stop();
  });

  it('reports a rejected note with its reason', async () => {
    const r = rig();
    await started(r);
    await r.driver.enable([1000]);
    r.sim.rejectNext('magnetic');
    r.sim.insertNote(1000);
    await r.clock.advance(2000);
    expect(r.events).toEqual([{ type: 'rejected', reason: 'magnetic', code: 0x72 }]);
    await r.driver.stop();
  });

  it('has the unit reject a denomination that is not enabled', async () => {
    const r = rig();
    await started(r);
    await r.driver.enable([1000]);
    r.sim.insertNote(50000);
    await r.clock.advance(2000);
    expect(r.events).toEqual([{ type: 'rejected', reason: 'inhibited', code: 0x79 }]);
    expect(r.sim.cashBoxTotal()).toBe(0);
    await r.driver.stop();
  });

  it('sees a note left in escrow without a decision rejected (0x79) and returned', async () => {
    const r = rig();
    await started(r);
    await r.driver.enable([1000]);
    r.sim.insertNote(1000);
    await r.clock.advance(12_000);
    expect(r.types()).toEqual(['escrow', 'rejected', 'returned']);
    expect(r.events[1]).toMatchObject({ reason: 'inhibited' });
    expect(r.sim.cashBoxTotal()).toBe(0);
    await r.driver.stop();
  });

  it('refuses STACK when no note is in escrow (4B) as a value', async () => {
    const r = rig();
    await started(r);
    const stacked = r.driver.stack();
    await r.clock.advance(500);
    expect(await stacked).toMatchObject({ ok: false, error: { kind: 'invalid-command' } });
    await r.driver.stop();
  });

  it('is disabled again by disable(): a note is pushed back at the slot', async () => {
    const r = rig();
    await started(r);
    await r.driver.enable([1000]);
    expect(r.sim.status().kind).toBe('idling');
    await r.driver.disable();
    expect(r.sim.status().kind).toBe('disabled');
    expect(r.sim.insertNote(1000).ok).toBe(false);
    await r.driver.stop();
  });
});

describe('ID-003 faults', () => {
  it('reports a jam while stacking with the note that is stuck, and credits nothing', async () => {
    const r = rig();
    await started(r);
    await r.driver.enable([1000]);
    r.driver.subscribe((event) => {
      if (event.type === 'escrow') void r.driver.stack();
    });
    r.sim.jamNext('stacking');
    r.sim.insertNote(1000);
    await r.clock.advance(3000);
    expect(r.types()).toEqual(['escrow', 'fault']);
    expect(r.events[1]).toMatchObject({ type: 'fault', code: 'jam-in-stacker', note: { value: 1000, stage: 'stacking' } });
    r.sim.clearFault();
    await r.clock.advance(1000);
    expect(r.types()).toEqual(['escrow', 'fault', 'recovered']);
    await r.driver.stop();
  });

  it('reports a jam in the acceptor before escrow without a value', async () => {
    const r = rig();
    await started(r);
    await r.driver.enable([1000]);
    r.sim.jamNext('accepting');
    r.sim.insertNote(1000);
    await r.clock.advance(1000);
    expect(r.events).toEqual([{ type: 'fault', code: 'jam-in-acceptor', detail: 'jam-in-acceptor', note: { value: undefined, stage: 'accepting' } }]);
    await r.driver.stop();
  });

  it('reports stacker full after the note that filled it was credited', async () => {
    const r = rig({ stackerCapacity: 1 });
    await started(r);
    await r.driver.enable([1000]);
    r.driver.subscribe((event) => {
      if (event.type === 'escrow') void r.driver.stack();
    });
    r.sim.insertNote(1000);
    await r.clock.advance(3000);
    expect(r.types()).toEqual(['escrow', 'credited', 'stacked', 'fault']);
    expect(r.events[3]).toMatchObject({ code: 'stacker-full', note: undefined });
    await r.driver.stop();
  });

  it('reports the cash box opened, and recovers when it is closed', async () => {
    const r = rig();
    await started(r);
    r.sim.openCashBox();
    await r.clock.advance(500);
    r.sim.closeCashBox();
    await r.clock.advance(1000);
    expect(r.types()).toEqual(['fault', 'recovered']);
    expect(r.events[0]).toMatchObject({ code: 'stacker-open' });
    await r.driver.stop();
  });

  it('reports cheating and a failure code with its meaning', async () => {
    const r = rig();
    await started(r);
    r.sim.cheat();
    await r.clock.advance(500);
    r.sim.fail(0xa6);
    await r.clock.advance(500);
    expect(r.events[0]).toMatchObject({ type: 'fault', code: 'cheated' });
    expect(r.events[1]).toMatchObject({ type: 'fault', code: 'failure', failure: 'transport-motor', detail: 'failure transport-motor (0xA6)' });
    await r.driver.stop();
  });

  it('raises not-responding after repeated silence while still listed, and recovers when the unit answers again', async () => {
    const r = rig();
    await started(r);
    r.sim.stopAnswering();
    await r.clock.advance(4000);
    expect(r.events).toEqual([expect.objectContaining({ type: 'fault', code: 'not-responding' })]);
    expect(r.driver.state()).toBe('offline');
    r.sim.resumeAnswering();
    await r.clock.advance(5000);
    expect(r.types()).toEqual(['fault', 'recovered']);
    expect(r.driver.state()).toBe('disabled');
    await r.driver.stop();
  });

  it('raises device-gone on an unplug (error and no longer listed), and comes back after a replug', async () => {
    const r = rig();
    await started(r);
    await r.driver.enable([1000]);
    r.pair.unplug();
    await r.clock.advance(1000);
    expect(r.events).toEqual([expect.objectContaining({ type: 'fault', code: 'device-gone' })]);
    r.pair.replug();
    void r.pair.device.open();
    await r.clock.advance(5000);
    expect(r.types()).toEqual(['fault', 'recovered']);
    // Acceptance is restored after re-initialisation.
    expect(r.sim.status().kind).toBe('idling');
    await r.driver.stop();
  });

  it('sees a power loss mid-run, reports where the note was, and re-initialises', async () => {
    const r = rig();
    await started(r);
    await r.driver.enable([1000]);
    r.driver.subscribe((event) => {
      if (event.type === 'escrow') void r.driver.stack();
    });
    r.sim.powerLossAt('stacking');
    r.sim.insertNote(1000);
    await r.clock.advance(2000);
    r.sim.powerOn();
    await r.clock.advance(6000);
    expect(r.events.find((e) => e.type === 'power-up')).toEqual({ type: 'power-up', billInPath: 'in-stacker', atStart: false });
    expect(r.types()).not.toContain('credited');
    // The unit stacked the note at RESET: it is in the box, and the host must decide from its journal.
    expect(r.sim.cashBoxTotal()).toBe(1000);
    await r.driver.stop();
  });
});

describe('ID-003 start-up with a note in the path', () => {
  it('reports a power-up with a bill in the acceptor; the unit gives it back', async () => {
    const clock = new FakeClock();
    const sim = new BillAcceptorSimulator({ clock });
    const first = rig({ clock, sim });
    await started(first);
    await first.driver.enable([1000]);
    sim.powerLossAt('escrow');
    sim.insertNote(1000);
    await clock.advance(1000);
    await first.driver.stop();
    sim.powerOn();
    const second = rig({ clock, sim });
    const startEvents: BillAcceptorEvent[] = [];
    second.driver.subscribe((event) => {
      if (event.type !== 'status') startEvents.push(event);
    });
    const report = await started(second);
    expect(report.billAtStart).toEqual({ kind: 'power-up', billInPath: 'in-acceptor' });
    expect(startEvents).toEqual([{ type: 'power-up', billInPath: 'in-acceptor', atStart: true }]);
    expect(sim.cashBoxTotal()).toBe(0);
  });

  it('reports a power-up with a bill in the stacker; the unit stacks it', async () => {
    const clock = new FakeClock();
    const sim = new BillAcceptorSimulator({ clock });
    const first = rig({ clock, sim });
    await started(first);
    await first.driver.enable([1000]);
    first.driver.subscribe((event) => {
      if (event.type === 'escrow') void first.driver.stack();
    });
    sim.powerLossAt('vend-valid');
    sim.insertNote(1000);
    await clock.advance(1500);
    await first.driver.stop();
    expect(first.types()).toEqual(['escrow']);
    sim.powerOn();
    const second = rig({ clock, sim });
    const startEvents: BillAcceptorEvent[] = [];
    second.driver.subscribe((event) => {
      if (event.type !== 'status') startEvents.push(event);
    });
    const report = await started(second);
    expect(report.billAtStart).toEqual({ kind: 'power-up', billInPath: 'in-stacker' });
    expect(sim.cashBoxTotal()).toBe(1000);
  });

  it('credits and acknowledges a VEND VALID still waiting from a host that died before its ACK', async () => {
    const clock = new FakeClock();
    const sim = new BillAcceptorSimulator({ clock });
    const first = rig({ clock, sim });
    await started(first);
    await first.driver.enable([1000]);
    first.driver.subscribe((event) => {
      if (event.type === 'escrow') void first.driver.stack();
      // The host dies while writing the credit down: its ACK never reaches the unit.
      if (event.type === 'credited') first.pair.unplug();
    });
    sim.insertNote(1000);
    await clock.advance(1500);
    await first.driver.stop();
    expect(sim.status().kind).toBe('vend-valid');
    const second = rig({ clock, sim });
    const startEvents: BillAcceptorEvent[] = [];
    second.driver.subscribe((event) => {
      if (event.type !== 'status') startEvents.push(event);
    });
    const report = await started(second);
    expect(report.billAtStart).toEqual({ kind: 'credited', value: 1000 });
    expect(startEvents).toEqual([
      { type: 'credited', value: 1000, escrowCode: 0x61, solicited: false, atStart: true },
      { type: 'stacked', value: 1000 },
    ]);
    expect(sim.cashBoxTotal()).toBe(1000);
  });

  it('gives back a note found in escrow at start', async () => {
    const clock = new FakeClock();
    const sim = new BillAcceptorSimulator({ clock });
    const first = rig({ clock, sim });
    await started(first);
    await first.driver.enable([1000]);
    sim.insertNote(1000);
    await clock.advance(700);
    await first.driver.stop();
    expect(sim.status().kind).toBe('escrow');
    const second = rig({ clock, sim });
    const startEvents: BillAcceptorEvent[] = [];
    second.driver.subscribe((event) => {
      if (event.type !== 'status') startEvents.push(event);
    });
    const report = await started(second);
    expect(report.billAtStart).toEqual({ kind: 'returned', value: 1000 });
    expect(startEvents).toEqual([{ type: 'returned', value: 1000 }]);
    expect(sim.cashBoxTotal()).toBe(0);
  });

  it('fails to start with a clear error when nothing answers', async () => {
    const clock = new FakeClock();
    const sim = new BillAcceptorSimulator({ clock });
    sim.stopAnswering();
    const r = rig({ clock, sim });
    const report = r.driver.start();
    await clock.advance(3000);
    expect(await report).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    expect(r.driver.state()).toBe('offline');
    await r.driver.stop();
  });
});
