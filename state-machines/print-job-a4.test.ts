import { createActor, toPromise } from 'xstate';
import { FakeClock } from '../common/clock';
import { silentLogger } from '../common/log';
import { IppA4Printer, JOB_POLL_INTERVAL_MS } from '../devices/a4-printer/driver';
import { A4PrinterSimulator } from '../devices/a4-printer/simulator';
import { renderCertificate } from '../printer-templates/certificate/render';
import { FIXTURE_META, fixtureResponse } from '../printer-templates/fixtures/records';
import { printJobMachineFor } from './print-job-a4';

/** The machine driving the real IPP driver on the simulated printer, on one fake clock. */
const MS_PER_PAGE = 1_000;
let pdf: Uint8Array;

beforeAll(async () => {
  const rendered = await renderCertificate({
    response: fixtureResponse('resident-copy', 'long-household'),
    documentCode: 'resident-copy',
    options: { includePastAddresses: true },
    meta: FIXTURE_META,
  });
  if (!rendered.ok || rendered.value.pages !== 3) throw new Error('expected three pages');
  pdf = rendered.value.pdf;
});

function rig(copies: number) {
  const clock = new FakeClock();
  const simulator = new A4PrinterSimulator({ clock, msPerPage: MS_PER_PAGE });
  const printer = new IppA4Printer(simulator.transport(), simulator.uri, { clock, log: silentLogger() });
  const machine = printJobMachineFor(printer, { pdf, pages: 3, jobName: 'GJ01-20261125-00001' });
  const actor = createActor(machine, { input: { copies, pagesPerCopy: 3 }, clock });
  actor.start();
  return { clock, simulator, printer, actor };
}

describe('print job on the simulated A4 printer', () => {
  it('prints two copies as two jobs and counts six sheets', async () => {
    const { clock, simulator, printer, actor } = rig(2);
    await clock.advance(2 * (3 * MS_PER_PAGE + 2 * JOB_POLL_INTERVAL_MS));
    expect(await toPromise(actor)).toMatchObject({ outcome: 'completed', copiesCompleted: 2, pagesPrinted: 6 });
    expect(simulator.received.map((job) => [job.jobName, job.state])).toEqual([
      ['GJ01-20261125-00001-1', 9],
      ['GJ01-20261125-00001-2', 9],
    ]);
    expect(printer.paper.count.used).toBe(6);
  });

  it('stops on paper running out in the second copy, cancels that job and reports four pages', async () => {
    const { clock, simulator, printer, actor } = rig(2);
    simulator.mediaEmptyAfter(4);
    await clock.advance(2 * (3 * MS_PER_PAGE + 2 * JOB_POLL_INTERVAL_MS));
    expect(await toPromise(actor)).toMatchObject({ outcome: 'stopped', reason: 'media-empty', copiesCompleted: 1, pagesPrinted: 4, pagesExpected: 6 });
    await clock.advance(0);
    // The stopped job was canceled: paper loaded later does not print it for the next citizen.
    expect(simulator.received[1]?.state).toBe(7);
    simulator.refill();
    await clock.advance(10 * MS_PER_PAGE);
    expect(simulator.received[1]).toMatchObject({ state: 7, impressionsCompleted: 1 });
    expect(printer.paper.count.used).toBe(4);
  });

  it('waits while the cover is open and finishes once it is shut', async () => {
    const { clock, simulator, actor } = rig(1);
    await clock.advance(MS_PER_PAGE + 10);
    simulator.openCover();
    await clock.advance(10 * JOB_POLL_INTERVAL_MS);
    expect(actor.getSnapshot().value).toEqual({ printing: 'waiting' });
    simulator.closeCover();
    await clock.advance(3 * MS_PER_PAGE + 2 * JOB_POLL_INTERVAL_MS);
    expect(await toPromise(actor)).toMatchObject({ outcome: 'completed', pagesPrinted: 3 });
  });
});
