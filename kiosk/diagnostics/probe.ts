import type { Clock } from '../../common/clock';
import { silentLogger, type Logger } from '../../common/log';
import { err, ok, type Result } from '../../common/result';
import { Id003BillAcceptor } from '../../devices/bill-acceptor/driver';
import { ID003_SERIAL_SETTINGS } from '../../devices/bill-acceptor/factory';
import { CcTalkReader, decodeReply, encodeRequest, HOST_ADDRESS, type HopperRequest } from '../../devices/coin-hopper/codec';
import { CCTALK_SERIAL_SETTINGS } from '../../devices/coin-hopper/factory';
import { R30xDriver } from '../../devices/fingerprint/driver';
import { EscPosReceiptPrinter } from '../../devices/receipt-printer/driver';
import { faultOf } from '../../devices/receipt-printer/status';
import { SerialTransport } from '../../devices/transport/serial';
import type { SerialSettings, Transport } from '../../devices/transport/transport';
import { explain } from './explain';
import type { DeviceId, Problem } from './types';

/**
 * `kiosk diag --port PATH --driver id003|cctalk|escpos|r30x`: is there such a device on this port, and what does it
 * say about itself? Each probe speaks the protocol's harmless identification requests only (no note is taken, no
 * coin paid, nothing printed). A port another program holds (the running kiosk) is reported as busy, not probed.
 */
export const PROBE_DRIVERS = ['id003', 'cctalk', 'escpos', 'r30x'] as const;
export type ProbeDriver = (typeof PROBE_DRIVERS)[number];

export const DEVICE_OF_DRIVER: Record<ProbeDriver, DeviceId> = { id003: 'bill-acceptor', cctalk: 'coin-hoppers', escpos: 'receipt-printer', r30x: 'fingerprint' };

export type ProbeReport = { readonly driver: ProbeDriver; readonly port: string; readonly facts: readonly (readonly [string, string])[]; readonly problems: readonly Problem[] };

export type ProbeOptions = {
  readonly clock: Clock;
  readonly log?: Logger;
  readonly onProgress?: (text: string) => void;
  readonly baudRate?: number;
};

/** ccTalk addresses a payout hopper may have (3 is the first payout device; 2 is sometimes used). */
export const CCTALK_SCAN_ADDRESSES = [3, 4, 5, 6, 7, 8, 9, 10, 2] as const;
const CCTALK_REPLY_MS = 150;

const SERIAL_SETTINGS: Record<ProbeDriver, SerialSettings> = {
  id003: ID003_SERIAL_SETTINGS,
  cctalk: CCTALK_SERIAL_SETTINGS,
  escpos: { baudRate: 38400 },
  r30x: { baudRate: 57600 },
};

/** serialport locks the device it opens; a second opener is told the port is in use. */
export function isBusyError(detail: string): boolean {
  return /cannot lock port|resource temporarily unavailable|EBUSY|device or resource busy/i.test(detail);
}

export async function checkPortFree(port: string, settings: SerialSettings, device: DeviceId): Promise<Result<void, Problem>> {
  const transport = new SerialTransport(port, settings);
  const opened = await transport.open();
  if (!opened.ok) {
    if (isBusyError(opened.error.detail)) return err(explain(device, 'port-busy', opened.error.detail));
    return err(explain(device, 'cannot-open', opened.error.detail));
  }
  await transport.close();
  return ok(undefined);
}

export async function probePort(driver: ProbeDriver, port: string, options: ProbeOptions): Promise<Result<ProbeReport, Problem>> {
  const device = DEVICE_OF_DRIVER[driver];
  const settings = options.baudRate ? { ...SERIAL_SETTINGS[driver], baudRate: options.baudRate } : SERIAL_SETTINGS[driver];
  const progress = options.onProgress ?? (() => undefined);
  const log = options.log ?? silentLogger();
  progress(`opening ${port} (${settings.baudRate} bit/s)`);
  const free = await checkPortFree(port, settings, device);
  if (!free.ok) return free;
  switch (driver) {
    case 'id003':
      return probeId003(port, settings, options.clock, log, progress);
    case 'cctalk':
      return probeCcTalk(port, settings, options.clock, progress);
    case 'escpos':
      return probeEscPos(port, settings, options.clock, log, progress);
    case 'r30x':
      return probeR30x(port, settings, options.clock, log, progress);
  }
}

async function probeId003(port: string, settings: SerialSettings, clock: Clock, log: Logger, progress: (text: string) => void): Promise<Result<ProbeReport, Problem>> {
  const acceptor = new Id003BillAcceptor({ transport: new SerialTransport(port, settings), clock, log });
  progress('ID-003: status request, reset, version and currency assignment');
  try {
    const started = await acceptor.start();
    if (!started.ok) return err(explain('bill-acceptor', started.error.kind === 'offline' ? 'not-responding' : 'failure', started.error.detail));
    const facts: [string, string][] = [
      ['protocol', 'JCM ID-003'],
      ['version', started.value.version],
      ['notes', started.value.denominations.map((d) => `${d.value} (escrow 0x${d.escrowCode.toString(16)})`).join(', ')],
      ['state', acceptor.state()],
    ];
    const problems: Problem[] = [];
    if (acceptor.state() === 'fault') problems.push(explain('bill-acceptor', 'failure', 'the unit reports a fault after reset'));
    return ok({ driver: 'id003', port, facts, problems });
  } finally {
    await acceptor.stop();
  }
}

