import { FakeClock } from '../../common/clock';
import { silentLogger } from '../../common/log';
import { renderCertificate } from '../../printer-templates/certificate/render';
import { FIXTURE_META, fixtureOptions, fixtureResponse } from '../../printer-templates/fixtures/records';
import { IppA4Printer, JOB_POLL_INTERVAL_MS, type A4JobSnapshot } from './driver';
import { A4PrinterSimulator, countPdfPages } from './simulator';

const MS_PER_PAGE = 1_000;

async function threePagePdf(): Promise<Uint8Array> {
  const rendered = await renderCertificate({
    response: fixtureResponse('resident-copy', 'long-household'),
    documentCode: 'resident-copy',
    options: { includePastAddresses: true },
    meta: FIXTURE_META,
  });
  if (!rendered.ok || rendered.value.pages !== 3) throw new Error('expected a three-page certificate');
  return rendered.value.pdf;
}

async function onePagePdf(): Promise<Uint8Array> {
  const rendered = await renderCertificate({ response: fixtureResponse('basic'), documentCode: 'basic', options: fixtureOptions('basic'), meta: FIXTURE_META });
  if (!rendered.ok) throw new Error('render failed');
  return rendered.value.pdf;
}

function rig() {
  const clock = new FakeClock();
  const simulator = new A4PrinterSimulator({ clock, msPerPage: MS_PER_PAGE });
  const printer = new IppA4Printer(simulator.transport(), simulator.uri, { clock, log: silentLogger() });
  return { clock, simulator, printer };
}

let pdf3: Uint8Array;
let pdf1: Uint8Array;
beforeAll(async () => {
  pdf3 = await threePagePdf();
  pdf1 = await onePagePdf();
});

