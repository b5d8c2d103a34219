import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../cli/main';
import { DEMO_KIOSKS } from '../../central-office/demo';
import { containsResidentNumber } from '../../common/privacy';
import { openDatabase, Outbox, DATABASE_FILE } from '../../kiosk/store';

/**
 * The technician's commands: `kiosk central` runs the office from a configuration file; `kiosk sync status` shows
 * the queue; `kiosk sync now` drains it; `kiosk central report` and `kiosk central kiosks` read what arrived.
 */
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

describe('kiosk central and kiosk sync', () => {
  let dir: string;
  let server: ChildProcess | null = null;
  let output: string[];

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'central-cli-'));
    output = [];
    process.exitCode = undefined;
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void output.push(args.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void output.push(args.join(' ')));
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
    if (server && server.exitCode === null) {
      server.kill('SIGKILL');
      await new Promise((resolve) => server?.once('exit', resolve));
    }
    rmSync(dir, { recursive: true, force: true });
  });

  function kioskConfig(url: string): string {
    const demo = JSON.parse(readFileSync(path.join(ROOT, 'kiosk/config/demo.json'), 'utf8')) as Record<string, unknown>;
    const file = path.join(dir, 'kiosk.json');
    writeFileSync(file, JSON.stringify({ ...demo, dataDir: './kiosk-data', centralOffice: { url, keyId: DEMO_KIOSKS[0]!.keyId, secret: DEMO_KIOSKS[0]!.secret } }));
    return file;
  }

  async function startServer(): Promise<{ url: string; config: string }> {
    const config = path.join(dir, 'central.json');
    writeFileSync(config, JSON.stringify({ listen: { host: '127.0.0.1', port: 0 }, storage: { kind: 'sqlite', file: './central.sqlite' }, kiosks: 'demo', operators: 'demo' }));
    const child = spawn(path.join(ROOT, 'cli/kiosk.sh'), ['central', '--config', config], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, KIOSK_LOG_LEVEL: 'warn' } });
    server = child;
    const url = await new Promise<string>((resolve, reject) => {
      let stderr = '';
      const timer = setTimeout(() => reject(new Error(`kiosk central did not start: ${stderr}`)), 30_000);
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const match = /listening on (http:\/\/[\d.:]+)/.exec(stderr);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.once('exit', (code) => reject(new Error(`kiosk central exited with ${code}: ${stderr}`)));
    });
    return { url, config };
  }

  it('shows the queue, drains it to a running `kiosk central`, and reports what arrived', async () => {
    const { url, config: centralConfig } = await startServer();
    const config = kioskConfig(url);
    const opened = openDatabase(path.join(dir, 'kiosk-data', DATABASE_FILE));
    if (!opened.ok) throw new Error(opened.error.detail);
    const outbox = new Outbox(opened.value, DEMO_KIOSKS[0]!.kioskId, () => Date.now());
    for (let i = 0; i < 5; i++) {
      outbox.append('document.issued', { documentCode: 'resident-copy', issuanceNumber: `N-${i}`, verificationNumber: '0000-0000-0000-0000', copies: 1, pages: 1, fee: 200, waivedBy: null });
    }
    opened.value.close();

    expect(await main(['sync', 'status', '--config', config, '--json'])).toBe(0);
    expect(JSON.parse(output.join('\n'))).toMatchObject({ depth: 5, lastSuccessAt: null, rejected: 0 });

    output.length = 0;
    expect(await main(['sync', 'now', '--config', config])).toBe(0);
    expect(output.join('\n')).toContain('sent 5 event(s) in 1 batch(es): 5 new');

    output.length = 0;
    expect(await main(['sync', 'status', '--config', config])).toBe(0);
    expect(output.join('\n')).toMatch(/queue depth\s+0/);
    expect(output.join('\n')).toContain('every seq up to 5');

    output.length = 0;
    expect(await main(['central', 'report', 'day', '--config', centralConfig, '--json'])).toBe(0);
    expect(JSON.parse(output.join('\n'))).toMatchObject({ totals: { issuances: 5, fees: 1000 } });

    output.length = 0;
    expect(await main(['central', 'kiosks', '--config', centralConfig])).toBe(0);
    expect(output.join('\n')).toContain('events 5, contiguous to 5');

    server!.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => server!.once('exit', resolve));
    expect(code).toBe(0);
  }, 90_000);

  it('says clearly when the central office cannot be reached, and leaves the queue as it was', async () => {
    const config = kioskConfig('http://127.0.0.1:9');
    const opened = openDatabase(path.join(dir, 'kiosk-data', DATABASE_FILE));
    if (!opened.ok) throw new Error(opened.error.detail);
    new Outbox(opened.value, DEMO_KIOSKS[0]!.kioskId, () => Date.now()).append('cash.note-stacked', { value: 1000 });
    opened.value.close();
    expect(await main(['sync', 'now', '--config', config])).toBe(1);
    expect(output.join('\n')).toMatch(/unreachable.*1 left/);
    output.length = 0;
    expect(await main(['sync', 'status', '--config', config])).toBe(0);
    expect(output.join('\n')).toMatch(/consecutive failures 1: central office unreachable/);
  });

  it('explains that an embedded central office needs the kiosk running', async () => {
    const config = kioskConfig('embedded');
    expect(await main(['sync', 'now', '--config', config])).toBe(1);
    expect(output.join('\n')).toContain('embedded in the kiosk service and it is not running');
  });

  it('lists the demo residents with their synthetic resident numbers', async () => {
    expect(await main(['central', 'residents', '--json'])).toBe(0);
    const listing = JSON.parse(output.join('\n')) as { residents: { residentNumber: string }[] };
    expect(listing.residents.length).toBeGreaterThanOrEqual(12);
    expect(containsResidentNumber(listing.residents[0]!.residentNumber)).toBe(true);
  });

  it('refuses a central configuration with problems, naming the field', async () => {
    const config = path.join(dir, 'bad.json');
    writeFileSync(config, JSON.stringify({ storage: { kind: 'mysql' }, kiosks: [] }));
    expect(await main(['central', '--config', config])).toBe(2);
    expect(output.join('\n')).toMatch(/storage\.kind|storage:/);
    expect(output.join('\n')).toContain('kiosks');
  });
});
