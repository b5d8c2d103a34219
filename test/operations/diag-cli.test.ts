import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../cli/main';
import { systemClock } from '../../common/clock';
import { silentLogger } from '../../common/log';
import { SerialTransport } from '../../devices/transport/serial';
import { createA4Printer } from '../../devices/a4-printer/factory';
import { createReceiptPrinter } from '../../devices/receipt-printer/factory';
import { createApiHandlers } from '../../kiosk/api/handlers';
import { diagnosticsFor } from '../../kiosk/diagnostics/devices';
import { startBrowserHost } from '../../kiosk/host/server';
import { hashPin } from '../../kiosk/service/pin';
import { ServiceMode, serviceModeRoutes } from '../../kiosk/service-mode';
import { openDatabase } from '../../kiosk/store';
import { openPtyPair, type PtyPair } from '../support/pty';

/**
 * `kiosk diag` as a technician runs it, against the device simulators on socat pty pairs (`kiosk sim <device>
 * --port`), with the exit status: probing unknown ports, a busy port, a device with nothing behind it, listing and
 * self-testing configured devices (a faulty printer, then a fixed one; a bill acceptor whose note is inserted into
 * the simulator when the test asks for it), and asking a running kiosk over its service-mode API.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TIMEOUT_MS = 60_000;

type Run = { code: number | null; stdout: string; stderr: string };

function kiosk(args: readonly string[], options: { onStdout?: (text: string) => void } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'cli/main.ts'), ...args], { cwd: ROOT, env: { ...process.env, KIOSK_LOG_LEVEL: 'silent' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      options.onStdout?.(stdout);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`kiosk ${args.join(' ')} did not finish:\n${stdout}\n${stderr}`));
    }, TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

type Sim = { child: ChildProcess; output: () => string; send(line: string): void; stop(): Promise<void> };

async function startSim(device: string, port: string): Promise<Sim> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'cli/main.ts'), 'sim', device, '--port', port], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kiosk sim ${device} did not start: ${output}`)), 30_000);
    const check = setInterval(() => {
      if (/"event":"ready"|ready/.test(output)) {
        clearInterval(check);
        clearTimeout(timer);
        resolve();
      }
    }, 50);
  });
  return {
    child,
    output: () => output,
    send: (line) => child.stdin?.write(`${line}\n`),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.stdin?.end();
        setTimeout(() => child.kill('SIGTERM'), 2_000).unref();
      }),
  };
}

const pairs: PtyPair[] = [];
const sims: Sim[] = [];
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'diag-cli-'));
});
afterEach(async () => {
  for (const sim of sims.splice(0)) await sim.stop();
  for (const pair of pairs.splice(0)) await pair.close();
  rmSync(dir, { recursive: true, force: true });
});

async function pty(name: string): Promise<PtyPair> {
  const pair = await openPtyPair(name);
  pairs.push(pair);
  return pair;
}

async function sim(device: string, port: string): Promise<Sim> {
  const started = await startSim(device, port);
  sims.push(started);
  return started;
}

function config(devices: Record<string, unknown>, api = { host: '127.0.0.1', port: 0 }): string {
  const demo = JSON.parse(readFileSync(path.join(ROOT, 'kiosk/config/demo.json'), 'utf8')) as Record<string, unknown> & { devices: Record<string, unknown> };
  const file = path.join(dir, 'kiosk.json');
  writeFileSync(file, JSON.stringify({ ...demo, dataDir: dir, api, devices: { ...demo.devices, ...devices } }));
  return file;
}

describe('kiosk diag --port: probing an unknown port', () => {
  it.each([
    ['bill-acceptor', 'id003', /version\s+SIM\(KRW\)-ID003/],
    ['coin-hopper', 'cctalk', /address 3\s+Payout/],
    ['receipt-printer', 'escpos', /paper\s+ok/],
    ['fingerprint', 'r30x', /library size\s+\d+/],
  ])('finds the %s simulator with driver %s (exit 0)', async (device, driver, fact) => {
    const pair = await pty(driver);
    await sim(device, pair.devicePath);
    const run = await kiosk(['diag', '--port', pair.hostPath, '--driver', driver]);
    expect(run.stdout).toContain(`Found a ${driver} device on ${pair.hostPath}`);
    expect(run.stdout).toMatch(fact);
    expect(run.code).toBe(0);
  });

  it('says in plain words that nothing answers, with exit status 1', async () => {
    const pair = await pty('empty');
    const run = await kiosk(['diag', '--port', pair.hostPath, '--driver', 'escpos']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`No escpos device answered on ${pair.hostPath}`);
    expect(run.stdout).toMatch(/The printer does not answer \[no-response/);
  });

  it('says the port is busy when another program holds it (exit 3), and refuses a bad driver (exit 2)', async () => {
    const pair = await pty('busy');
    const holder = new SerialTransport(pair.hostPath, { baudRate: 9600 });
    expect((await holder.open()).ok).toBe(true);
    try {
      const run = await kiosk(['diag', '--port', pair.hostPath, '--driver', 'id003']);
      expect(run.code).toBe(3);
      expect(run.stdout).toContain('Another program (the running kiosk) holds the port');
    } finally {
      await holder.close();
    }
    expect((await kiosk(['diag', '--port', pair.hostPath, '--driver', 'mdb'])).code).toBe(2);
  });
});

describe('kiosk diag with a configuration: every device, and one self-test', () => {
  it('lists a receipt printer out of paper as a fault (exit 1), fails its test, and passes once a roll is in', async () => {
    const pair = await pty('printer');
    const printer = await sim('receipt-printer', pair.devicePath);
    printer.send('paper-out');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const file = config({ receiptPrinter: { driver: 'escpos', port: pair.hostPath } });

    const list = await kiosk(['diag', '--config', file]);
    expect(list.code).toBe(1);
    expect(list.stdout).toMatch(/FAULT\s+receipt-printer\s+escpos\s+paper-out/);
    // A printer out of paper also goes offline, as real ones do.
    expect(list.stdout).toMatch(/The receipt roll is empty \[paper-out: DLE EOT: \w+, paper out\]/);
    expect(list.stdout).toMatch(/OK\s+bill-acceptor/);

    const failed = await kiosk(['diag', 'receipt-printer', '--config', file]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('FAILED: The receipt roll is empty');

    printer.send('paper-refill');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const passed = await kiosk(['diag', 'receipt-printer', '--config', file, '--lang', 'ko']);
    expect(passed.stdout).toContain('PASSED: 정상: 시험 페이지를 인쇄했습니다');
    expect(passed.code).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(printer.output()).toContain('프린터 시험 인쇄');
  });

  it('runs the bill acceptor accept cycle: the note is inserted when the test asks, read and given back', async () => {
    const pair = await pty('acceptor');
    const acceptor = await sim('bill-acceptor', pair.devicePath);
    const file = config({ billAcceptor: { driver: 'id003', port: pair.hostPath } });
    let inserted = false;
    const run = await kiosk(['diag', 'bill-acceptor', '--config', file], {
      onStdout: (stdout) => {
        if (!inserted && stdout.includes('Insert a note')) {
          inserted = true;
          acceptor.send('insert 5000');
        }
      },
    });
    expect(run.stdout).toContain('✓ Read a ₩5,000 note');
    expect(run.stdout).toContain('PASSED: OK: read a ₩5,000 note and gave it back');
    expect(run.code).toBe(0);
    expect(acceptor.output()).toMatch(/note-returned|returned/);
  });

  it('rejects an unknown device name with exit 2', async () => {
    const run = await kiosk(['diag', 'toaster', '--config', config({})]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown device "toaster"');
  });
});

describe('kiosk diag while the kiosk runs: it asks the kiosk', () => {
  it('lists the devices through service mode with the PIN, and stops at a wrong PIN (exit 3)', async () => {
    const log = silentLogger();
    const opened = openDatabase(path.join(dir, 'kiosk.sqlite'));
    if (!opened.ok) throw new Error(opened.error.detail);
    const receipt = createReceiptPrinter({ driver: 'simulated' }, { clock: systemClock, log });
    await receipt.start();
    const a4 = createA4Printer({ driver: 'simulated' }, { clock: systemClock, log });
    a4.control!.mediaEmpty();
    const demo = JSON.parse(readFileSync(path.join(ROOT, 'kiosk/config/demo.json'), 'utf8')) as { devices: Parameters<typeof diagnosticsFor>[1]['config']['devices'] };
    const service = new ServiceMode({
      db: opened.value,
      clock: systemClock,
      kioskId: 'GJ-HALL-01',
      kioskName: { ko: '금정구청 민원실', en: 'Hall' },
      timeZone: 'Asia/Seoul',
      pinHash: hashPin('246810'),
      dataDir: dir,
      devices: diagnosticsFor(
        { receiptPrinter: receipt, a4Printer: a4 },
        { config: { kioskId: 'GJ-HALL-01', site: { name: { ko: '금정구청', en: 'Hall' }, kind: 'government-building', district: '금정구', address: '부산' }, devices: demo.devices }, clock: systemClock, escrowHandledBy: 'money-service' },
      ),
    });
    const api = createApiHandlers({ send: async () => ({ accepted: true }) as never, view: () => ({ revision: 0 }) as never, subscribe: () => () => undefined });
    const host = await startBrowserHost({ handlers: api, host: '127.0.0.1', port: 0, rendererDir: null, log, extend: serviceModeRoutes(service) });
    const output: string[] = [];
    const spies = [
      vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void output.push(args.join(' '))),
      vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void output.push(args.join(' '))),
    ];
    try {
      const file = config({}, { host: '127.0.0.1', port: Number(new URL(host.url).port) });
      process.exitCode = undefined;
      expect(await main(['diag', '--config', file, '--pin', '000000'])).toBe(3);
      expect(output.join('\n')).toContain('the kiosk refused service mode (wrong-pin)');
      output.length = 0;
      process.exitCode = undefined;
      expect(await main(['diag', '--config', file, '--pin', '246810'])).toBe(1);
      const text = output.join('\n');
      expect(text).toContain('asking it (service mode)');
      expect(text).toMatch(/OK\s+receipt-printer/);
      expect(text).toMatch(/FAULT\s+a4-printer/);
      expect(text).toContain('The A4 tray (security paper) is empty');
      expect(service.audit.recent(10).map((entry) => `${entry.action}:${entry.outcome}`).reverse()).toEqual(['enter:wrong-pin', 'enter:ok', 'exit:exit']);
    } finally {
      for (const spy of spies) spy.mockRestore();
      process.exitCode = undefined;
      await host.close();
      await receipt.stop();
      opened.value.close();
    }
  });
});
