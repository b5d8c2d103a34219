import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.join(__dirname, '..');
const kiosk = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'cli/main.ts'), ...args], { cwd: root, encoding: 'utf8', timeout: 30_000 });

describe('the kiosk command', () => {
  it('stops start-up on a configuration typo, naming the field, with exit status 78', () => {
    const config = JSON.parse(readFileSync(path.join(root, 'kiosk/config/demo.json'), 'utf8'));
    config.devices.billAcceptor = { driver: 'id03', port: '/dev/serial/by-id/usb-JCM' };
    config.dataDir = mkdtempSync(path.join(tmpdir(), 'cli-'));
    const file = path.join(config.dataDir, 'kiosk.json');
    writeFileSync(file, JSON.stringify(config));
    const run = kiosk('start', '--config', file);
    expect(run.status).toBe(78);
    expect(run.stderr).toContain('devices.billAcceptor.driver: expected one of "id003" | "simulated", found "id03"');
  });

  it('gives a helpful error for an unknown command', () => {
    const run = kiosk('strat');
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/unknown command 'strat'/);
    expect(run.stderr).toMatch(/Did you mean start\?/);
  });

  it('lists its sub-commands', () => {
    const run = kiosk('--help');
    expect(run.status).toBe(0);
    for (const command of ['start', 'central', 'sim', 'diag', 'report', 'pin-hash']) expect(run.stdout).toContain(command);
  });

  it('hashes a technician PIN for the configuration', () => {
    const run = kiosk('pin-hash', '135790');
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toMatch(/^scrypt\$[0-9a-f]{32}\$[0-9a-f]{64}$/);
    expect(kiosk('pin-hash', '12').status).toBe(2);
  });
});
