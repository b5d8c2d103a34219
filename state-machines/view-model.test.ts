import { DEFAULT_FEE_SCHEDULE, DOCUMENTS, documentOf } from '../catalog';
import { freshContext, startPrinting } from './session/context';
import type { SessionContext } from './session/types';
import { toViewModel, type KioskInfo, type ViewModel } from './view-model';

const kiosk: KioskInfo = { kioskId: 'GJ-HALL-01', name: { ko: '금정구청', en: 'Geumjeong-gu' }, hoursText: '08:30–24:00', open: true, pxPerMm: 3.64, simulated: true };
const base = freshContext({ feeSchedule: DEFAULT_FEE_SCHEDULE, offered: DOCUMENTS.map((document) => document.code), outOfService: [] });
const view = (state: string, context: Partial<SessionContext> = {}, info: Partial<KioskInfo> = {}): ViewModel =>
  toViewModel({ revision: 7, state, context: { ...base, ...context }, kiosk: { ...kiosk, ...info }, documents: DOCUMENTS, availability: () => ({ available: true }) });

const prepared = { issuanceNumber: '2641-000001', verificationNumber: 'V1', inDistrict: true, pages: 2, ref: 'pdf-1' };
const quoted = {
  code: 'resident-copy' as const,
  options: {},
  copies: 2,
  prepared,
  quote: { perCopy: 200, copies: 2, total: 400, waivedBy: null },
  problemKey: null,
};

describe('the view model', () => {
  it('shows the attract screen, or closed, or out of service', () => {
    expect(view('attract')).toMatchObject({ screen: 'attract', revision: 7, step: null, canCancel: false, canGoBack: false });
    expect(view('attract', {}, { open: false })).toMatchObject({ screen: 'closed' });
    expect(view('attract', { outOfService: [{ device: 'a4-printer', messageKey: 'x', code: 'JAM' }] })).toMatchObject({ screen: 'out-of-service' });
  });

  it('never shows the back digits of the resident number', () => {
    const typed = view('residentNumber', { digits: '9001011234568' });
    expect(typed).toMatchObject({ screen: 'resident-number', masked: '900101-1●●●●●●', digitCount: 13, complete: true, step: 'identity' });
    expect(JSON.stringify(typed)).not.toMatch(/234568/);
    expect(view('residentNumber', { digits: '9001011234568', residentErrorKey: 'resident.invalid-date' })).toMatchObject({ complete: false });
  });

  it('carries the basket with pages and fees once known, and the total of what can be charged', () => {
    const summary = view('summary.ready', { basket: [quoted, { ...quoted, code: 'basic', prepared: null, quote: null, problemKey: 'records.not-found' }] });
    expect(summary).toMatchObject({
      screen: 'summary',
      canPay: true,
      step: 'payment',
      problems: [{ code: 'basic', reasonKey: 'records.not-found' }],
      basket: { total: 400, lines: [{ code: 'resident-copy', pages: 2, perCopy: 200, total: 400, maxCopies: 5 }, { code: 'basic', pages: null, total: null }] },
    });
    expect(view('summary.checking', { basket: [quoted] })).toMatchObject({ canPay: false });
  });

  it('shows the payment with what remains and the change to come', () => {
    const money = { ...base.money, due: 1400, inserted: 2000, acceptedNotes: [1000], paidInFull: true };
    expect(view('payment.closing', { basket: [quoted], money })).toMatchObject({ screen: 'payment', remaining: 0, changeToCome: 600, phase: 'paid', acceptedNotes: [], canCancel: false });
    expect(view('payment.insert', { money: { ...money, inserted: 1000, paidInFull: false } })).toMatchObject({ remaining: 400, phase: 'insert', acceptedNotes: [1000], canCancel: true, canGoBack: false });
  });

  it('shows printing progress per document, per copy and per page', () => {
    const basket = [quoted, { ...quoted, code: 'basic' as const, copies: 1 }];
    const printing = { ...startPrinting(basket), line: 1, copy: 1, page: 1 };
    expect(view('printing.copy', { basket, printing })).toMatchObject({
      screen: 'printing',
      documentName: documentOf('basic').name,
      documentIndex: 2,
      documentCount: 2,
      copy: 1,
      copies: 1,
      page: 1,
      pages: 2,
      canCancel: false,
      step: 'issue',
    });
  });

  it('shows the warning with its countdown and the extensions left, over any screen', () => {
    expect(view('chooseDocument', { idle: { limitMs: 90_000, secondsLeft: 12, extensionsUsed: 3 } }).timeout).toEqual({ secondsLeft: 12, extensionsLeft: 7 });
    expect(view('chooseDocument').timeout).toBeNull();
  });

  it('ends with thanks, or with what went wrong and the refund', () => {
    const refund = { amount: 400, paidInCoins: 100, voucherAmount: 300, voucherCode: 'RV-000001' };
    expect(view('thankYou', { finalScreen: 'thank-you', refund })).toMatchObject({ screen: 'thank-you', refund });
    expect(view('notice', { finalScreen: 'notice', refund, notice: { whatKey: 'printing.failed', whatToDoKey: 'refund.take-voucher' } })).toMatchObject({
      screen: 'error',
      whatKey: 'printing.failed',
      refund,
    });
    expect(view('recovering')).toMatchObject({ screen: 'recovering', canCancel: false });
  });

  it('lets the citizen go back only where it makes sense', () => {
    expect(['language', 'chooseDocument', 'documentOptions', 'residentNumber', 'fingerprint.retry'].map((state) => view(state).canGoBack)).toEqual([true, true, true, true, true]);
    expect(['fingerprint.capturing', 'loadingRecords', 'summary.ready', 'printing.copy', 'settling.change'].map((state) => view(state).canGoBack)).toEqual([false, false, false, false, false]);
  });
});
