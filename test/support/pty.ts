import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A real pseudo-terminal pair made by socat (reference/protocols.md §6): a driver opens one end with serialport
 * exactly as it would a USB-serial adapter, a simulator the other. Parity and DTR are not real on a pty.
 */
export type PtyPair = { readonly hostPath: string; readonly devicePath: string; close(): Promise<void> };

export async function openPtyPair(name = 'dev'): Promise<PtyPair> {
  const dir = mkdtempSync(path.join(tmpdir(), `pty-${name}-`));
  const hostPath = path.join(dir, 'host');
  const devicePath = path.join(dir, 'device');
  let socat: ChildProcess;
  try {
    socat = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${hostPath}`, `pty,raw,echo=0,link=${devicePath}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  } catch (error) {
    throw new Error(`socat is needed for serial tests (Debian package socat; run ./scripts/setup.sh test): ${String(error)}`);
  }
  let stderr = '';
  socat.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const failed = new Promise<never>((_, reject) => {
    socat.once('error', (error) =>
      reject(new Error(`socat could not start (Debian package socat; run ./scripts/setup.sh test): ${error.message}`)),
    );
    socat.once('exit', (code) => reject(new Error(`socat exited with ${code}: ${stderr}`)));
  });
  const ready = (async () => {
    for (let i = 0; i < 200; i++) {
      if (existsSync(hostPath) && existsSync(devicePath) && /starting data transfer loop/.test(stderr)) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`socat did not create the pty pair in time: ${stderr}`);
  })();
  await Promise.race([ready, failed]);
  failed.catch(() => undefined);
  return {
    hostPath,
    devicePath,
    close: () =>
      new Promise<void>((resolve) => {
        if (socat.exitCode !== null) return resolve();
        socat.once('exit', () => resolve());
        socat.kill('SIGTERM');
      }),
  };
}
