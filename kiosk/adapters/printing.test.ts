import { FakeClock } from '../../common/clock';
import { silentLogger } from '../../common/log';
import { createA4Printer } from '../../devices/a4-printer/factory';
import { createReceiptPrinter } from '../../devices/receipt-printer/factory';
import { fixtureNumbers, fixtureResponse } from '../../printer-templates/fixtures/records';
import { pdfText, pdfWorkspace } from '../../test/support/pdf-tools';
import { DevicePrintingPort, faultCodeOf, transactionNumberOf } from './printing';

const KIOSK = { kioskId: 'GJ-HALL-01', name: { ko: '금정구청 민원실', en: 'Geumjeong-gu Office' }, address: '부산광역시 금정구 중앙대로 1777' };
const PAGE_MS = 1_000;

async function rig() {
  const clock = new FakeClock(Date.parse('2026-11-25T10:00:00+09:00'));
  const log = silentLogger();
  const a4 = createA4Printer({ driver: 'simulated' }, { clock, log, simulatedMsPerPage: PAGE_MS });
  const receipt = createReceiptPrinter({ driver: 'simulated' }, { clock, log });
  const started = await receipt.start();
  if (!started.ok) throw new Error('receipt printer did not start');
  const port = new DevicePrintingPort({ a4: a4.printer, receipt: receipt.printer, kiosk: KIOSK, clock, log });
  return { clock, a4, receipt, port, control: a4.control!, receipts: receipt.control! };
}

async function settle<T>(clock: FakeClock, promise: Promise<T>, limitMs = 600_000): Promise<T> {
  let done = false;
  let value: T | undefined;
  void promise.then((v) => {
    done = true;
    value = v;
  });
  for (let waited = 0; !done && waited < limitMs; waited += 100) await clock.advance(100);
  if (!done) throw new Error('did not settle');
  return value as T;
}

const grant = () => fixtureResponse('resident-copy', 'long-household');

