import { createActor, fromCallback, fromPromise, toPromise, type EventObject } from 'xstate';
import { FakeClock } from '../common/clock';
import type { A4Fault, A4PrinterStatus } from '../devices/a4-printer/status';
import { DEFAULT_RECOVERY_POLICY, printJobMachine, RECHECK_INTERVAL_MS, ruleFor, STALL_LIMIT_MS, type CopyEvent, type PrintJobInput } from './print-job';

/** The machine with scripted printer actors: every path of faults, waits and stops, on a fake clock. */
const idle: A4PrinterStatus = { state: 'idle', faults: [], warnings: [], reasons: ['none'], message: '', queuedJobs: 0 };
const faulty = (...faults: A4Fault[]): A4PrinterStatus => ({ ...idle, state: 'stopped', faults });

/** Like the real copy actor: stopping it before its job ended cancels the job. */
type ScriptedCopy = { copy: number; send: (event: CopyEvent) => void; ended: boolean; cancelled: boolean };

function scripted(input: PrintJobInput, initialStatus: A4PrinterStatus | 'unavailable' = idle) {
  const clock = new FakeClock();
  let status = initialStatus;
  const copies: ScriptedCopy[] = [];
  let checks = 0;
  const machine = printJobMachine.provide({
    actors: {
      checkPrinter: fromPromise<A4PrinterStatus, void>(async () => {
        checks++;
        if (status === 'unavailable') throw new Error('no answer');
        return status;
      }),
      printCopy: fromCallback<EventObject, { copy: number }>(({ input: copyInput, sendBack }) => {
        const copy: ScriptedCopy = {
          copy: copyInput.copy,
          send: (event) => {
            if (event.type !== 'COPY.PROGRESS') copy.ended = true;
            sendBack(event);
          },
          ended: false,
          cancelled: false,
        };
        copies.push(copy);
        return () => {
          if (!copy.ended) copy.cancelled = true;
        };
      }),
    },
  });
  const actor = createActor(machine, { input, clock });
  actor.start();
  return {
    clock,
    actor,
    copies,
    checks: () => checks,
    setStatus: (next: A4PrinterStatus) => (status = next),
    current: () => copies[copies.length - 1],
    state: () => actor.getSnapshot().value,
  };
}

const flush = async (clock: FakeClock) => clock.advance(0);

