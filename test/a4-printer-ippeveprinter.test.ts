import { readdirSync } from 'node:fs';
import { systemClock } from '../common/clock';
import { silentLogger } from '../common/log';
import { IppA4Printer, type A4JobSnapshot, type A4PrintJob } from '../devices/a4-printer/driver';
import { httpIppTransport } from '../devices/a4-printer/ipp-transport';
import { renderCertificate } from '../printer-templates/certificate/render';
import { FIXTURE_META, fixtureOptions, fixtureResponse } from '../printer-templates/fixtures/records';
import { startIppEvePrinter, type IppEvePrinter } from './support/ippeveprinter';

/**
 * The IPP driver against CUPS's ippeveprinter (a real, independent IPP Everywhere printer), with a print command
 * that runs out of paper or jams mid-job on request. Real time, bounded: pages take 0.2 s.
 */
const WAIT_MS = 20_000;

let printerProcess: IppEvePrinter;
let printer: IppA4Printer;
let pdf1: Uint8Array;
let pdf3: Uint8Array;

function until(job: A4PrintJob, predicate: (snapshot: A4JobSnapshot) => boolean): Promise<A4JobSnapshot> {
  return new Promise((resolve, reject) => {
    if (predicate(job.snapshot())) return resolve(job.snapshot());
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`job never reached the expected state; last: ${JSON.stringify(job.snapshot())}\n${printerProcess.log().slice(-2000)}`));
    }, WAIT_MS);
    const unsubscribe = job.subscribe((snapshot) => {
      if (!predicate(snapshot)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(snapshot);
    });
  });
}

beforeAll(async () => {
  printerProcess = await startIppEvePrinter();
  printer = new IppA4Printer(httpIppTransport(printerProcess.uri), printerProcess.uri, { clock: systemClock, log: silentLogger() });
  const one = await renderCertificate({ response: fixtureResponse('basic'), documentCode: 'basic', options: fixtureOptions('basic'), meta: FIXTURE_META });
  const three = await renderCertificate({
    response: fixtureResponse('resident-copy', 'long-household'),
    documentCode: 'resident-copy',
    options: { includePastAddresses: true },
    meta: FIXTURE_META,
  });
  if (!one.ok || !three.ok || three.value.pages !== 3) throw new Error('fixture certificates did not render');
  pdf1 = one.value.pdf;
  pdf3 = three.value.pdf;
});

afterAll(async () => {
  await printerProcess?.stop();
});

describe('A4 printing through ippeveprinter', () => {
  it('reads the printer idle', async () => {
    expect(await printer.status()).toMatchObject({ ok: true, value: { state: 'idle', faults: [] } });
  });

  it('prints a certificate: the job completes and the sheet is counted', async () => {
    const before = printer.paper.count.used;
    const submitted = await printer.submit(pdf1, { copies: 1, pages: 1, jobName: 'GJ01-20261125-00004' });
    if (!submitted.ok) throw new Error(submitted.error.detail);
    const done = await Promise.race([submitted.value.done(), until(submitted.value, (snapshot) => snapshot.terminal)]);
    expect(done).toMatchObject({ state: 'completed', pagesPrinted: 1, pagesExpected: 1, pagesConfirmed: true });
    expect(printer.paper.count.used).toBe(before + 1);
    // ippeveprinter kept the spooled PDF (-k): the bytes arrived.
    expect(readdirSync(printerProcess.spoolDir).some((file) => file.endsWith('.pdf'))).toBe(true);
  });

  it('surfaces media-empty mid-job as a printer fault with the job state and the pages printed, then aborts', async () => {
    printerProcess.failAtPage('media-empty', 2);
    const submitted = await printer.submit(pdf3, { copies: 1, pages: 3, jobName: 'GJ01-20261125-00001' });
    if (!submitted.ok) throw new Error(submitted.error.detail);
    const job = submitted.value;
    const stalled = await until(job, (snapshot) => snapshot.printer.faults.includes('media-empty'));
    expect(stalled).toMatchObject({ state: 'processing', terminal: false, pagesExpected: 3 });
    expect(stalled.pagesPrinted).toBe(1);
    expect(await printer.status()).toMatchObject({ ok: true, value: { faults: ['media-empty'] } });
    printerProcess.abort();
    expect(await until(job, (snapshot) => snapshot.terminal)).toMatchObject({ state: 'aborted', pagesPrinted: 1, pagesConfirmed: true });
  });

  it('waits through a jam that is cleared and completes the job', async () => {
    printerProcess.failAtPage('media-jam', 2);
    const submitted = await printer.submit(pdf3, { copies: 1, pages: 3, jobName: 'GJ01-20261125-00002' });
    if (!submitted.ok) throw new Error(submitted.error.detail);
    const job = submitted.value;
    expect(await until(job, (snapshot) => snapshot.printer.faults.includes('media-jam'))).toMatchObject({ pagesPrinted: 1 });
    printerProcess.recover();
    expect(await until(job, (snapshot) => snapshot.terminal)).toMatchObject({ state: 'completed', pagesPrinted: 3, printer: { faults: [] } });
  });
});
