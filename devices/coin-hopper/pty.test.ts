import { systemClock } from '../../common/clock';
import { openPtyPair, type PtyPair } from '../../test/support/pty';
import { SerialTransport } from '../transport/serial';
import { CcTalkCoinHoppers } from './driver';
import { CCTALK_SERIAL_SETTINGS } from './factory';
import { CoinHopperSimulator } from './simulator';

/**
 * The ccTalk driver and the hopper simulator on the two ends of a real socat pty pair, opened with serialport as
 * a USB-serial adapter would be. A pty does not echo, so this also proves the driver does not depend on the echo.
 */
describe('ccTalk hoppers against their simulator over a socat pty pair', () => {
  let pty: PtyPair;
  let deviceEnd: SerialTransport;
  let hoppers: CcTalkCoinHoppers;
  let sim: CoinHopperSimulator;

  beforeAll(async () => {
    pty = await openPtyPair('cctalk');
    deviceEnd = new SerialTransport(pty.devicePath, CCTALK_SERIAL_SETTINGS);
    const opened = await deviceEnd.open();
    if (!opened.ok) throw new Error(opened.error.detail);
    sim = new CoinHopperSimulator({
      clock: systemClock,
      hoppers: [
        { address: 3, coinValue: 500, coins: 50 },
        { address: 4, coinValue: 100, coins: 3 },
      ],
      timing: { coinIntervalMs: 20, payoutTimeoutMs: 150 },
    });
    sim.attach(deviceEnd);
    hoppers = new CcTalkCoinHoppers({
      transport: new SerialTransport(pty.hostPath, CCTALK_SERIAL_SETTINGS),
      clock: systemClock,
      hoppers: [
        { coinValue: 500, address: 3 },
        { coinValue: 100, address: 4 },
      ],
    });
  });

  afterAll(async () => {
    await hoppers?.stop();
    await deviceEnd?.close();
    await pty?.close();
  });

  it('starts both hoppers and pays two 500-won coins', async () => {
    const report = await hoppers.start();
    expect(report.hoppers.map((h) => h.state)).toEqual(['ready', 'ready']);
    const outcome = await hoppers.dispense(500, 2, () => undefined);
    expect(outcome).toEqual({ ok: true, value: { coinValue: 500, requested: 2, paid: 2, unpaid: 0, stoppedBy: 'complete' } });
    expect(sim.coinsPaid(500)).toBe(2);
  });

  it('reports the 100-won hopper running empty with the exact count paid', async () => {
    const outcome = await hoppers.dispense(100, 5, () => undefined);
    expect(outcome).toMatchObject({ ok: true, value: { paid: 3, unpaid: 2, stoppedBy: 'empty' } });
    expect(sim.coinsPaid(100)).toBe(3);
  });
});
