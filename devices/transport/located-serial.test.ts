import { openPtyPair, type PtyPair } from '../../test/support/pty';
import { LocatedSerialTransport } from './located-serial';
import { SerialTransport } from './serial';

/** The located transport on a real pty: found by its path, reopened without losing its subscribers. */
describe('located serial transport', () => {
  let pty: PtyPair;
  afterEach(async () => pty?.close());

  async function received(port: SerialTransport | LocatedSerialTransport, what: () => Promise<unknown>): Promise<string> {
    let text = '';
    const off = port.subscribe((event) => {
      if (event.type === 'data') text += Buffer.from(event.bytes).toString();
    });
    await what();
    for (let i = 0; i < 100 && text.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    off();
    return text;
  }

  it('opens the device at its path, and again after a close, keeping subscribers', async () => {
    pty = await openPtyPair('located');
    const host = new LocatedSerialTransport({ kind: 'path', path: pty.hostPath }, { baudRate: 9600 });
    const device = new SerialTransport(pty.devicePath, { baudRate: 9600 });
    expect((await host.open()).ok).toBe(true);
    expect((await device.open()).ok).toBe(true);
    expect(await host.isPresent()).toBe(true);
    expect(host.description).toBe(`serial:${pty.hostPath}`);
    expect(await received(device, () => host.write(Buffer.from('ping')))).toBe('ping');
    let events = 0;
    host.subscribe(() => events++);
    await host.close();
    expect(host.isOpen).toBe(false);
    expect((await host.open()).ok).toBe(true);
    expect(await received(host, () => device.write(Buffer.from('pong')))).toBe('pong');
    expect(events).toBeGreaterThan(0);
    await host.close();
    await device.close();
  });

  it('reports a device that is not there as not found', async () => {
    pty = await openPtyPair('located-missing');
    const host = new LocatedSerialTransport({ kind: 'path', path: `${pty.hostPath}-missing` }, { baudRate: 9600 });
    expect(await host.open()).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(await host.isPresent()).toBe(false);
  });
});
