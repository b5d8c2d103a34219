import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A real, independent IPP printer for tests: CUPS's `ippeveprinter` (Debian cups-ipp-utils), started on a free
 * port with a print command that "prints" a page at a time and can be told to run out of paper or jam mid-job
 * (reference/protocols.md §4). Each test file starts its own printer and stops it.
 *
 * The print command reports progress the way ippeveprinter reads it from a command's standard error:
 * `ATTR: job-impressions-completed=N` after each page, `STATE: +media-empty` / `+media-jam` when told to fail,
 * `STATE: -…` when told to recover; exiting non-zero aborts the job.
 */
export type IppEvePrinter = {
  readonly uri: string;
  readonly port: number;
  readonly spoolDir: string;
  /** The next job stops with this condition when it reaches `page` (1-based), until `recover()` or `abort()`. */
  failAtPage(condition: 'media-empty' | 'media-jam', page: number): void;
  /** The condition is cleared (paper loaded, jam removed): the stopped job goes on. */
  recover(): void;
  /** The stopped job gives up: the command exits 1 and the printer aborts the job. */
  abort(): void;
  /** What ippeveprinter wrote on standard error, for a failing test's message. */
  log(): string;
  stop(): Promise<void>;
};

const START_TIMEOUT_MS = 15_000;
/** How long the print command waits for recover/abort before giving up on its own (keeps a broken test bounded). */
const COMMAND_WAIT_LIMIT_S = 60;

function tool(name: string, debianPackage: string): string {
  for (const dir of ['/usr/sbin', '/usr/bin', '/sbin', '/bin']) {
    const candidate = path.join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`${name} is not installed (Debian package ${debianPackage}; run ./scripts/setup.sh test)`);
}

/** ippeveprinter needs a system D-Bus even with DNS-SD off; start one if none answers. */
export function ensureSystemDbus(): void {
  const dbusSend = tool('dbus-send', 'dbus');
  const answers = () =>
    spawnSync(dbusSend, ['--system', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.GetId'], {
      stdio: 'ignore',
      timeout: 5_000,
    }).status === 0;
  if (answers()) return;
  mkdirSync('/run/dbus', { recursive: true });
  // A daemon that died leaves its pid file and socket behind, and a new one refuses to start over them.
  for (const stale of ['/run/dbus/pid', '/run/dbus/system_bus_socket']) if (existsSync(stale)) unlinkSync(stale);
  try {
    execFileSync(tool('dbus-daemon', 'dbus'), ['--system', '--fork'], { stdio: 'pipe', timeout: 10_000 });
  } catch (error) {
    if (!answers()) throw new Error(`could not start the system D-Bus (needed by ippeveprinter): ${(error as Error).message}`);
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function printCommand(controlDir: string, pageSeconds: number): string {
  return `#!/bin/sh
# Test print command for ippeveprinter: $1 is the spooled PDF.
CONTROL='${controlDir}'
pages=$(grep -a -o -E '/Type */Page([^s]|$)' "$1" | wc -l)
copies=\${IPP_COPIES:-1}
total=$((pages * copies))
[ "$total" -gt 0 ] || total=1
echo "ATTR: job-impressions=$total" >&2
i=1
while [ "$i" -le "$total" ]; do
  if [ -f "$CONTROL/fail" ] && [ "$(cut -d' ' -f2 "$CONTROL/fail")" = "$i" ]; then
    condition=$(cut -d' ' -f1 "$CONTROL/fail")
    rm -f "$CONTROL/fail"
    echo "STATE: +$condition" >&2
    waited=0
    while [ ! -f "$CONTROL/recover" ] && [ ! -f "$CONTROL/abort" ] && [ "$waited" -lt ${COMMAND_WAIT_LIMIT_S * 10} ]; do
      sleep 0.1
      waited=$((waited + 1))
    done
    if [ -f "$CONTROL/recover" ]; then
      rm -f "$CONTROL/recover"
      echo "STATE: -$condition" >&2
    else
      rm -f "$CONTROL/abort"
      echo "STATE: -$condition" >&2
      echo "ERROR: stopped by $condition after $((i - 1)) pages" >&2
      exit 1
    fi
  fi
  sleep ${pageSeconds}
  echo "ATTR: job-impressions-completed=$i" >&2
  i=$((i + 1))
done
exit 0
`;
}

export async function startIppEvePrinter(options: { name?: string; pageSeconds?: number } = {}): Promise<IppEvePrinter> {
  const binary = tool('ippeveprinter', 'cups-ipp-utils');
  ensureSystemDbus();
  const root = mkdtempSync(path.join(tmpdir(), 'ippeve-'));
  const spoolDir = path.join(root, 'spool');
  const controlDir = path.join(root, 'control');
  mkdirSync(spoolDir);
  mkdirSync(controlDir);
  const script = path.join(root, 'print-command.sh');
  writeFileSync(script, printCommand(controlDir, options.pageSeconds ?? 0.2));
  chmodSync(script, 0o755);

  const port = await freePort();
  const name = options.name ?? `kiosk-test-${port}`;
  // No `-n 127.0.0.1`: with it ippeveprinter fails to create its IPv6 listener; it listens on all addresses.
  const child: ChildProcess = spawn(binary, ['-p', String(port), '-r', 'off', '-f', 'application/pdf', '-c', script, '-d', spoolDir, '-k', name], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-20_000);
  });
  const exited = new Promise<never>((_, reject) => {
    child.once('error', (error) => reject(new Error(`ippeveprinter could not start: ${error.message}`)));
    child.once('exit', (code) => reject(new Error(`ippeveprinter exited with ${code}: ${stderr}`)));
  });
  exited.catch(() => undefined);

  const ready = (async () => {
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const connected = await new Promise<boolean>((resolve) => {
        const socket = net.connect(port, '127.0.0.1', () => {
          socket.end();
          resolve(true);
        });
        socket.once('error', () => resolve(false));
      });
      if (connected) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`ippeveprinter did not listen on ${port} within ${START_TIMEOUT_MS} ms: ${stderr}`);
  })();
  try {
    await Promise.race([ready, exited]);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
    throw error;
  }

  const control = (file: string, content = '') => writeFileSync(path.join(controlDir, file), content);
  return {
    uri: `ipp://127.0.0.1:${port}/ipp/print`,
    port,
    spoolDir,
    failAtPage: (condition, page) => control('fail', `${condition} ${page}`),
    recover: () => control('recover'),
    abort: () => control('abort'),
    log: () => stderr,
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          rmSync(root, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null || child.signalCode !== null) return done();
        const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
        child.once('exit', () => {
          clearTimeout(timer);
          done();
        });
        child.kill('SIGTERM');
      }),
  };
}
