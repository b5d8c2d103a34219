import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_KIOSKS } from '../../central-office/demo';
import { SeededRandom } from '../../central-office/population/random';
import { startCentralOffice, type RunningCentralOffice } from '../../central-office/start';
import { openDatabase } from '../../kiosk/store';
import { startFaultyLink, type FaultyLink } from './support/faulty-link';
import { STORAGE_KINDS, useStorage } from './support/storages';

/**
 * Exactly once: 1,000 events from a kiosk process that is killed with SIGKILL at random points and restarted,
 * through a link that drops requests, drops answers after the office applied them, duplicates and reorders — the
 * office ends with exactly 1,000 events, seqs 1…1,000 each once, and the kiosk with all 1,000 acknowledged.
 */
const TOTAL = 1000;
const KILLS = 6;
const CHILD = path.join(path.dirname(new URL(import.meta.url).pathname), 'support', 'kiosk-process.ts');
const RUN_LIMIT_MS = 120_000;

describe.each(STORAGE_KINDS)('exactly-once delivery over %s', (kind) => {
  const storage = useStorage(kind);
  let office: RunningCentralOffice;
  let link: FaultyLink;
  let dir: string;
  let child: ChildProcess | null = null;

  beforeEach(async () => {
    office = await startCentralOffice({ storage: await storage.fresh(), kiosks: DEMO_KIOSKS });
    link = await startFaultyLink(office.url, { dropRequest: 0.1, dropResponse: 0.15, duplicate: 0.15, delay: 0.2, maxDelayMs: 600 }, `link-${kind}`);
    dir = mkdtempSync(path.join(tmpdir(), 'exactly-once-'));
  });
  afterEach(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await link.close();
    await office.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'delivers 1,000 events exactly once through kill -9 and a faulty link',
    async () => {
      const kiosk = DEMO_KIOSKS[0]!;
      const dbFile = path.join(dir, 'kiosk.sqlite');
      const rng = new SeededRandom(`kill-9-${kind}`);
      const started = Date.now();
      let kills = 0;
      let finished = false;
      let output = '';
      while (!finished) {
        if (Date.now() - started > RUN_LIMIT_MS) throw new Error(`the kiosk did not finish in time; last output: ${output.slice(-500)}`);
        const proc = spawn(process.execPath, ['--import', 'tsx', CHILD, dbFile, link.url, kiosk.keyId, kiosk.secret, kiosk.kioskId, String(TOTAL), `run-${kills}`], {
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        child = proc;
        const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
        const ready = new Promise<void>((resolve) => {
          proc.stdout?.on('data', (chunk: Buffer) => {
            output += chunk.toString();
            if (output.includes('"ready"')) resolve();
          });
        });
        proc.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
        if (kills < KILLS) {
          await Promise.race([ready, exited]);
          const killAfter = rng.int(50, 700);
          const outcome = await Promise.race([exited.then(() => 'exited' as const), new Promise<'kill'>((resolve) => setTimeout(() => resolve('kill'), killAfter))]);
          if (outcome === 'kill') {
            proc.kill('SIGKILL');
            await exited;
            kills++;
            output = '';
            continue;
          }
        }
        const code = await Promise.race([exited, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), RUN_LIMIT_MS))]);
        if (code !== 0) throw new Error(`the kiosk process ended with ${code}: ${output.slice(-800)}`);
        finished = true;
      }

      expect(kills).toBe(KILLS);
      expect(await office.office.eventCount(kiosk.kioskId)).toBe(TOTAL);
      const seqs = await office.office.seqsInArrivalOrder(kiosk.kioskId);
      expect(new Set(seqs).size).toBe(TOTAL);
      expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: TOTAL }, (_, index) => index + 1));
      expect(await office.office.gaps(kiosk.kioskId)).toEqual([]);

      const opened = openDatabase(dbFile);
      if (!opened.ok) throw new Error(opened.error.detail);
      const rows = opened.value.prepare('SELECT count(*) AS total, count(acked_at) AS acked FROM outbox').get() as { total: number; acked: number };
      opened.value.close();
      expect(rows).toEqual({ total: TOTAL, acked: TOTAL });

      // The link really was faulty.
      expect(link.stats.droppedRequests).toBeGreaterThan(0);
      expect(link.stats.droppedResponses).toBeGreaterThan(0);
      expect(link.stats.duplicated).toBeGreaterThan(0);
      expect(link.stats.delayed).toBeGreaterThan(0);
    },
    RUN_LIMIT_MS + 30_000,
  );
});
