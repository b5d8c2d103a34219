import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Starts the real kiosk service (`kiosk start`) as a child process with a copy of the demo configuration: its own
 * data folder, a free port. Used by end-to-end tests and crash tests (which kill it with SIGKILL).
 */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type KioskProcess = {
  readonly url: string;
  readonly dataDir: string;
  readonly configFile: string;
  readonly child: ChildProcess;
  readonly output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
};

export type KioskProcessOptions = {
  /** Changes applied to the demo configuration before start. */
  readonly configure?: (config: Record<string, unknown>) => void;
  /** Reuse a data folder (restart after a crash). */
  readonly dataDir?: string;
  readonly env?: Record<string, string>;
  /** A bundle of test/support/kiosk-entry.ts (test/support/kiosk-bundle.ts) instead of tsx on cli/main.ts. */
  readonly entry?: string;
  /** Also append everything the process writes (its JSON log lines) to this file. */
  readonly logFile?: string;
  /** Start it as the README does: `scripts/demo.sh` (set-up, then `kiosk start`) with this configuration. */
  readonly viaDemoScript?: boolean;
};

export async function startKioskProcess(options: KioskProcessOptions = {}): Promise<KioskProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'kiosk-data-'));
  const config = JSON.parse(readFileSync(path.join(REPO_ROOT, 'kiosk/config/demo.json'), 'utf8')) as Record<string, unknown>;
  config.dataDir = dataDir;
  config.api = { host: '127.0.0.1', port: 0 };
  options.configure?.(config);
  const configFile = path.join(dataDir, 'kiosk.config.json');
  writeFileSync(configFile, JSON.stringify(config, null, 2));

  const program = options.entry ? [options.entry] : ['--import', 'tsx', path.join(REPO_ROOT, 'cli/main.ts')];
  const env = { ...process.env, KIOSK_LOG_LEVEL: 'info', ...options.env };
  const child = options.viaDemoScript
    ? spawn(path.join(REPO_ROOT, 'scripts/demo.sh'), [], { cwd: REPO_ROOT, env: { ...env, KIOSK_CONFIG: configFile }, stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(process.execPath, [...program, 'start', '--config', configFile], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (options.logFile) appendFileSync(options.logFile, chunk);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  const url = await new Promise<string>((resolve, reject) => {
    const limitMs = options.viaDemoScript ? 120_000 : 30_000;
    const timer = setTimeout(() => reject(new Error(`the kiosk did not start within ${limitMs / 1000} s:\n${output}`)), limitMs);
    const check = () => {
      const match = /is running: (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stderr?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the kiosk exited with ${code} before it started:\n${output}`));
    });
  });

  return {
    url,
    dataDir,
    configFile,
    child,
    output: () => output,
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill(signal);
      }),
  };
}
