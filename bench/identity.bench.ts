import { systemClock } from '../common/clock';
import { silentLogger } from '../common/log';
import { encodeCommand, encodeDataPackets, PacketParser } from '../devices/fingerprint/codec';
import { R30xDriver } from '../devices/fingerprint/driver';
import { createFingerprintReader } from '../devices/fingerprint/factory';
import { FingerprintSimulator } from '../devices/fingerprint/simulator';
import { capturedTemplate } from '../devices/fingerprint/synthetic-finger';
import { FakeHidStreamLink } from '../devices/transport/hid-fake';
import { SerialTransport } from '../devices/transport/serial';
import { parseResidentNumber } from '../kiosk/identity/resident-number';
import { keypadVerdict } from '../state-machines/session/resident-number';
import { openPtyPair } from '../test/support/pty';
import { formatTiming, heapMiB, machine, summarise } from './measure';

/**
 * `npm run bench identity`: what the identity parts cost on this machine — codec and validation as the session runs
 * it on its keypad (pure CPU), and a
 * whole capture (GenImg → Img2Tz → UpChar with 4 data packets) over the in-process loopback, a fake HID device and
 * a real socat pty, with the finger already on the sensor so that no polling wait is counted.
 */
const PERSON = '900101-1234568';

function time(runs: number, action: () => void): number[] {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    action();
    samples.push(performance.now() - started);
  }
  return samples;
}

/** Tiny CPU-bound steps are better read as a rate than as milliseconds rounded to 0.00. */
function rate(label: string, samples: number[]): string {
  const total = samples.reduce((sum, ms) => sum + ms, 0);
  return `${label}: ${Math.round((samples.length / total) * 1000).toLocaleString('en')} per second (n=${samples.length}, mean ${((total / samples.length) * 1000).toFixed(1)} µs)`;
}

async function timeAsync(runs: number, action: () => Promise<void>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await action();
    samples.push(performance.now() - started);
  }
  return samples;
}

async function main(): Promise<void> {
  console.log(machine());
  const today = { year: 2026, month: 11, day: 25 };

  const numbers = time(10_000, () => {
    const parsed = parseResidentNumber(PERSON, { today });
    if (parsed.ok) parsed.value.residentNumber.wipe();
  });
  console.log(rate('resident number parse + wipe', numbers));
  // What the session does on every key press of the resident-number screen: 13 judgements for one number.
  const digits = PERSON.replace('-', '');
  const entries = time(10_000, () => {
    for (let typed = 1; typed <= digits.length; typed++) keypadVerdict(digits.slice(0, typed), today);
  });
  console.log(rate('resident number typed on the session keypad (13 key presses judged)', entries));

  const stream = Uint8Array.from(encodeDataPackets(capturedTemplate(PERSON, 1), 128).flatMap((packet) => Array.from(packet)));
  const parse = time(5_000, () => {
    const parser = new PacketParser();
    for (let at = 0; at < stream.length; at += 63) parser.push(stream.subarray(at, at + 63));
  });
  console.log(rate('parse a 512-byte template upload (4 packets in 63-byte pieces)', parse));
  const encode = time(10_000, () => void encodeCommand({ instruction: 'Search', buffer: 1, start: 0, count: 1000 }));
  console.log(rate('encode one command', encode));

  const log = silentLogger();
  {
    const { reader, simulator } = await createFingerprintReader({ driver: 'simulated' }, { clock: systemClock, log });
    await reader.connect();
    const heapBefore = heapMiB();
    const captures = await timeAsync(500, async () => {
      simulator!.placeFinger(PERSON);
      const result = await reader.capture();
      if (!result.ok) throw new Error(result.error.kind);
      result.value.wipe();
    });
    console.log(formatTiming('capture over loopback (simulated reader)', summarise(captures)));
    console.log(`heap after 500 captures: ${heapMiB().toFixed(1)} MiB (before ${heapBefore.toFixed(1)} MiB)`);
    await reader.close();
  }
  {
    const link = new FakeHidStreamLink();
    const simulator = new FingerprintSimulator(link.device);
    await simulator.start();
    const { reader } = await createFingerprintReader(
      { driver: 'r30x-hid', vendorId: 1, productId: 2, reportSize: 64, framing: 'length-prefix', address: 0xffffffff, password: 0 },
      { clock: systemClock, log, hidOpener: link.opener, hidPresent: link.present },
    );
    await reader.connect();
    const captures = await timeAsync(300, async () => {
      simulator.placeFinger(PERSON);
      const result = await reader.capture();
      if (!result.ok) throw new Error(result.error.kind);
      result.value.wipe();
    });
    console.log(formatTiming('capture over HID reports (fake device, 64-byte reports)', summarise(captures)));
    await reader.close();
  }
  {
    const pty = await openPtyPair('bench-fingerprint');
    const simulator = new FingerprintSimulator(new SerialTransport(pty.devicePath, { baudRate: 57600 }));
    await simulator.start();
    const reader = new R30xDriver(new SerialTransport(pty.hostPath, { baudRate: 57600 }), { clock: systemClock, log, reconnect: false });
    await reader.connect();
    const captures = await timeAsync(100, async () => {
      simulator.placeFinger(PERSON);
      const result = await reader.capture();
      if (!result.ok) throw new Error(result.error.kind);
      result.value.wipe();
    });
    console.log(formatTiming('capture over a socat pty (serialport both ends)', summarise(captures)));
    await reader.close();
    await simulator.stop();
    await pty.close();
  }
}

await main();
