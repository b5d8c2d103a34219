import { readFileSync } from 'node:fs';
import { silentLogger } from '../../common/log';
import type { BillAcceptorState } from '../../devices/bill-acceptor/bill-acceptor';
import type { HopperState } from '../../devices/coin-hopper/coin-hoppers';
import { HEALTHY_STATUS } from '../../devices/receipt-printer/status';
import { cashHealth, keypadHealth, readerHealth, receiptHealth } from './device-watch';
import { faultMessageKey, HealthBoard, type DeviceHealth, type DeviceName } from './health';

describe('device health', () => {
  function board() {
    const events: string[] = [];
    const health = new HealthBoard(silentLogger(), {
      fault: (device: DeviceName, code: string) => events.push(`fault ${device} ${code}`),
      recovered: (device: DeviceName) => events.push(`recovered ${device}`),
    });
    const faults: string[][] = [];
    health.onFaults((list) => faults.push(list.map((fault) => `${fault.device}:${fault.code}`)));
    return { health, events, faults };
  }

  it('puts the kiosk out of service only for the devices issuance needs, and back when they recover', () => {
    const { health, events, faults } = board();
    health.set('receipt-printer', { condition: 'fault', code: 'paper-out' });
    health.set('keypad', { condition: 'warning', code: 'disconnected' });
    expect(faults.at(-1)).toEqual([]);
    health.set('a4-printer', { condition: 'fault', code: 'media-jam' });
    health.set('fingerprint', { condition: 'offline', code: 'unplugged' });
    expect(faults.at(-1)).toEqual(['a4-printer:media-jam', 'fingerprint:unplugged']);
    expect(health.faults()).toEqual([
      { device: 'a4-printer', messageKey: 'fault.jam', code: 'media-jam' },
      { device: 'fingerprint', messageKey: 'fault.disconnected', code: 'unplugged' },
    ]);
    health.set('a4-printer', { condition: 'ok', code: null });
    health.set('fingerprint', { condition: 'ok', code: null });
    expect(faults.at(-1)).toEqual([]);
    expect(events).toEqual([
      'fault receipt-printer paper-out',
      'fault a4-printer media-jam',
      'fault fingerprint unplugged',
      'recovered a4-printer',
      'recovered fingerprint',
    ]);
  });

  it('reports each change once, and keeps every device’s latest state', () => {
    const { health, events, faults } = board();
    health.set('bill-acceptor', { condition: 'fault', code: 'stacker-full' });
    health.set('bill-acceptor', { condition: 'fault', code: 'stacker-full' });
    expect(events).toEqual(['fault bill-acceptor stacker-full']);
    expect(faults).toEqual([[], ['bill-acceptor:stacker-full']]);
    expect(health.get('bill-acceptor')).toEqual({ condition: 'fault', code: 'stacker-full' });
    expect(health.get('a4-printer')).toEqual({ condition: 'starting', code: null });
  });

  it('says each fault in words the citizen catalogue has', () => {
    const ko = JSON.parse(readFileSync(new URL('../../renderer/i18n/ko.json', import.meta.url), 'utf8')) as Record<string, string>;
    const cases: [DeviceHealth, string][] = [
      [{ condition: 'fault', code: 'stacker-full' }, 'fault.cash-box-full'],
      [{ condition: 'fault', code: 'media-empty' }, 'fault.paper-out'],
      [{ condition: 'fault', code: 'paper-jam' }, 'fault.jam'],
      [{ condition: 'fault', code: 'cover-open' }, 'fault.cover-open'],
      [{ condition: 'offline', code: 'not-responding' }, 'fault.disconnected'],
      [{ condition: 'fault', code: 'toner-empty' }, 'fault.unknown'],
    ];
    for (const [health, key] of cases) {
      expect(faultMessageKey(health)).toBe(key);
      expect(ko[key], key).toBeTruthy();
    }
  });

  it('reads each driver’s own states', () => {
    expect(readerHealth('ready')).toEqual({ condition: 'ok', code: null });
    expect(readerHealth('disconnected', { kind: 'unplugged', detail: 'gone' })).toEqual({ condition: 'offline', code: 'unplugged', detail: 'gone' });
    expect(keypadHealth('absent').condition).toBe('absent');
    expect(receiptHealth({ ...HEALTHY_STATUS, paper: 'near-end' })).toEqual({ condition: 'warning', code: 'paper-low' });
    expect(receiptHealth({ ...HEALTHY_STATUS, coverOpen: true })).toEqual({ condition: 'fault', code: 'cover-open' });
    const money = (acceptor: BillAcceptorState, hoppers: HopperState[], changeCapacity = 5_000) => ({
      cashBox: { notes: 0, total: 0, byDenomination: {} },
      hoppers: hoppers.map((state, index) => ({ coinValue: index === 0 ? 500 : 100, coins: 10, state, level: undefined })),
      acceptor: { state: acceptor, denominations: [1000, 5000, 10000] },
      changeCapacity,
      openAccounts: 0,
      pendingSteps: 0,
    });
    expect(cashHealth(money('fault', ['ready', 'ready']), { acceptor: 'full' })).toEqual({
      acceptor: { condition: 'fault', code: 'stacker-full' },
      hoppers: { condition: 'ok', code: null },
    });
    // A note moving for a citizen is the acceptor working, whatever readiness says about new collections.
    expect(cashHealth(money('stacking', ['paying', 'ready']), { acceptor: 'fault' }).acceptor).toEqual({ condition: 'ok', code: null });
    expect(cashHealth(money('offline', ['offline', 'starting']), { acceptor: 'offline' })).toEqual({
      acceptor: { condition: 'offline', code: 'not-responding' },
      hoppers: { condition: 'offline', code: 'not-responding' },
    });
    expect(cashHealth(money('idle', ['ready', 'fault'], 0), { acceptor: 'ready' }).hoppers).toEqual({ condition: 'warning', code: 'coins-empty' });
    expect(cashHealth(money('idle', ['fault', 'fault']), { acceptor: 'ready' }).hoppers).toEqual({ condition: 'fault', code: 'fault' });
  });
});
