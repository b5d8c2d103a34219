import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { systemClock } from '../common/clock';
import { silentLogger } from '../common/log';
import { EscPosReceiptPrinter } from '../devices/receipt-printer/driver';
import { SerialTransport } from '../devices/transport';
import { SAMPLE_RECEIPTS } from '../printer-templates/fixtures/receipts';
import { receiptTranscript } from '../printer-templates/receipt/layout';
import { openPtyPair, type PtyPair } from './support/pty';

/**
 * `kiosk sim receipt-printer --port PATH` on one end of a real pty pair, the ESC/POS driver on the other through
 * serialport: what the simulator prints comes out as JSON lines on its standard output.
 */
type SimLine = { event: string; [key: string]: unknown };

const ROOT = path.resolve(import.meta.dirname, '..');
const WAIT_MS = 15_000;

let pty: PtyPair;
let child: ChildProcessWithoutNullStreams;
const lines: SimLine[] = [];
const waiters: { match: (line: SimLine) => boolean; resolve: (line: SimLine) => void }[] = [];

function nextLine(match: (line: SimLine) => boolean): Promise<SimLine> {
  const seen = lines.find(match);
  if (seen) {
    lines.splice(lines.indexOf(seen), 1);
    return Promise.resolve(seen);
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no matching line from the simulator within ${WAIT_MS} ms`)), WAIT_MS);
    waiters.push({
      match,
      resolve: (line) => {
        clearTimeout(timer);
        resolve(line);
      },
    });
  });
}

beforeAll(async () => {
  pty = await openPtyPair('receipt');
  child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'sim', 'receipt-printer', '--port', pty.devicePath], { cwd: ROOT });
  createInterface({ input: child.stdout }).on('line', (text) => {
    const line = JSON.parse(text) as SimLine;
    const waiter = waiters.find((candidate) => candidate.match(line));
    if (waiter) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(line);
    } else lines.push(line);
  });
  await nextLine((line) => line.event === 'ready');
});

afterAll(async () => {
  child.stdin.end('quit\n');
  await new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      resolve(undefined);
    }, 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(undefined);
    });
  });
  await pty.close();
});

describe('kiosk sim receipt-printer over a pty', () => {
  it('prints what the driver sends and reports it decoded; paper out stops the next receipt', async () => {
    const printer = new EscPosReceiptPrinter(new SerialTransport(pty.hostPath, { baudRate: 38400 }), {
      clock: systemClock,
      log: silentLogger(),
      korean: 'native',
    });
    expect((await printer.connect()).ok).toBe(true);

    const receipt = SAMPLE_RECEIPTS.transaction();
    const printing = nextLine((line) => line.event === 'printed');
    expect(await printer.print(receipt)).toMatchObject({ ok: true });
    expect(await printing).toMatchObject({ complete: true, cut: 'partial', text: receiptTranscript(receipt) });

    const outOfPaper = nextLine((line) => line.event === 'status' && line.cause === 'paper out');
    child.stdin.write('paper-out\n');
    await outOfPaper;
    expect(await printer.status()).toMatchObject({ ok: true, value: { paper: 'out', online: false } });
    expect(await printer.print(receipt)).toMatchObject({ ok: false, error: { reason: 'not-ready', fault: 'paper-out' } });

    child.stdin.write('nonsense\n');
    expect(await nextLine((line) => line.event === 'error')).toMatchObject({ message: 'unknown command "nonsense"' });
    await printer.close();
  });
});