describe('A4 printer over IPP (simulated printer, fake clock)', () => {
  it('counts the pages of a certificate PDF', () => {
    expect(countPdfPages(pdf3)).toBe(3);
    expect(countPdfPages(pdf1)).toBe(1);
  });

  it('reads an idle printer', async () => {
    const { printer } = rig();
    expect(await printer.status()).toEqual({ ok: true, value: { state: 'idle', faults: [], warnings: [], reasons: ['none'], message: 'Ready', queuedJobs: 0 } });
  });

  it('follows a job to completion, page by page, and counts the sheets', async () => {
    const { clock, simulator, printer } = rig();
    const submitted = await printer.submit(pdf3, { copies: 2, pages: 3, jobName: 'GJ01-20261125-00001' });
    if (!submitted.ok) throw new Error(submitted.error.detail);
    const job = submitted.value;
    const seen: A4JobSnapshot[] = [];
    job.subscribe((snapshot) => seen.push(snapshot));
    await clock.advance(6 * MS_PER_PAGE + 2 * JOB_POLL_INTERVAL_MS);
    const done = await job.done();
    expect(done).toMatchObject({ state: 'completed', terminal: true, pagesExpected: 6, pagesPrinted: 6, pagesConfirmed: true });
    expect(seen.map((snapshot) => snapshot.pagesPrinted)).toEqual([...seen.map((snapshot) => snapshot.pagesPrinted)].sort((a, b) => a - b));
    expect(seen.some((snapshot) => snapshot.state === 'processing' && snapshot.pagesPrinted > 0 && snapshot.pagesPrinted < 6)).toBe(true);
    expect(printer.paper.count.used).toBe(6);
    expect(simulator.received).toHaveLength(1);
    expect(simulator.received[0]).toMatchObject({ jobName: 'GJ01-20261125-00001', pagesPerCopy: 3, copies: 2, state: 9 });
    expect(Buffer.from(simulator.received[0]?.pdf ?? []).equals(Buffer.from(pdf3))).toBe(true);
    expect(clock.pendingTimers).toBe(0);
  });

  it('shows media-empty mid-job as a printer fault with the job stopped and the pages printed so far', async () => {
    const { clock, simulator, printer } = rig();
    simulator.mediaEmptyAfter(1);
    const submitted = await printer.submit(pdf3, { copies: 1, pages: 3, jobName: 'GJ01-1' });
    if (!submitted.ok) throw new Error(submitted.error.detail);
    const job = submitted.value;
    await clock.advance(3 * MS_PER_PAGE + JOB_POLL_INTERVAL_MS);
    expect(job.snapshot()).toMatchObject({ state: 'stopped', terminal: false, pagesPrinted: 1, pagesExpected: 3, printer: { state: 'stopped', faults: ['media-empty'] } });
    expect(await printer.status()).toMatchObject({ ok: true, value: { faults: ['media-empty'] } });
    // A technician loads paper: the job goes on and completes.
    simulator.refill(100);
    await clock.advance(2 * MS_PER_PAGE + JOB_POLL_INTERVAL_MS);
    expect(await job.done()).toMatchObject({ state: 'completed', pagesPrinted: 3, printer: { faults: [] } });
    expect(printer.paper.count.used).toBe(3);
  });

  it('cancels a stopped job so that it cannot print later, keeping the count of what came out', async () => {
    const { clock, simulator, printer } = rig();
    const submitted = await printer.submit(pdf3, { copies: 1, pages: 3, jobName: 'GJ01-2' });
    if (!submitted.ok) throw new Error(submitted.error.detail);
    await clock.advance(MS_PER_PAGE + 10);
    simulator.jam();
    await clock.advance(JOB_POLL_INTERVAL_MS);
    expect(submitted.value.snapshot()).toMatchObject({ pagesPrinted: 1, printer: { faults: ['media-jam'] } });
    expect(await submitted.value.cancel()).toEqual({ ok: true, value: undefined });
    expect(await submitted.value.done()).toMatchObject({ state: 'canceled', pagesPrinted: 1 });
    simulator.clearJam();
    await clock.advance(5 * MS_PER_PAGE);
    expect(simulator.received[0]).toMatchObject({ state: 7, impressionsCompleted: 1 });
  });

  it('reports the printer unreachable as an offline fault while following, and recovers', async () => {
    const { clock, simulator, printer } = rig();
    const submitted = await printer.submit(pdf1, { copies: 1, pages: 1, jobName: 'GJ01-3' });
    if (!submitted.ok) throw new Error(submitted.error.detail);
    simulator.setOffline(true);
    await clock.advance(JOB_POLL_INTERVAL_MS);
    expect(submitted.value.snapshot().printer.faults).toEqual(['offline']);
    expect(await printer.status()).toMatchObject({ ok: false, error: { kind: 'unreachable' } });
    simulator.setOffline(false);
    await clock.advance(MS_PER_PAGE + JOB_POLL_INTERVAL_MS);
    expect(await submitted.value.done()).toMatchObject({ state: 'completed', pagesPrinted: 1 });
  });

  it('returns a refusal as a value', async () => {
    const { printer } = rig();
    expect(await printer.submit(new TextEncoder().encode('not a pdf'), { copies: 1, pages: 1, jobName: 'x' })).toMatchObject({
      ok: false,
      error: { kind: 'refused', detail: expect.stringContaining('0x040a') },
    });
  });

  it('passes warnings through without stopping', async () => {
    const { printer, simulator } = rig();
    simulator.tonerLow(true);
    expect(await printer.status()).toMatchObject({ ok: true, value: { faults: [], warnings: ['toner-low'] } });
  });
});

describe('a job the printer forgot', () => {
  it('ends as aborted with the pages unconfirmed when the printer no longer knows it', async () => {
    const clock = new FakeClock();
    const first = new A4PrinterSimulator({ clock, msPerPage: MS_PER_PAGE });
    const restarted = new A4PrinterSimulator({ clock, msPerPage: MS_PER_PAGE });
    let current = first;
    const transport = { description: 'switchable', exchange: (request: Uint8Array) => current.transport().exchange(request) };
    const printer = new IppA4Printer(transport, first.uri, { clock, log: silentLogger() });
    const submitted = await printer.submit(pdf3, { copies: 1, pages: 3, jobName: 'GJ01-4' });
    if (!submitted.ok) throw new Error(submitted.error.detail);
    await clock.advance(MS_PER_PAGE + 10);
    current = restarted;
    await clock.advance(JOB_POLL_INTERVAL_MS);
    expect(await submitted.value.done()).toMatchObject({ state: 'aborted', terminal: true, pagesConfirmed: false });
  });
});
