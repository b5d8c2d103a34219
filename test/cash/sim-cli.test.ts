import { spawn } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { systemClock } from '../../common/clock';
import { Id003BillAcceptor } from '../../devices/bill-acceptor/driver';
import { ID003_SERIAL_SETTINGS } from '../../devices/bill-acceptor/factory';
import { billAcceptorSimulatorRunner } from '../../devices/bill-acceptor/sim-runner';
import type { BillAcceptorEvent } from '../../devices/bill-acceptor/bill-acceptor';
import { CcTalkCoinHoppers } from '../../devices/coin-hopper/driver';
import { CCTALK_SERIAL_SETTINGS } from '../../devices/coin-hopper/factory';
import { coinHopperSimulatorRunner } from '../../devices/coin-hopper/sim-runner';
import { SerialTransport } from '../../devices/transport/serial';
import { openPtyPair, type PtyPair } from '../support/pty';

/**
 * `kiosk sim bill-acceptor|coin-hopper --port PATH`: the simulator on one end of a pty pair, our own driver on
 * the other as a third party's host would be, control commands on standard input, JSON lines out.
 */
async function until(check: () => boolean, what: string, ms = 8000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function jsonLines(stream: PassThrough) {
  const lines: Record<string, unknown>[] = [];
  let buffer = '';
  stream.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      lines.push(JSON.parse(buffer.slice(0, newline)) as Record<string, unknown>);
      buffer = buffer.slice(newline + 1);
    }
  });
  return lines;
}

describe('kiosk sim over a pty pair', () => {
  let pty: PtyPair;
  afterEach(async () => pty?.close());

  it('bill-acceptor: a note inserted on standard input reaches the host driver in escrow', async () => {
    pty = await openPtyPair('sim-ba');
    const input = new PassThrough();
    const output = new PassThrough();
    const lines = jsonLines(output);
    const running = billAcceptorSimulatorRunner.run({ port: pty.devicePath }, { input, output });
    await until(() => lines.some((l) => l.event === 'ready'), 'the simulator to be ready');
    const driver = new Id003BillAcceptor({ transport: new SerialTransport(pty.hostPath, ID003_SERIAL_SETTINGS), clock: systemClock });
    const events: BillAcceptorEvent[] = [];
    driver.subscribe((event) => events.push(event));
    expect((await driver.start()).ok).toBe(true);
    await driver.enable([1000]);
    input.write('insert 1000\n');
    await until(() => events.some((e) => e.type === 'escrow'), 'escrow at the host');
    expect(events.find((e) => e.type === 'escrow')).toEqual({ type: 'escrow', value: 1000, escrowCode: 0x61 });
    input.write('insert lots\n');
    input.end();
    expect(await running).toBe(0);
    await driver.stop();
    expect(lines).toContainEqual(expect.objectContaining({ event: 'note-inserted', value: 1000 }));
    expect(lines).toContainEqual(expect.objectContaining({ event: 'status', status: 'escrow' }));
    expect(lines).toContainEqual(expect.objectContaining({ event: 'error', input: 'insert lots' }));
    expect(lines.at(-1)).toMatchObject({ event: 'closed' });
  });

  it('coin-hopper: the host pays coins; an emptied hopper on standard input comes up short', async () => {
    pty = await openPtyPair('sim-hopper');
    const input = new PassThrough();
    const output = new PassThrough();
    const lines = jsonLines(output);
    const running = coinHopperSimulatorRunner.run({ port: pty.devicePath }, { input, output });
    await until(() => lines.some((l) => l.event === 'ready'), 'the simulator to be ready');
    const hoppers = new CcTalkCoinHoppers({
      transport: new SerialTransport(pty.hostPath, CCTALK_SERIAL_SETTINGS),
      clock: systemClock,
      hoppers: [
        { coinValue: 500, address: 3 },
        { coinValue: 100, address: 4 },
      ],
    });
    expect((await hoppers.start()).hoppers.map((h) => h.state)).toEqual(['ready', 'ready']);
    expect(await hoppers.dispense(500, 1, () => undefined)).toMatchObject({ ok: true, value: { paid: 1 } });
    input.write('coins 100 1\n');
    await until(() => lines.some((l) => l.event === 'done' && l.input === 'coins 100 1'), 'the command to apply');
    expect(await hoppers.dispense(100, 2, () => undefined)).toMatchObject({ ok: true, value: { paid: 1, unpaid: 1, stoppedBy: 'empty' } });
    input.end();
    expect(await running).toBe(0);
    await hoppers.stop();
    expect(lines.filter((l) => l.event === 'coin-out')).toHaveLength(2);
  }, 20_000);

  it('the kiosk command runs a simulator and exits when standard input closes', async () => {
    pty = await openPtyPair('sim-cli');
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'sim', 'bill-acceptor', '--port', pty.devicePath], {
      cwd: process.cwd(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    await until(() => stdout.includes('"event":"ready"'), 'kiosk sim to be ready', 20_000);
    child.stdin.end('status\n');
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    const events = stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events).toContainEqual(expect.objectContaining({ event: 'done', input: 'status', status: 'power-up' }));
  }, 30_000);
});