async function probeEscPos(port: string, settings: SerialSettings, clock: Clock, log: Logger, progress: (text: string) => void): Promise<Result<ProbeReport, Problem>> {
  const printer = new EscPosReceiptPrinter(new SerialTransport(port, settings), { clock, log, korean: 'native' });
  progress('ESC/POS: initialise and real-time status (DLE EOT 1–4)');
  try {
    const connected = await printer.connect();
    if (!connected.ok) return err(explain('receipt-printer', connected.error.kind, connected.error.detail));
    const status = connected.value;
    const fault = faultOf(status);
    const problems = fault ? [explain('receipt-printer', fault)] : status.paper === 'near-end' ? [explain('receipt-printer', 'paper-near-end')] : [];
    return ok({
      driver: 'escpos',
      port,
      facts: [
        ['protocol', 'ESC/POS'],
        ['online', String(status.online)],
        ['paper', status.paper],
        ['cover', status.coverOpen ? 'open' : 'closed'],
      ],
      problems,
    });
  } finally {
    await printer.close();
  }
}

async function probeR30x(port: string, settings: SerialSettings, clock: Clock, log: Logger, progress: (text: string) => void): Promise<Result<ProbeReport, Problem>> {
  const reader = new R30xDriver(new SerialTransport(port, settings), { clock, log, reconnect: false });
  progress('R30x: handshake, password, system parameters');
  try {
    const connected = await reader.connect();
    if (!connected.ok) return err(explain('fingerprint', connected.error.kind, connected.error.detail));
    const parameters = connected.value.parameters;
    const facts: [string, string][] = [['protocol', 'R30x (ZFM)'], ['aura LED', connected.value.aura ? 'yes' : 'no']];
    if (parameters) {
      facts.push(['system id', `0x${parameters.systemId.toString(16).padStart(4, '0')}`]);
      facts.push(['library size', String(parameters.librarySize)]);
      facts.push(['security level', String(parameters.securityLevel)]);
      facts.push(['address', `0x${parameters.address.toString(16).padStart(8, '0')}`]);
      facts.push(['packet size', String(parameters.dataPacketSize)]);
      facts.push(['baud rate', String(parameters.baudRate)]);
    }
    return ok({ driver: 'r30x', port, facts, problems: [] });
  } finally {
    await reader.close();
  }
}

/** One ccTalk question to one address; frames addressed elsewhere (the echo of the request on one wire) are skipped. */
async function ask(transport: Transport, reader: CcTalkReader, clock: Clock, address: number, request: HopperRequest) {
  const frames: { source: number; destination: number; header: number; data: Uint8Array }[] = [];
  const off = transport.subscribe((event) => {
    if (event.type !== 'data') return;
    for (const output of reader.push(event.bytes, clock.now())) if (output.kind === 'frame') frames.push(output.frame);
  });
  try {
    reader.reset();
    await transport.write(encodeRequest(address, request));
    await clock.sleep(CCTALK_REPLY_MS);
    const frame = frames.find((f) => f.destination === HOST_ADDRESS && f.source === address);
    if (!frame) return undefined;
    const reply = decodeReply(request, frame);
    return reply.ok ? reply.value : undefined;
  } finally {
    off();
  }
}

async function probeCcTalk(port: string, settings: SerialSettings, clock: Clock, progress: (text: string) => void): Promise<Result<ProbeReport, Problem>> {
  const transport = new SerialTransport(port, settings);
  const opened = await transport.open();
  if (!opened.ok) return err(explain('coin-hoppers', isBusyError(opened.error.detail) ? 'port-busy' : 'cannot-open', opened.error.detail));
  const reader = new CcTalkReader();
  const facts: [string, string][] = [['protocol', 'ccTalk']];
  try {
    for (const address of CCTALK_SCAN_ADDRESSES) {
      progress(`ccTalk: simple poll to address ${address}`);
      const poll = await ask(transport, reader, clock, address, { type: 'simple-poll' });
      if (!poll) continue;
      const text = async (request: HopperRequest) => {
        const reply = await ask(transport, reader, clock, address, request);
        return reply?.type === 'text' ? reply.text.trim() : '?';
      };
      const category = await text({ type: 'equipment-category' });
      const manufacturer = await text({ type: 'manufacturer' });
      const product = await text({ type: 'product-code' });
      const serial = await ask(transport, reader, clock, address, { type: 'serial-number' });
      facts.push([`address ${address}`, `${category}, ${manufacturer} ${product}, serial ${serial?.type === 'serial-number' ? serial.serialNumber : '?'}`]);
    }
  } finally {
    await transport.close();
  }
  if (facts.length === 1) {
    return err(explain('coin-hoppers', 'not-responding', `no answer to a ccTalk simple poll at addresses ${CCTALK_SCAN_ADDRESSES.join(', ')}`));
  }
  const problems = facts.slice(1).some(([, value]) => /payout/i.test(value)) ? [] : [explain('coin-hoppers', 'not-a-payout-device', 'no device answered as "Payout"')];
  return ok({ driver: 'cctalk', port, facts, problems });
}
