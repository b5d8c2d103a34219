import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXIT_CONFIG } from '../../kiosk/main';

/**
 * The systemd units and udev rules in deploy/: the units pass `systemd-analyze verify` (Debian's systemd, with the
 * install path pointed at this checkout) without a single warning, restart the kiosk after a crash but not on a
 * configuration error (the exit status the kiosk really uses); every udev rule line is well formed.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SYSTEMD = path.join(ROOT, 'deploy/systemd');
const UDEV = path.join(ROOT, 'deploy/udev');

function unitKeys(text: string): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const match = /^([A-Za-z]+)=(.*)$/.exec(line.trim());
    if (match) keys.set(match[1] as string, [...(keys.get(match[1] as string) ?? []), match[2] as string]);
  }
  return keys;
}

describe('systemd units', () => {
  it('pass systemd-analyze verify with no warning', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'units-'));
    try {
      const names = ['kiosk.service', 'kiosk-close-day.service', 'kiosk-close-day.timer'];
      for (const name of names) {
        const text = readFileSync(path.join(SYSTEMD, name), 'utf8')
          .replaceAll('/opt/kiosk', ROOT)
          // The kiosk user and the PIN file exist only on a kiosk.
          .replace(/^User=kiosk$/m, 'User=root')
          .replace(/^Group=kiosk$/m, 'Group=root')
          .replace('EnvironmentFile=/etc/kiosk/', 'EnvironmentFile=-/etc/kiosk/');
        writeFileSync(path.join(dir, name), text);
      }
      const run = spawnSync('systemd-analyze', ['verify', ...names.map((name) => path.join(dir, name))], { encoding: 'utf8', cwd: dir });
      if (run.error) throw new Error(`systemd-analyze is needed (Debian package systemd): ${run.error.message}`);
      expect(run.stderr.trim()).toBe('');
      expect(run.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('restarts the kiosk after any crash, for ever, but not on a configuration error', () => {
    const keys = unitKeys(readFileSync(path.join(SYSTEMD, 'kiosk.service'), 'utf8'));
    expect(keys.get('Restart')).toEqual(['always']);
    expect(keys.get('StartLimitIntervalSec')).toEqual(['0']);
    expect(keys.get('RestartPreventExitStatus')).toEqual([String(EXIT_CONFIG)]);
    expect(keys.get('KillMode')).toEqual(['mixed']);
    expect(keys.get('ReadWritePaths')).toEqual(['/var/lib/kiosk']);
  });

  it('the browser unit waits for the kiosk and restarts with it', () => {
    const keys = unitKeys(readFileSync(path.join(SYSTEMD, 'kiosk-browser.service'), 'utf8'));
    expect(keys.get('ExecStart')?.[0]).toMatch(/^\/usr\/bin\/chromium --kiosk --app=http:\/\/127\.0\.0\.1:8080 /);
    expect(keys.get('ExecStartPre')?.[0]).toContain('/api/health');
    expect(keys.get('Restart')).toEqual(['always']);
  });
});

describe('udev rules', () => {
  const ASSIGN = /^(?:[A-Z_]+(?:\{[A-Za-z_]+\})?)(==|!=|\+=|:=|=)"[^"]*"$/;
  const MATCH_KEYS = new Set(['SUBSYSTEM', 'KERNEL', 'ATTRS', 'ENV']);
  const ASSIGN_KEYS = new Set(['MODE', 'GROUP', 'OWNER', 'SYMLINK', 'ENV']);

  it.each(readdirSync(UDEV).filter((name) => name.endsWith('.rules')))('%s: every rule is well formed and assigns something', (name) => {
    const lines = readFileSync(path.join(UDEV, name), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      const parts = line.split(/,\s*/);
      for (const part of parts) expect(part, `${name}: ${line}`).toMatch(ASSIGN);
      const keys = parts.map((part) => /^([A-Z_]+)/.exec(part)?.[1] ?? '');
      const operators = parts.map((part) => ASSIGN.exec(part)?.[1]);
      expect(parts.some((part, i) => operators[i] === '==' && MATCH_KEYS.has(keys[i] ?? '') && part), `${name}: ${line} matches nothing`).toBeTruthy();
      expect(parts.some((_, i) => operators[i] !== '==' && operators[i] !== '!=' && ASSIGN_KEYS.has(keys[i] ?? '')), `${name}: ${line} assigns nothing`).toBe(true);
    }
  });

  it('keeps ModemManager away from every serial adapter the kiosk uses', () => {
    const text = readdirSync(UDEV)
      .filter((name) => name.endsWith('.rules'))
      .map((name) => readFileSync(path.join(UDEV, name), 'utf8'))
      .join('\n');
    const ttyRules = text.split('\n').filter((line) => line.startsWith('SUBSYSTEM=="tty"'));
    expect(ttyRules.length).toBeGreaterThan(3);
    for (const rule of ttyRules) expect(rule).toContain('ENV{ID_MM_DEVICE_IGNORE}="1"');
  });
});