describe('the PrintingPort over the A4 and receipt printers', () => {
  const workspace = pdfWorkspace('printing-port-');
  afterAll(() => workspace.dispose());

  it('renders in memory and prints one copy page by page, counting the sheets', async () => {
    const { clock, port, control, a4 } = await rig();
    const rendered = await port.render({ documentCode: 'resident-copy', options: {}, grant: grant(), copies: 1 });
    expect(rendered.ok).toBe(true);
    if (!rendered.ok) return;
    expect(rendered.value.pages).toBeGreaterThanOrEqual(2);
    const pages: number[] = [];
    const outcome = await settle(clock, port.printCopy({ ref: rendered.value.ref, copy: 1, copies: 1, fromPage: 1 }, (page) => pages.push(page)));
    expect(outcome).toEqual({ kind: 'printed' });
    expect(pages).toEqual(Array.from({ length: rendered.value.pages }, (_, index) => index + 1));
    expect(a4.printer.paper.count.used).toBe(rendered.value.pages);
    expect(control.received).toHaveLength(1);
    expect(control.received[0]?.jobName).toBe(`${fixtureNumbers('resident-copy').issuanceNumber}-1of1-1`);
  });

  it('stops at a fault with the pages already out, and finishes the copy from the next page once the printer is back', async () => {
    const { clock, port, control } = await rig();
    const rendered = await port.render({ documentCode: 'resident-copy', options: {}, grant: grant(), copies: 1 });
    if (!rendered.ok) throw new Error('render failed');
    const total = rendered.value.pages;
    control.mediaEmptyAfter(1);
    const first = await settle(clock, port.printCopy({ ref: rendered.value.ref, copy: 1, copies: 1, fromPage: 1 }, () => undefined));
    expect(first).toEqual({ kind: 'fault', printedTo: 1, code: 'paper-out' });
    expect((await port.status()).a4).toMatchObject({ state: 'fault', faultCode: 'paper-out' });

    control.refill(100);
    expect((await port.status()).a4).toMatchObject({ state: 'ready', faultCode: null });
    const pages: number[] = [];
    const rest = await settle(clock, port.printCopy({ ref: rendered.value.ref, copy: 1, copies: 1, fromPage: 2 }, (page) => pages.push(page)));
    expect(rest).toEqual({ kind: 'printed' });
    expect(pages).toEqual(Array.from({ length: total - 1 }, (_, index) => index + 2));
    // The second job carried only pages 2…N of the certificate.
    const secondJob = control.received.at(-1);
    if (!secondJob) throw new Error('no second job');
    const whole = workspace.write('whole.pdf', control.received[0]!.pdf);
    const tail = workspace.write('tail.pdf', secondJob.pdf);
    expect(pdfText(tail)).toBe(pdfText(whole).split('\f').slice(1).join('\f'));
  });

  it('reports a jam, an open cover and a printer off the network as the session expects them', async () => {
    const { port, control, a4 } = await rig();
    control.jam();
    expect((await port.status()).a4).toMatchObject({ state: 'fault', faultCode: 'paper-jam' });
    control.clearJam();
    control.openCover();
    expect((await port.status()).a4).toMatchObject({ state: 'fault', faultCode: 'cover-open' });
    control.closeCover();
    control.setOffline(true);
    expect((await port.status()).a4).toMatchObject({ state: 'offline' });
    control.setOffline(false);
    a4.printer.paper.refill(40);
    expect((await port.status()).a4).toEqual({ state: 'ready', sheetsLeft: 40, faultCode: null });
  });

  it('prints the receipt and the refund voucher on the receipt printer, with no personal data', async () => {
    const { clock, port, receipts } = await rig();
    const rendered = await port.render({ documentCode: 'resident-copy', options: {}, grant: grant(), copies: 1 });
    if (!rendered.ok) throw new Error('render failed');
    const { issuanceNumber } = fixtureNumbers('resident-copy');
    const printed = await settle(
      clock,
      port.printSlip({
        kind: 'receipt',
        sessionId: '0f4d3c2b-1a09-4e8f-9d7c-6b5a4f3e2d1c',
        at: clock.now(),
        lines: [{ documentCode: 'resident-copy', copies: 1, fee: 200, issuanceNumber }],
        paid: 1000,
        feesKept: 200,
        change: 800,
        refunded: 0,
        voucher: null,
      }),
    );
    expect(printed).toEqual({ ok: true, value: undefined });
    const text = receipts.printed[0]?.text ?? '';
    expect(text).toContain('주민등록표 등본');
    expect(text).toContain(`${rendered.value.pages}쪽`);
    expect(text).toMatch(/받은 금액\s+1,000원/);
    expect(text).toMatch(/거스름돈\s+800원/);
    expect(text).toContain(transactionNumberOf('0f4d3c2b-1a09-4e8f-9d7c-6b5a4f3e2d1c'));
    await settle(clock, port.printSlip({ kind: 'voucher', sessionId: 's', at: clock.now(), voucher: { code: 'RV-261125-ABC123', amount: 800 }, reason: 'change-unpaid' }));
    expect(receipts.printed[1]?.text).toContain('RV-261125-ABC123');
    expect(receipts.printed[1]?.text).toContain('거스름돈 부족');
  });

  it('says why a slip did not print', async () => {
    const { clock, port, receipts } = await rig();
    receipts.paperOut();
    const printed = await settle(clock, port.printSlip({ kind: 'voucher', sessionId: 's', at: clock.now(), voucher: { code: 'RV-1', amount: 100 }, reason: 'x' }));
    expect(printed).toEqual({ ok: false, error: { code: 'paper-out' } });
  });

  it('forgets a certificate when the session discards it, bytes included', async () => {
    const { clock, port } = await rig();
    const rendered = await port.render({ documentCode: 'resident-copy', options: {}, grant: grant(), copies: 1 });
    if (!rendered.ok) throw new Error('render failed');
    expect(port.heldDocuments).toBe(1);
    port.discard(rendered.value.ref);
    expect(port.heldDocuments).toBe(0);
    expect(await settle(clock, port.printCopy({ ref: rendered.value.ref, copy: 1, copies: 1, fromPage: 1 }, () => undefined))).toEqual({ kind: 'document-unavailable' });
  });

  it('refuses to render a record of another document', async () => {
    const { port } = await rig();
    expect(await port.render({ documentCode: 'resident-abstract', options: {}, grant: grant(), copies: 1 })).toMatchObject({ ok: false, error: { kind: 'render-failed' } });
  });

  it('names job outcomes as the session’s printer keys', () => {
    expect(faultCodeOf('media-jam')).toBe('paper-jam');
    expect(faultCodeOf('stalled')).toBe('job-stalled');
    expect(faultCodeOf('submit-failed')).toBe('offline');
  });
});
