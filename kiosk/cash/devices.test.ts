import { FakeClock } from '../../common/clock';
import { KioskConfig } from '../config/schema';
import demo from '../config/demo.json';
import { createCashDevices } from './devices';

describe('cash devices from the configuration', () => {
  it('builds the demo configuration as the real drivers over loopback with simulators and control handles', async () => {
    const config = KioskConfig.parse(demo);
    const built = createCashDevices(config.devices, { clock: new FakeClock() });
    if (!built.ok) throw new Error(built.error);
    const { billAcceptor, coinHoppers } = built.value;
    expect(billAcceptor.kind).toBe('simulated');
    expect(coinHoppers.kind).toBe('simulated');
    if (billAcceptor.kind !== 'simulated' || coinHoppers.kind !== 'simulated') return;
    expect(billAcceptor.acceptor.description).toBe('bill-acceptor (loopback:bill-acceptor)');
    expect(coinHoppers.hoppers.coinValues()).toEqual([500, 100]);
    expect([...coinHoppers.initialCoins]).toEqual([
      [500, 200],
      [100, 500],
    ]);
    expect(coinHoppers.simulator.coins(100)).toBe(500);
    expect(billAcceptor.simulator.status().kind).toBe('power-up');
  });

  it('builds real drivers for id003 and cctalk, warning about plug-order port names', () => {
    const built = createCashDevices(
      {
        billAcceptor: { driver: 'id003', port: '/dev/ttyUSB0' },
        coinHoppers: { driver: 'cctalk', port: 'usb:0403:6001:A10K1', hoppers: [{ coinValue: 500, address: 3 }] },
      },
      { clock: new FakeClock() },
    );
    if (!built.ok) throw new Error(built.error);
    expect(built.value.billAcceptor).toMatchObject({ kind: 'id003', warnings: [expect.stringMatching(/plug order/)] });
    expect(built.value.coinHoppers).toMatchObject({ kind: 'cctalk', warnings: [] });
    expect(built.value.coinHoppers.hoppers.description).toBe('coin-hoppers (serial:usb:0403:6001:A10K1)');
  });

  it('names the field when a port or the hopper wiring is wrong', () => {
    const badPort = createCashDevices(
      { billAcceptor: { driver: 'id003', port: 'COMX' }, coinHoppers: { driver: 'simulated', hoppers: [{ coinValue: 500, address: 3, initialCoins: 1 }] } },
      { clock: new FakeClock() },
    );
    expect(badPort).toMatchObject({ ok: false, error: expect.stringMatching(/^devices\.billAcceptor\.port: /) });
    const sameAddress = createCashDevices(
      {
        billAcceptor: { driver: 'simulated' },
        coinHoppers: { driver: 'cctalk', port: '/dev/serial/by-id/x', hoppers: [{ coinValue: 500, address: 3 }, { coinValue: 100, address: 3 }] },
      },
      { clock: new FakeClock() },
    );
    expect(sameAddress).toMatchObject({ ok: false, error: expect.stringMatching(/share a ccTalk address/) });
  });
});