describe('print job machine', () => {
  it('prints every copy in turn and reports all pages', async () => {
    const run = scripted({ copies: 2, pagesPerCopy: 3 });
    await flush(run.clock);
    expect(run.state()).toEqual({ printing: 'running' });
    run.current()?.send({ type: 'COPY.PROGRESS', pagesPrinted: 2, faults: [] });
    run.current()?.send({ type: 'COPY.COMPLETED', pagesPrinted: 3 });
    await flush(run.clock);
    expect(run.copies).toHaveLength(2);
    expect(run.copies[1]?.copy).toBe(1);
    run.current()?.send({ type: 'COPY.COMPLETED', pagesPrinted: 3 });
    expect(await toPromise(run.actor)).toEqual({
      outcome: 'completed',
      reason: null,
      copiesExpected: 2,
      copiesCompleted: 2,
      pagesExpected: 6,
      pagesPrinted: 6,
    });
    // A copy that completed is not cancelled.
    expect(run.copies.map((copy) => copy.cancelled)).toEqual([false, false]);
  });

  it('waits for a cover shut within the limit, then finishes', async () => {
    const run = scripted({ copies: 1, pagesPerCopy: 3 });
    await flush(run.clock);
    run.current()?.send({ type: 'COPY.PROGRESS', pagesPrinted: 1, faults: ['cover-open'] });
    expect(run.state()).toEqual({ printing: 'waiting' });
    await run.clock.advance(50_000);
    run.current()?.send({ type: 'COPY.PROGRESS', pagesPrinted: 1, faults: [] });
    expect(run.state()).toEqual({ printing: 'running' });
    await run.clock.advance(30_000);
    run.current()?.send({ type: 'COPY.COMPLETED', pagesPrinted: 3 });
    expect(await toPromise(run.actor)).toMatchObject({ outcome: 'completed', pagesPrinted: 3 });
  });

  it('stops when the cover stays open past the limit, with the pages printed, and cancels the job', async () => {
    const run = scripted({ copies: 2, pagesPerCopy: 3 });
    await flush(run.clock);
    run.current()?.send({ type: 'COPY.PROGRESS', pagesPrinted: 2, faults: ['cover-open'] });
    await run.clock.advance(60_000);
    expect(await toPromise(run.actor)).toEqual({
      outcome: 'stopped',
      reason: 'cover-open',
      copiesExpected: 2,
      copiesCompleted: 0,
      pagesExpected: 6,
      pagesPrinted: 2,
    });
    expect(run.current()?.cancelled).toBe(true);
    expect(run.clock.pendingTimers).toBe(0);
  });

  it('stops at once on media-empty in the second copy, counting the first copy and the partial second', async () => {
    const run = scripted({ copies: 2, pagesPerCopy: 3 });
    await flush(run.clock);
    run.current()?.send({ type: 'COPY.COMPLETED', pagesPrinted: 3 });
    await flush(run.clock);
    run.current()?.send({ type: 'COPY.PROGRESS', pagesPrinted: 1, faults: ['media-empty'] });
    expect(await toPromise(run.actor)).toMatchObject({ outcome: 'stopped', reason: 'media-empty', copiesCompleted: 1, pagesPrinted: 4 });
    expect(run.copies[1]?.cancelled).toBe(true);
  });

  it('stops when a stopping fault joins a waiting one', async () => {
    const run = scripted({ copies: 1, pagesPerCopy: 2 });
    await flush(run.clock);
    run.current()?.send({ type: 'COPY.PROGRESS', pagesPrinted: 0, faults: ['cover-open'] });
    await run.clock.advance(1_000);
    run.current()?.send({ type: 'COPY.PROGRESS', pagesPrinted: 0, faults: ['cover-open', 'media-jam'] });
    expect(await toPromise(run.actor)).toMatchObject({ outcome: 'stopped', reason: 'media-jam', pagesPrinted: 0 });
  });

  it('waits before the first copy while the cover is open, asking again, and prints once it is shut', async () => {
    const run = scripted({ copies: 1, pagesPerCopy: 1 }, faulty('cover-open'));
    await flush(run.clock);
    expect(run.state()).toBe('faultBeforeCopy');
    expect(run.copies).toHaveLength(0);
    await run.clock.advance(RECHECK_INTERVAL_MS * 2);
    expect(run.checks()).toBe(3);
    run.setStatus(idle);
    await run.clock.advance(RECHECK_INTERVAL_MS);
    expect(run.state()).toEqual({ printing: 'running' });
    run.current()?.send({ type: 'COPY.COMPLETED', pagesPrinted: 1 });
    expect(await toPromise(run.actor)).toMatchObject({ outcome: 'completed' });
  });

  it('gives up before the first copy when the cover stays open past the limit', async () => {
    const run = scripted({ copies: 1, pagesPerCopy: 1 }, faulty('cover-open'));
    await run.clock.advance(60_000 + RECHECK_INTERVAL_MS);
    expect(await toPromise(run.actor)).toMatchObject({ outcome: 'stopped', reason: 'cover-open', pagesPrinted: 0 });
    expect(run.copies).toHaveLength(0);
  });

  it('does not start without paper', async () => {
    const run = scripted({ copies: 3, pagesPerCopy: 1 }, faulty('media-empty', 'toner-low' as A4Fault));
    expect(await toPromise(run.actor)).toMatchObject({ outcome: 'stopped', reason: 'media-empty', pagesPrinted: 0, copiesCompleted: 0 });
    expect(run.copies).toHaveLength(0);
  });

  it('stops when the job cannot be submitted', async () => {
    const run = scripted({ copies: 1, pagesPerCopy: 1 });
    await flush(run.clock);
    run.current()?.send({ type: 'COPY.FAILED', pagesPrinted: 0, reason: 'submit-failed', detail: 'refused' });
    expect(await toPromise(run.actor)).toMatchObject({ outcome: 'stopped', reason: 'submit-failed', pagesPrinted: 0 });
  });

  it('names the fault when the printer aborts a job it stopped on', async () => {
    const run = scripted({ copies: 1, pagesPerCopy: 3 }, idle);
    await flush(run.clock);
    run.current()?.send({ type: 'COPY.PROGRESS', pagesPrinted: 2, faults: ['offline'] });
    run.current()?.send({ type: 'COPY.FAILED', pagesPrinted: 2, reason: 'aborted', detail: '' });
    expect(await toPromise(run.actor)).toMatchObject({ outcome: 'stopped', reason: 'offline', pagesPrinted: 2 });
  });

  it('stops when the printer status cannot be read at all', async () => {
    const run = scripted({ copies: 1, pagesPerCopy: 1 }, 'unavailable');
    expect(await toPromise(run.actor)).toMatchObject({ outcome: 'stopped', reason: 'status-unavailable' });
  });

  it('applies a custom policy', async () => {
    const policy = { ...DEFAULT_RECOVERY_POLICY, 'media-empty': { waitMs: 5_000 } };
    const run = scripted({ copies: 1, pagesPerCopy: 2, policy });
    await flush(run.clock);
    run.current()?.send({ type: 'COPY.PROGRESS', pagesPrinted: 1, faults: ['media-empty'] });
    await run.clock.advance(4_000);
    run.current()?.send({ type: 'COPY.PROGRESS', pagesPrinted: 1, faults: [] });
    run.current()?.send({ type: 'COPY.COMPLETED', pagesPrinted: 2 });
    expect(await toPromise(run.actor)).toMatchObject({ outcome: 'completed', pagesPrinted: 2 });
  });

  it('stops a copy that makes no progress and shows no fault, and keeps waiting while pages come', async () => {
    const run = scripted({ copies: 1, pagesPerCopy: 3 });
    await flush(run.clock);
    await run.clock.advance(STALL_LIMIT_MS - 1_000);
    run.current()?.send({ type: 'COPY.PROGRESS', pagesPrinted: 1, faults: [] });
    await run.clock.advance(STALL_LIMIT_MS - 1_000);
    expect(run.state()).toEqual({ printing: 'running' });
    await run.clock.advance(1_000);
    expect(await toPromise(run.actor)).toMatchObject({ outcome: 'stopped', reason: 'stalled', pagesPrinted: 1 });
    expect(run.current()?.cancelled).toBe(true);
  });

  it('decides the rule for a set of faults', () => {
    expect(ruleFor(['cover-open', 'offline'], DEFAULT_RECOVERY_POLICY)).toEqual({ waitMs: 60_000 });
    expect(ruleFor(['offline', 'media-jam'], DEFAULT_RECOVERY_POLICY)).toBe('stop');
  });

  it('refuses nonsense input', () => {
    const actor = createActor(printJobMachine, { input: { copies: 0, pagesPerCopy: 1 } });
    let failure: unknown;
    actor.subscribe({ error: (error) => (failure = error) });
    actor.start();
    expect(actor.getSnapshot().status).toBe('error');
    expect(String(failure)).toContain('copies must be ≥ 1');
  });
});
