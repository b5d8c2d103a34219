import { FakeHidDevice, FakeHidStreamLink } from './hid-fake';
import { bytesOfReport, HidStreamTransport, splitIntoReports, type HidFraming } from './hid';
import type { TransportEvent } from './transport';

const selector = { vendorId: 0x2109, productId: 0x7638 };

function collect(transport: HidStreamTransport): TransportEvent[] {
  const events: TransportEvent[] = [];
  transport.subscribe((event) => events.push(event));
  return events;
}

function received(events: TransportEvent[]): number[] {
  return events.flatMap((event) => (event.type === 'data' ? Array.from(event.bytes) : []));
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('HID report framing', () => {
  const stream = Uint8Array.from({ length: 139 }, (_, i) => (i * 3) & 0xff);

  it('splits a stream into fixed-size unnumbered reports with a count byte (length-prefix)', () => {
    const framing: HidFraming = { reportSize: 64, mode: 'length-prefix' };
    const reports = splitIntoReports(stream, framing);
    expect(reports.map((report) => report.length)).toEqual([65, 65, 65]);
    expect(reports.map((report) => report[0])).toEqual([0, 0, 0]); // node-hid's report id for unnumbered reports
    expect(reports.map((report) => report[1])).toEqual([63, 63, 13]);
    expect(Array.from(reports[2]!.subarray(2 + 13))).toEqual(new Array(64 - 1 - 13).fill(0));
    const joined = reports.flatMap((report) => {
      const bytes = bytesOfReport(report.subarray(1), framing);
      return bytes.ok ? Array.from(bytes.value) : [];
    });
    expect(joined).toEqual(Array.from(stream));
  });

  it('puts the count in the report id for bridges that number reports by length (length-report-id)', () => {
    const framing: HidFraming = { reportSize: 64, mode: 'length-report-id' };
    const reports = splitIntoReports(stream, framing);
    expect(reports.map((report) => report.length)).toEqual([64, 64, 64]);
    expect(reports.map((report) => report[0])).toEqual([63, 63, 13]);
  });

  it('refuses input reports that claim more bytes than they carry', () => {
    const framing: HidFraming = { reportSize: 8, mode: 'length-prefix' };
    expect(bytesOfReport(Uint8Array.of(9, 1, 2, 3, 4, 5, 6, 7), framing).ok).toBe(false);
    expect(bytesOfReport(Uint8Array.of(5, 1, 2), framing).ok).toBe(false);
    expect(bytesOfReport(Uint8Array.of(2, 1, 2, 0, 0, 0, 0, 0), framing)).toEqual({ ok: true, value: Uint8Array.of(1, 2) });
  });
});

describe('HidStreamTransport over a fake HID device', () => {
  it('carries bytes both ways split into reports and joined again', async () => {
    const link = new FakeHidStreamLink({ reportSize: 32, mode: 'length-prefix' });
    const host = new HidStreamTransport(selector, link.framing, link.opener);
    const hostEvents = collect(host);
    const deviceBytes: number[] = [];
    link.device.subscribe((event) => event.type === 'data' && deviceBytes.push(...event.bytes));
    await link.device.open();
    expect((await host.open()).ok).toBe(true);
    expect(host.description).toBe('hid:2109:7638');

    const outbound = Uint8Array.from({ length: 100 }, (_, i) => i);
    expect((await host.write(outbound)).ok).toBe(true);
    expect(deviceBytes).toEqual(Array.from(outbound));
    expect(link.written).toHaveLength(4); // 31 + 31 + 31 + 7
    expect(link.violations).toEqual([]);

    const inbound = Uint8Array.from({ length: 70 }, (_, i) => 255 - i);
    await link.device.write(inbound);
    await until(() => received(hostEvents).length === 70, 'inbound bytes');
    expect(received(hostEvents)).toEqual(Array.from(inbound));
    expect(link.inputReports.every((report) => report.length === 32)).toBe(true);
    await host.close();
    expect(hostEvents.at(-1)).toEqual({ type: 'closed', reason: 'closed by host' });
  });

  it('keeps the reports of concurrent writes in order', async () => {
    const link = new FakeHidStreamLink();
    const host = new HidStreamTransport(selector, link.framing, link.opener);
    const deviceBytes: number[] = [];
    link.device.subscribe((event) => event.type === 'data' && deviceBytes.push(...event.bytes));
    await link.device.open();
    await host.open();
    const first = Uint8Array.from({ length: 150 }, () => 1);
    const second = Uint8Array.from({ length: 150 }, () => 2);
    await Promise.all([host.write(first), host.write(second)]);
    expect(deviceBytes).toEqual([...first, ...second]);
  });

  it('reports an unplug as an I/O error and a close; writes then fail; reopening works after replug', async () => {
    const link = new FakeHidStreamLink();
    const host = new HidStreamTransport(selector, link.framing, link.opener);
    const events = collect(host);
    await link.device.open();
    await host.open();
    link.unplug();
    await until(() => events.some((event) => event.type === 'closed'), 'close after unplug');
    expect(events[0]).toEqual({ type: 'error', error: { kind: 'io-error', detail: 'could not read from HID device' } });
    expect(host.isOpen).toBe(false);
    expect(await host.write(Uint8Array.of(1))).toEqual({ ok: false, error: { kind: 'closed', detail: 'hid:2109:7638 is not open' } });
    expect(await link.present(selector)).toBe(false);
    const reopened = await host.open();
    expect(reopened.ok ? 'ok' : reopened.error.kind).toBe('not-found');
    link.replug();
    expect((await host.open()).ok).toBe(true);
  });

  it('turns a throwing write into a write-failed error and a close', async () => {
    const device = new FakeHidDevice();
    const host = new HidStreamTransport(selector, undefined, async () => device);
    const events = collect(host);
    await host.open();
    device.disconnect();
    const result = await host.write(Uint8Array.of(1, 2, 3));
    expect(result.ok).toBe(false);
    expect(events.some((event) => event.type === 'closed')).toBe(true);
  });

  it('reports a malformed input report without closing', async () => {
    const device = new FakeHidDevice();
    const host = new HidStreamTransport(selector, { reportSize: 8, mode: 'length-prefix' }, async () => device);
    const events = collect(host);
    await host.open();
    device.emitReport(Uint8Array.of(12, 0, 0, 0, 0, 0, 0, 0));
    device.emitReport(Uint8Array.of(1, 0x55, 0, 0, 0, 0, 0, 0));
    await until(() => received(events).length === 1, 'the good report');
    expect(events[0]?.type).toBe('error');
    expect(received(events)).toEqual([0x55]);
    expect(host.isOpen).toBe(true);
  });
});

describe('node-hid itself (the real library, no device attached)', () => {
  it('loads, lists no such device, and fails to open it as a value, not a throw', async () => {
    const { nodeHidPresent } = await import('./hid');
    const absent = { vendorId: 0xfffe, productId: 0xfffd };
    expect(await nodeHidPresent(absent)).toBe(false);
    const transport = new HidStreamTransport(absent);
    const result = await transport.open();
    expect(result.ok).toBe(false);
    expect(transport.isOpen).toBe(false);
  });
});
