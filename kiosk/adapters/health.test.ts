import { silentLogger } from '../../common/log';
import { HEALTHY_STATUS } from '../../devices/receipt-printer/status';
import { cashHealth, keypadHealth, readerHealth, receiptHealth } from './device-watch';
import { HealthBoard, type DeviceName } from './health';

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
    expect(health.faults()[0]).toEqual({ device: 'a4-printer', messageKey: 'device.a4-printer.media-jam', code: 'media-jam' });
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

  it('reports each change once, and every device in the heartbeat', () => {
    const { health, events, faults } = board();
    health.set('bill-acceptor', { condition: 'fault', code: 'stacker-full' });
    health.set('bill-acceptor', { condition: 'fault', code: 'stacker-full' });
    expect(events).toEqual(['fault bill-acceptor stacker-full']);
    expect(faults).toEqual([[], ['bill-acceptor:stacker-full']]);
    expect(health.heartbeatDevices()).toMatchObject({ 'bill-acceptor': { state: 'fault', detail: 'stacker-full' }, 'a4-printer': { state: 'starting' } });
    expect(Object.keys(health.heartbeatDevices())).toHaveLength(6);
  });

  it('reads each driver’s own states', () => {
    expect(readerHealth('ready')).toEqual({ condition: 'ok', code: null });
    expect(readerHealth('disconnected', { kind: 'unplugged', detail: 'gone' })).toEqual({ condition: 'offline', code: 'unplugged', detail: 'gone' });
    expect(keypadHealth('absent').condition).toBe('absent');
    expect(receiptHealth({ ...HEALTHY_STATUS, paper: 'near-end' })).toEqual({ condition: 'warning', code: 'paper-low' });
    expect(receiptHealth({ ...HEALTHY_STATUS, coverOpen: true })).toEqual({ condition: 'fault', code: 'cover-open' });
    expect(cashHealth({ acceptor: 'full', notes: [], hoppers: 'ready', coins: {} })).toEqual({
      acceptor: { condition: 'fault', code: 'stacker-full' },
      hoppers: { condition: 'ok', code: null },
    });
  });
});
