import { execFile, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * A private PostgreSQL 15 cluster for tests: initdb into a mkdtemp directory, a random free port on loopback,
 * `pg_ctl start`, and stopped (and deleted) after the tests. PostgreSQL refuses to run as root, so when the tests
 * run as root the cluster belongs to the `postgres` OS user and its commands run through `runuser`.
 *
 * Tests must not skip when PostgreSQL is missing: a missing binary is an error naming the Debian package.
 */
export type PostgresCluster = {
  readonly port: number;
  /** A fresh, empty database on the cluster; returns its connection URL. */
  createDatabase(name?: string): Promise<string>;
  stop(): Promise<void>;
};

export type PostgresOptions = {
  /** Keep fsync and synchronous commit on (benchmarks); tests turn them off for speed. */
  readonly durable?: boolean;
  /** Where initdb, pg_ctl and postgres live (default: $KIOSK_PG_BIN or Debian's PostgreSQL 15). */
  readonly binDir?: string;
};

const DEFAULT_BIN_DIR = '/usr/lib/postgresql/15/bin';
const OS_USER = 'postgres';
const START_TIMEOUT_S = 30;

export async function startPostgres(options: PostgresOptions = {}): Promise<PostgresCluster> {
  const BIN_DIR = options.binDir ?? process.env.KIOSK_PG_BIN ?? DEFAULT_BIN_DIR;
  for (const tool of ['initdb', 'pg_ctl', 'postgres']) {
    if (!existsSync(path.join(BIN_DIR, tool))) {
      throw new Error(
        `PostgreSQL 15 server binary ${path.join(BIN_DIR, tool)} is missing: install the Debian package "postgresql" ` +
          `(listed in scripts/apt-test.txt; run ./scripts/setup.sh test), or set KIOSK_PG_BIN to its bin directory.`,
      );
    }
  }
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(tmpdir(), 'central-pg-'));
  if (asRoot) {
    const id = spawnSync('id', ['-u', OS_USER], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', OS_USER], { encoding: 'utf8' });
    if (id.status !== 0) throw new Error(`running as root, but there is no "${OS_USER}" OS user to own the test cluster`);
    chownSync(dir, Number(id.stdout.trim()), Number(gid.stdout.trim()));
  }
  const dataDir = path.join(dir, 'data');
  const logFile = path.join(dir, 'server.log');
  const run = (tool: string, args: string[]) => runTool(asRoot, path.join(BIN_DIR, tool), args);

  await run('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const settings = [
    `-c listen_addresses=127.0.0.1`,
    `-c unix_socket_directories=${dir}`,
    `-c max_connections=60`,
    ...(options.durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
  ];
  let port = 0;
  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    try {
      await run('pg_ctl', ['start', '-D', dataDir, '-l', logFile, '-w', '-t', String(START_TIMEOUT_S), '-o', `-p ${port} ${settings.join(' ')}`]);
      break;
    } catch (error) {
      // Another process may have taken the port between our probe and the server's bind: try another.
      if (attempt >= 2) {
        const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-2000) : '';
        throw new Error(`PostgreSQL test cluster did not start: ${(error as Error).message}\n${log}`);
      }
    }
  }

  let stopped = false;
  const stopNow = () => {
    if (stopped) return;
    stopped = true;
    const args = ['stop', '-D', dataDir, '-m', 'immediate', '-w'];
    if (asRoot) spawnSync('runuser', ['-u', OS_USER, '--', path.join(BIN_DIR, 'pg_ctl'), ...args], { stdio: 'ignore' });
    else spawnSync(path.join(BIN_DIR, 'pg_ctl'), args, { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  };
  // A test process that dies must not leave a server behind.
  process.once('exit', stopNow);

  let counter = 0;
  const admin = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    port,
    async createDatabase(name?: string) {
      const database = name ?? `t_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
      if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`not a plain database name: ${database}`);
      const client = new pg.Client({ connectionString: admin });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${database}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${database}`;
    },
    async stop() {
      process.removeListener('exit', stopNow);
      stopNow();
    },
  };
}

function runTool(asRoot: boolean, file: string, args: string[]): Promise<void> {
  const [command, argv] = asRoot ? ['runuser', ['-u', OS_USER, '--', file, ...args]] : [file, args];
  return new Promise((resolve, reject) => {
    execFile(command as string, argv as string[], { encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${path.basename(file)} failed (${userInfo().username}): ${stderr || stdout || error.message}`));
      else resolve();
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
