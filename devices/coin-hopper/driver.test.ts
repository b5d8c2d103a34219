import { FakeClock } from '../../common/clock';
import { LoopbackPair } from '../transport/loopback';
import type { CoinHoppersEvent, DispenseBaseline } from './coin-hoppers';
import { CcTalkCoinHoppers } from './driver';
import { CoinHopperSimulator } from './simulator';

type Rig = {
  clock: FakeClock;
  pair: LoopbackPair;
  sim: CoinHopperSimulator;
  hoppers: CcTalkCoinHoppers;
  events: CoinHoppersEvent[];
};

function rig(options: { sim?: CoinHopperSimulator; clock?: FakeClock; coins500?: number; coins100?: number } = {}): Rig {
  const clock = options.clock ?? new FakeClock();
  const sim =
    options.sim ??
    new CoinHopperSimulator({
      clock,
      hoppers: [
        { address: 3, coinValue: 500, coins: options.coins500 ?? 100, serialNumber: 0x123456 },
        { address: 4, coinValue: 100, coins: options.coins100 ?? 100 },
      ],
    });
  // A single ccTalk wire: the host reads its own bytes back before the reply.
  const pair = new LoopbackPair('coin-hoppers', { echo: true });
  void pair.device.open();
  sim.attach(pair.device);
  const hoppers = new CcTalkCoinHoppers({
    transport: pair.host,
    clock,
    hoppers: [
      { coinValue: 100, address: 4 },
      { coinValue: 500, address: 3 },
    ],
    isPresent: () => Promise.resolve(!pair.unplugged),
  });
  const events: CoinHoppersEvent[] = [];
  hoppers.subscribe((event) => {
    if (event.type === 'fault' || event.type === 'recovered') events.push(event);
  });
  return { clock, pair, sim, hoppers, events };
}

async function started(r: Rig) {
  const report = r.hoppers.start();
  await r.clock.advance(3000);
  return report;
}

async function run<T>(r: Rig, promise: Promise<T>, ms = 20_000): Promise<T> {
  await r.clock.advance(ms);
  return promise;
}

