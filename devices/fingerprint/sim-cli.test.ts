import { spawn } from 'node:child_process';
import path from 'node:path';
import { systemClock } from '../../common/clock';
import { silentLogger } from '../../common/log';
import { openPtyPair } from '../../test/support/pty';
import { SerialTransport } from '../transport/serial';
import { R30xDriver } from './driver';
import { parseSimCommand } from './sim-cli';
import { capturedTemplate } from './synthetic-finger';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PERSON = '031231-4876547';

describe('kiosk sim fingerprint: control lines', () => {
  it('parses every command and explains mistakes', () => {
    expect(parseSimCommand('place-finger 031231-4876547')).toEqual({ type: 'place-finger', person: PERSON, hold: false });
    expect(parseSimCommand('  hold-finger 0312314876547 ')).toEqual({ type: 'place-finger', person: '0312314876547', hold: true });
    expect(parseSimCommand('wrong-finger')).toEqual({ type: 'wrong-finger', hold: false });
    expect(parseSimCommand('poor-image')).toEqual({ type: 'poor-image', problem: 'messy' });
    expect(parseSimCommand('poor-image too-few-features')).toEqual({ type: 'poor-image', problem: 'too-few-features' });
    for (const verb of ['remove-finger', 'no-answer', 'answer', 'unplug', 'replug', 'status', 'help', 'quit']) {
      expect(parseSimCommand(verb)).toEqual({ type: verb });
    }
    expect(parseSimCommand('place-finger')).toMatchObject({ type: 'invalid' });
    expect(parseSimCommand('poor-image wet')).toMatchObject({ type: 'invalid' });
    expect(parseSimCommand('insert 1000')).toMatchObject({ type: 'invalid', message: expect.stringContaining('unknown command') });
  });
});

describe('kiosk sim fingerprint --port PATH (a real process on a socat pty pair)', () => {
  it('answers the driver on the other end; control on stdin, JSON lines on stdout', async () => {
    const pty = await openPtyPair('sim-cli');
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'sim', 'fingerprint', '--port', pty.devicePath], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const events: Record<string, unknown>[] = [];
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const lines = stdout.split('\n');
      stdout = lines.pop() ?? '';
      for (const line of lines) if (line) events.push(JSON.parse(line) as Record<string, unknown>);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const waitFor = async (name: string) => {
      for (let i = 0; i < 300; i++) {
        if (events.some((event) => event.event === name)) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`no "${name}" event; stderr: ${stderr}; events: ${JSON.stringify(events)}`);
    };
    const driver = new R30xDriver(new SerialTransport(pty.hostPath, { baudRate: 57600 }), {
      clock: systemClock,
      log: silentLogger(),
      timing: { fingerTimeoutMs: 5_000 },
      reconnect: false,
    });
    try {
      await waitFor('ready');
      expect((await driver.connect()).ok).toBe(true);
      child.stdin.write(`place-finger ${PERSON}\n`);
      await waitFor('finger-placed');
      const result = await driver.capture();
      expect(result.ok && result.value.bytes()).toEqual(capturedTemplate(PERSON, 1));
      await waitFor('template-uploaded');
      child.stdin.write('bogus\nstatus\nquit\n');
      expect(await exited).toBe(0);
      expect(events.find((event) => event.event === 'template-uploaded')).toMatchObject({ bytes: 512, packets: 4 });
      expect(events.find((event) => event.event === 'error')).toMatchObject({ message: expect.stringContaining('bogus') });
      expect(events.find((event) => event.event === 'status')).toMatchObject({ portOpen: true });
      expect(events.at(-1)).toMatchObject({ event: 'stopped' });
      // The person's number is never echoed.
      expect(JSON.stringify(events)).not.toContain('4876547');
    } finally {
      await driver.close();
      if (child.exitCode === null) child.kill('SIGTERM');
      await pty.close();
    }
  });
});
