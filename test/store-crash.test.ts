import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../kiosk/store';

/**
 * The database survives `kill -9` of the kiosk during writes: after every kill it opens with a clean integrity
 * check, keeps every step that was reported committed, and never holds a journal step without its outbox event
 * (or the reverse), because both are written in one transaction.
 */
const writer = path.join(__dirname, 'support/store-writer.ts');

function runAndKill(file: string, afterCommits: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let lastReported = 0;
    let started: number | null = null;
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      const matches = [...chunk.toString().matchAll(/committed (\d+)/g)];
      const last = matches.at(-1);
      if (last?.[1]) lastReported = Number(last[1]);
      started ??= lastReported;
      if (lastReported - started >= afterCommits && child.exitCode === null && !child.killed) child.kill('SIGKILL');
    });
    child.once('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`the writer ended by itself (${code}): ${stderr}`));
      else resolve(lastReported);
    });
  });
}

describe('the kiosk database under kill -9', () => {
  it('keeps every committed step and its event, and passes the integrity check, after five kills', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'crash-')), 'kiosk.sqlite');
    for (const commits of [40, 120, 7, 300, 55]) {
      const reported = await runAndKill(file, commits);
      const opened = openDatabase(file);
      if (!opened.ok) throw new Error(`after kill: ${opened.error.kind} ${opened.error.detail}`);
      const db = opened.value;
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const journalRows = db.prepare('SELECT count(*) FROM journal').pluck().get() as number;
      const outboxRows = db.prepare('SELECT count(*) FROM outbox').pluck().get() as number;
      const pending = db.prepare("SELECT count(*) FROM journal WHERE status = 'pending'").pluck().get() as number;
      expect(journalRows).toBeGreaterThanOrEqual(reported);
      expect(outboxRows).toBe(journalRows);
      // At most the one step that was between its begin and its confirmation when the process died.
      expect(pending).toBeLessThanOrEqual(1);
      db.prepare("UPDATE journal SET status = 'settled' WHERE status = 'pending'").run();
      db.close();
    }
  }, 120_000);
});
