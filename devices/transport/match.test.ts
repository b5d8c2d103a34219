import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describeLocator, isLocatorPresent, locateSerialPort, matchingPorts, parseLocator, unstablePathWarning, type ListedPort } from './match';

const ports: ListedPort[] = [
  { path: '/dev/ttyUSB0', vendorId: '0403', productId: '6001', serialNumber: 'A10K1', pnpId: 'usb-FTDI_FT232R_A10K1-if00-port0' },
  { path: '/dev/ttyUSB1', vendorId: '0403', productId: '6001', serialNumber: 'B22Q7' },
  { path: '/dev/ttyACM0', vendorId: '2341', productId: '0043' },
];

describe('device locators', () => {
  it('parses USB ids with and without a serial number', () => {
    expect(parseLocator('usb:0403:6001:A10K1')).toEqual({ ok: true, value: { kind: 'usb', vendorId: 0x0403, productId: 0x6001, serialNumber: 'A10K1' } });
    expect(parseLocator('usb:2341:0043')).toEqual({ ok: true, value: { kind: 'usb', vendorId: 0x2341, productId: 0x0043 } });
    expect(parseLocator('/dev/serial/by-id/usb-JCM_ID003-if00')).toEqual({ ok: true, value: { kind: 'path', path: '/dev/serial/by-id/usb-JCM_ID003-if00' } });
  });

  it('refuses what is neither a path nor USB ids, naming the expected forms', () => {
    const parsed = parseLocator('ttyUSB0');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error.detail).toMatch(/by-id.*usb:VVVV:PPPP/);
  });

  it('describes a locator the way it is written in the configuration', () => {
    const parsed = parseLocator('usb:0403:6001:A10K1');
    expect(parsed.ok && describeLocator(parsed.value)).toBe('usb:0403:6001:A10K1');
  });

  it('warns about names that follow plug order, not about stable ones', () => {
    const unstable = parseLocator('/dev/ttyUSB0');
    const stable = parseLocator('/dev/serial/by-id/usb-FTDI_FT232R_A10K1-if00-port0');
    expect(unstable.ok && unstablePathWarning(unstable.value)).toMatch(/plug order/);
    expect(stable.ok && unstablePathWarning(stable.value)).toBeUndefined();
  });

  it('matches USB ids, narrowing by serial number', () => {
    expect(matchingPorts({ kind: 'usb', vendorId: 0x0403, productId: 0x6001 }, ports).map((p) => p.path)).toEqual(['/dev/ttyUSB0', '/dev/ttyUSB1']);
    expect(matchingPorts({ kind: 'usb', vendorId: 0x0403, productId: 0x6001, serialNumber: 'B22Q7' }, ports).map((p) => p.path)).toEqual(['/dev/ttyUSB1']);
  });

  it('matches a udev link to the port it points at', () => {
    const resolve = (p: string) => (p === '/dev/serial/by-id/x' ? '/dev/ttyACM0' : p);
    expect(matchingPorts({ kind: 'path', path: '/dev/serial/by-id/x' }, ports, resolve).map((p) => p.path)).toEqual(['/dev/ttyACM0']);
  });

  it('locates by USB ids, refusing none and several', async () => {
    const list = () => Promise.resolve(ports);
    expect(await locateSerialPort({ kind: 'usb', vendorId: 0x2341, productId: 0x0043 }, list)).toEqual({ ok: true, value: '/dev/ttyACM0' });
    expect(await locateSerialPort({ kind: 'usb', vendorId: 0x0403, productId: 0x6001 }, list)).toMatchObject({ ok: false, error: { kind: 'ambiguous' } });
    expect(await locateSerialPort({ kind: 'usb', vendorId: 0x1234, productId: 0x5678 }, list)).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(await locateSerialPort({ kind: 'usb', vendorId: 0x1234, productId: 0x5678 }, () => Promise.reject(new Error('no udev')))).toMatchObject({
      ok: false,
      error: { kind: 'not-found', detail: expect.stringMatching(/udev/) },
    });
  });

  it('sees a path device present while its link exists and gone when it vanishes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'locator-'));
    const target = path.join(dir, 'ttyUSB9');
    const link = path.join(dir, 'by-id-link');
    writeFileSync(target, '');
    symlinkSync(target, link);
    const list = () => Promise.resolve([] as ListedPort[]);
    expect(await isLocatorPresent({ kind: 'path', path: link }, list)).toBe(true);
    expect(await locateSerialPort({ kind: 'path', path: link }, list)).toEqual({ ok: true, value: link });
    expect(await isLocatorPresent({ kind: 'path', path: path.join(dir, 'gone') }, list)).toBe(false);
    expect(await isLocatorPresent({ kind: 'usb', vendorId: 0x2341, productId: 0x0043 }, () => Promise.resolve(ports))).toBe(true);
  });
});