describe('ccTalk hoppers against their simulator over an echoing loopback', () => {
  it('identifies, enables and reads the counters of every hopper, largest coin first', async () => {
    const r = rig();
    const report = await started(r);
    expect(r.hoppers.coinValues()).toEqual([500, 100]);
    expect(report.hoppers.map((h) => [h.identity.coinValue, h.state, h.identity.serialNumber !== undefined])).toEqual([
      [500, 'ready', true],
      [100, 'ready', true],
    ]);
    expect(report.hoppers[0]?.identity.serialNumber).toBe(0x123456);
    expect(report.hoppers[0]?.counters).toEqual({ eventCounter: 0, coinsRemaining: 0, lastPaid: 0, lastUnpaid: 0, dispenseCount: 0 });
    expect(report.hoppers[0]?.level).toEqual({ belowLow: false, atOrAboveHigh: false, lowSensorFitted: true, highSensorFitted: true });
    await r.hoppers.stop();
  });

  it('journals first: the baseline reaches beforeSend before the hopper hears the dispense', async () => {
    const r = rig();
    await started(r);
    const seen: { baseline: DispenseBaseline; simCoins: number }[] = [];
    const outcome = await run(
      r,
      r.hoppers.dispense(100, 3, (baseline) => {
        seen.push({ baseline, simCoins: r.sim.coinsPaid(100) });
      }),
    );
    expect(seen).toEqual([
      { baseline: { eventCounter: 0, coinsRemaining: 0, lastPaid: 0, lastUnpaid: 0, dispenseCount: 0, coinValue: 100, address: 4, count: 3 }, simCoins: 0 },
    ]);
    expect(outcome).toEqual({ ok: true, value: { coinValue: 100, requested: 3, paid: 3, unpaid: 0, stoppedBy: 'complete' } });
    expect(r.sim.coinsPaid(100)).toBe(3);
    expect(r.sim.coins(100)).toBe(97);
    await r.hoppers.stop();
  });

  it('sends nothing when the journal write fails', async () => {
    const r = rig();
    await started(r);
    const outcome = await run(
      r,
      r.hoppers.dispense(500, 1, () => {
        throw new Error('disk full');
      }),
    );
    expect(outcome).toEqual({ ok: false, error: { kind: 'not-sent', detail: 'not sent: disk full' } });
    expect(r.sim.coinsPaid(500)).toBe(0);
    await r.hoppers.stop();
  });

  it('reports a hopper that runs empty mid-dispense: what was paid and what was not', async () => {
    const r = rig({ coins100: 2 });
    await started(r);
    const outcome = await run(r, r.hoppers.dispense(100, 5, () => undefined));
    expect(outcome).toMatchObject({ ok: true, value: { paid: 2, unpaid: 3, stoppedBy: 'empty' } });
    expect(r.events).toEqual([expect.objectContaining({ type: 'fault', coinValue: 100, code: 'empty' })]);
    expect(r.sim.coinsPaid(100)).toBe(2);
    await r.hoppers.stop();
  });

  it('reports a jam, refuses to pay until it is cleared, then recovers', async () => {
    const r = rig();
    await started(r);
    r.sim.jamAfter(500, 1);
    const outcome = await run(r, r.hoppers.dispense(500, 3, () => undefined));
    expect(outcome).toMatchObject({ ok: true, value: { paid: 1, unpaid: 2, stoppedBy: 'jam' } });
    expect(r.hoppers.state(500)).toBe('fault');
    expect(await r.hoppers.dispense(500, 1, () => undefined)).toMatchObject({ ok: false, error: { kind: 'refused' } });
    r.sim.clearJam(500);
    await r.clock.advance(6000);
    expect(r.hoppers.state(500)).toBe('ready');
    expect(r.events.map((e) => e.type)).toEqual(['fault', 'recovered']);
    await r.hoppers.stop();
  });

  it('never resends blindly: a lost reply to an accepted dispense pays exactly once', async () => {
    const r = rig();
    await started(r);
    r.sim.loseNext(100, 'dispense', 'reply');
    const outcome = await run(r, r.hoppers.dispense(100, 4, () => undefined));
    expect(outcome).toMatchObject({ ok: true, value: { paid: 4, stoppedBy: 'complete' } });
    expect(r.sim.coinsPaid(100)).toBe(4);
    await r.hoppers.stop();
  });

  it('resends once when the counter proves the dispense never arrived', async () => {
    const r = rig();
    await started(r);
    r.sim.loseNext(100, 'dispense', 'request');
    const outcome = await run(r, r.hoppers.dispense(100, 2, () => undefined));
    expect(outcome).toMatchObject({ ok: true, value: { paid: 2, stoppedBy: 'complete' } });
    expect(r.sim.coinsPaid(100)).toBe(2);
    await r.hoppers.stop();
  });

  it('counts a payout cut by a power loss from the lifetime dispense count', async () => {
    const r = rig();
    await started(r);
    const dispensing = r.hoppers.dispense(100, 5, () => undefined);
    await r.clock.advance(400);
    r.sim.powerCut();
    await r.clock.advance(1000);
    r.sim.powerOn();
    const outcome = await run(r, dispensing);
    expect(outcome).toMatchObject({ ok: true, value: { requested: 5, stoppedBy: 'power-loss' } });
    const paid = r.sim.coinsPaid(100);
    expect(paid).toBeGreaterThan(0);
    expect(paid).toBeLessThan(5);
    expect(outcome.ok && outcome.value.paid).toBe(paid);
    await r.hoppers.stop();
  });

  it('settles a payout the host lost track of (a crash mid-payout) from the baseline, without paying again', async () => {
    const clock = new FakeClock();
    const sim = new CoinHopperSimulator({ clock, hoppers: [{ address: 3, coinValue: 500, coins: 10 }, { address: 4, coinValue: 100, coins: 10 }] });
    const first = rig({ clock, sim });
    await started(first);
    let journaled: DispenseBaseline | undefined;
    void first.hoppers.dispense(100, 4, (baseline) => {
      journaled = baseline;
    });
    await clock.advance(250);
    // The host process dies; the hopper keeps paying on its own power.
    await first.hoppers.stop();
    expect(journaled).toBeDefined();
    const second = rig({ clock, sim });
    await started(second);
    const settled = await run(second, second.hoppers.finishInterrupted(journaled as DispenseBaseline));
    expect(settled).toMatchObject({ ok: true, value: { paid: 4, unpaid: 0, stoppedBy: 'complete' } });
    expect(sim.coinsPaid(100)).toBe(4);
    await second.hoppers.stop();
  });

  it('settles a journaled dispense that was never sent as nothing paid', async () => {
    const r = rig();
    await started(r);
    const counters = await run(r, r.hoppers.readCounters(500));
    if (!counters.ok) throw new Error(counters.error.detail);
    const settled = await run(r, r.hoppers.finishInterrupted({ ...counters.value, coinValue: 500, address: 3, count: 2 }));
    expect(settled).toEqual({ ok: true, value: { coinValue: 500, requested: 2, paid: 0, unpaid: 2, stoppedBy: 'not-accepted' } });
    await r.hoppers.stop();
  });

  it('stops a payout on emergency stop and says how many coins were not paid', async () => {
    const r = rig();
    await started(r);
    const dispensing = r.hoppers.dispense(100, 10, () => undefined);
    await r.clock.advance(450);
    const stopped = await run(r, r.hoppers.emergencyStop(100), 500);
    expect(stopped.ok && stopped.value).toBeGreaterThan(0);
    const outcome = await run(r, dispensing);
    expect(outcome).toMatchObject({ ok: true, value: { stoppedBy: 'emergency-stop' } });
    expect(outcome.ok && outcome.value.paid).toBe(r.sim.coinsPaid(100));
    expect(outcome.ok && outcome.value.unpaid).toBe(10 - r.sim.coinsPaid(100));
    await r.hoppers.stop();
  });

  it('re-enables a hopper that came back from a power cut disabled, then pays', async () => {
    const r = rig();
    await started(r);
    r.sim.powerCut();
    r.sim.powerOn();
    const outcome = await run(r, r.hoppers.dispense(500, 2, () => undefined));
    expect(outcome).toMatchObject({ ok: true, value: { paid: 2, stoppedBy: 'complete' } });
    await r.hoppers.stop();
  });

  it('treats a hopper that demands encryption as unsupported, with a clear diagnostic, and still runs the others', async () => {
    const r = rig();
    r.sim.demandEncryption(100, true);
    const report = await started(r);
    const hopper100 = report.hoppers.find((h) => h.identity.coinValue === 100);
    expect(hopper100?.state).toBe('unsupported');
    expect(hopper100?.detail).toMatch(/demands the encrypted dispense.*header 160.*not public.*serial-number dispense/s);
    expect(r.events).toEqual([expect.objectContaining({ type: 'fault', coinValue: 100, code: 'unsupported-encryption' })]);
    expect(await r.hoppers.dispense(100, 1, () => undefined)).toMatchObject({ ok: false, error: { kind: 'unsupported-encryption' } });
    expect(await run(r, r.hoppers.dispense(500, 1, () => undefined))).toMatchObject({ ok: true, value: { paid: 1 } });
    expect(r.sim.coinsPaid(100)).toBe(0);
    await r.hoppers.stop();
  });

  it('diagnoses encryption when a hopper refuses the serial-number dispense after start', async () => {
    const r = rig();
    await started(r);
    r.sim.demandEncryption(500, true);
    const outcome = await run(r, r.hoppers.dispense(500, 1, () => undefined));
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'unsupported-encryption' } });
    expect(r.hoppers.state(500)).toBe('unsupported');
    await r.hoppers.stop();
  });

  it('reports a silent hopper offline while the other works, and recovers it', async () => {
    const r = rig();
    r.sim.stopAnswering(500);
    const report = await started(r);
    expect(report.hoppers.map((h) => h.state)).toEqual(['offline', 'ready']);
    expect(r.events).toEqual([expect.objectContaining({ type: 'fault', coinValue: 500, code: 'not-responding' })]);
    r.sim.resumeAnswering(500);
    await r.clock.advance(6000);
    expect(r.hoppers.state(500)).toBe('ready');
    expect(r.events.map((e) => e.type)).toEqual(['fault', 'recovered']);
    await r.hoppers.stop();
  });

  it('reports every hopper gone when the bus is unplugged', async () => {
    const r = rig();
    await started(r);
    r.pair.unplug();
    await r.clock.advance(6000);
    expect(r.events).toEqual([
      expect.objectContaining({ coinValue: 500, code: 'device-gone' }),
      expect.objectContaining({ coinValue: 100, code: 'device-gone' }),
    ]);
    r.pair.replug();
    void r.pair.device.open();
    await r.clock.advance(6000);
    expect([r.hoppers.state(500), r.hoppers.state(100)]).toEqual(['ready', 'ready']);
    await r.hoppers.stop();
  });
});
