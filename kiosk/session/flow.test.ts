import type { ViewOf } from '../../state-machines/view-model';
import { ledgerOf, ledgerProblems, SessionHarness } from './testing';

const distinctScreens = (kiosk: SessionHarness) =>
  kiosk.views.map((view) => view.screen).filter((screen, index, all) => screen !== all[index - 1]);

describe('a paid issuance', () => {
  it('issues a 주민등록표 등본 for 1,000 won with 800 won change, journaled and logged', async () => {
    const kiosk = await SessionHarness.create();
    await kiosk.chooseDocuments([{ code: 'resident-copy' }]);
    await kiosk.typeResidentNumber();
    await kiosk.waitForScreen('summary', 30_000);
    expect(kiosk.view.basket).toMatchObject({ lines: [{ code: 'resident-copy', copies: 1, pages: 1, perCopy: 200, total: 200 }], total: 200 });
    await kiosk.pay();
    expect(kiosk.view).toMatchObject({ screen: 'payment', due: 200, remaining: 200, acceptedNotes: [1000, 5000, 10000, 50000], phase: 'insert' });
    await kiosk.insertNotes([1000]);
    await kiosk.waitForScreen('printing', 30_000);
    expect(kiosk.view).toMatchObject({ screen: 'printing', documentIndex: 1, documentCount: 1, copy: 1, copies: 1, pages: 1, canCancel: false });
    await kiosk.waitForScreen('thank-you', 60_000);
    await kiosk.finish();

    const events = kiosk.sessionEvents();
    // The money service's events as the money moved (the change in two dispenses: ₩500, then 3 × ₩100), the
    // session's at closing, with the ledger's money.
    expect(events.map((event) => event.type)).toEqual(['cash.note-stacked', 'cash.fee-kept', 'cash.change-paid', 'cash.change-paid', 'document.issued', 'session.completed']);
    expect(events.at(-1)?.payload).toEqual({ outcome: 'issued', money: { in: 1000, feesKept: 200, changePaid: 800, refundPaid: 0, refundOwed: 0 } });
    expect(ledgerOf(events)).toMatchObject({ in: 1000, feesKept: 200, changePaid: 800, refundPaid: 0, refundOwed: 0, outcomes: ['issued'] });
    expect(events.find((event) => event.type === 'document.issued')?.payload).toMatchObject({ documentCode: 'resident-copy', copies: 1, pages: 1, fee: 200, waivedBy: null });
    expect(kiosk.coinsOut()).toBe(800);
    expect(kiosk.ports.printing.printed).toHaveLength(1);
    expect(kiosk.ports.printing.slips).toMatchObject([{ kind: 'receipt', paid: 1000, feesKept: 200, change: 800, refunded: 0, voucher: null }]);
    expect(kiosk.ports.printing.documents.size).toBe(0);
    expect(distinctScreens(kiosk)).toEqual([
      'attract', 'language', 'choose-document', 'document-options', 'loading-records', 'resident-number', 'fingerprint',
      'loading-records', 'summary', 'payment', 'printing', 'change', 'receipt', 'thank-you', 'attract',
    ]);
    expect(ledgerProblems(kiosk)).toEqual([]);
    expect(kiosk.store.loadCheckpoint()).toBeNull();
    kiosk.stop();
  });

  it('takes a basket of several documents, some public, with copies, extra pages and out-of-district fees', async () => {
    const kiosk = await SessionHarness.create({
      outOfDistrict: ['family-relations'],
      feeSchedule: { overrides: { 'family-relations': { inDistrict: 500, outOfDistrict: 1000 } }, waivers: [] },
    });
    kiosk.ports.printing.pagesOf.set('land-ledger', 3);
    await kiosk.chooseDocuments([
      { code: 'resident-copy', copies: 2 },
      { code: 'land-ledger', options: { parcel: '부산광역시 금정구 장전동 123-4' } },
      { code: 'family-relations' },
    ]);
    await kiosk.typeResidentNumber();
    await kiosk.waitForScreen('summary', 30_000);
    // 등본 2 × 200 + 토지대장 500 + 2 × 100 (extra pages) + 가족관계증명서 out of district 1,000.
    expect(kiosk.view.basket.lines.map((line) => [line.code, line.copies, line.pages, line.perCopy, line.total])).toEqual([
      ['resident-copy', 2, 1, 200, 400],
      ['land-ledger', 1, 3, 700, 700],
      ['family-relations', 1, 1, 1000, 1000],
    ]);
    expect(kiosk.view.basket.total).toBe(2100);
    await kiosk.pay();
    await kiosk.insertNotes([1000, 1000, 1000]);
    await kiosk.waitForScreen('thank-you', 120_000);
    expect(kiosk.ports.printing.printed).toHaveLength(2 + 3 + 1);
    expect(ledgerOf(kiosk.outbox())).toMatchObject({ in: 3000, feesKept: 2100, changePaid: 900, outcomes: ['issued'] });
    expect(kiosk.outbox().filter((event) => event.type === 'document.issued')).toHaveLength(3);
    await kiosk.finish();
    expect(ledgerProblems(kiosk)).toEqual([]);
    kiosk.stop();
  });

  it('skips the resident number and the fingerprint when every document is a public record', async () => {
    const kiosk = await SessionHarness.create();
    await kiosk.chooseDocuments([{ code: 'building-general', options: { building: '부산광역시 금정구 부산대학로 63' } }]);
    await kiosk.waitForScreen('summary', 30_000);
    expect(distinctScreens(kiosk)).not.toContain('resident-number');
    expect(kiosk.ports.identity.captures).toBe(0);
    await kiosk.pay();
    await kiosk.insertNotes([1000]);
    await kiosk.finish();
    expect(ledgerOf(kiosk.outbox())).toMatchObject({ in: 1000, feesKept: 500, changePaid: 500, outcomes: ['issued'] });
    kiosk.stop();
  });

  it('skips payment and the receipt when the fee is zero', async () => {
    const kiosk = await SessionHarness.create();
    await kiosk.chooseDocuments([{ code: 'military-service' }]);
    await kiosk.typeResidentNumber();
    await kiosk.pay();
    expect(kiosk.view.screen).toBe('printing');
    await kiosk.waitForScreen('thank-you', 60_000);
    await kiosk.finish();
    expect(distinctScreens(kiosk)).not.toContain('payment');
    expect(kiosk.ports.printing.slips).toEqual([]);
    expect(kiosk.sessionEvents().map((event) => event.type)).toEqual(['document.issued', 'session.completed']);
    expect(kiosk.money.account('S00001')).toBeUndefined();
    expect(ledgerProblems(kiosk)).toEqual([]);
    kiosk.stop();
  });

  it('waives the fee for an entitled citizen and says why', async () => {
    const kiosk = await SessionHarness.create({ feeSchedule: { overrides: {}, waivers: [{ reason: 'basic-livelihood-recipient', documents: ['resident-copy'] }] } });
    kiosk.ports.identity.residents.set('900101-1234568', { finger: 'kim-right-thumb', displayName: '김민원', entitlements: ['basic-livelihood-recipient'] });
    await kiosk.chooseDocuments([{ code: 'resident-copy' }]);
    await kiosk.typeResidentNumber();
    await kiosk.waitFor((view) => view.screen === 'summary' && view.canPay, 30_000);
    expect(kiosk.view.basket.lines[0]).toMatchObject({ perCopy: 0, total: 0, waivedByKey: 'fees.waiver.basic-livelihood-recipient' });
    await kiosk.pay();
    await kiosk.finish();
    expect(kiosk.outbox().find((event) => event.type === 'document.issued')?.payload).toMatchObject({ fee: 0, waivedBy: 'basic-livelihood-recipient' });
    kiosk.stop();
  });
});

describe('choosing documents', () => {
  it('checks the options and shows what is wrong before the document goes in the basket', async () => {
    const kiosk = await SessionHarness.create();
    await kiosk.do({ type: 'touch' });
    await kiosk.do({ type: 'chooseLanguage', language: 'en' });
    await kiosk.do({ type: 'selectDocument', code: 'land-ledger' });
    await kiosk.do({ type: 'confirmOptions' });
    let view = kiosk.view as ViewOf<'document-options'>;
    expect(view.screen).toBe('document-options');
    expect(view.problems).toEqual({ parcel: 'options.invalid' });
    expect(await kiosk.send({ type: 'setOption', key: 'nonsense', value: true })).toMatchObject({ accepted: false, reason: 'not-now' });
    await kiosk.do({ type: 'setOption', key: 'parcel', value: '부산광역시 금정구 장전동 1' });
    view = kiosk.view as ViewOf<'document-options'>;
    expect(view.problems).toEqual({});
    expect(view.options.find((option) => option.key === 'parcel')).toMatchObject({ value: '부산광역시 금정구 장전동 1' });
    await kiosk.do({ type: 'addAnother' });
    expect(kiosk.view).toMatchObject({ screen: 'choose-document', basket: { lines: [{ code: 'land-ledger' }] } });
    expect((kiosk.view as ViewOf<'choose-document'>).documents.find((tile) => tile.code === 'land-ledger')?.inBasket).toBe(true);
    await kiosk.do({ type: 'setCopies', code: 'land-ledger', copies: 10 });
    expect(kiosk.view.basket.lines[0]).toMatchObject({ copies: 5, maxCopies: 5 });
    await kiosk.do({ type: 'removeDocument', code: 'land-ledger' });
    expect(kiosk.view.basket.lines).toEqual([]);
    expect(await kiosk.send({ type: 'proceed' })).toMatchObject({ accepted: false });
    kiosk.stop();
  });

  it('holds at most five documents', async () => {
    const kiosk = await SessionHarness.create();
    await kiosk.do({ type: 'chooseLanguage', language: 'ko' });
    for (const code of ['resident-copy', 'resident-abstract', 'basic', 'marriage-relations', 'military-service'] as const) {
      await kiosk.do({ type: 'selectDocument', code });
      await kiosk.do({ type: 'addAnother' });
    }
    expect(await kiosk.send({ type: 'selectDocument', code: 'transcript' })).toMatchObject({ accepted: false, reason: 'not-now' });
    // One already in the basket can still be opened to change its options.
    await kiosk.do({ type: 'selectDocument', code: 'basic' });
    expect(kiosk.view.screen).toBe('document-options');
    kiosk.stop();
  });

  it('takes the resident number digit by digit, masked, and only a valid one', async () => {
    const kiosk = await SessionHarness.create();
    await kiosk.chooseDocuments([{ code: 'resident-abstract' }]);
    await kiosk.waitForScreen('resident-number', 10_000);
    for (const digit of '9013011') await kiosk.do({ type: 'enterDigit', digit });
    expect(kiosk.view).toMatchObject({ screen: 'resident-number', masked: '901301-1______', digitCount: 7, complete: false });
    for (const digit of '234567') await kiosk.do({ type: 'enterDigit', digit });
    expect(kiosk.view).toMatchObject({ masked: '901301-1●●●●●●', complete: false, errorKey: 'resident.invalid-date' });
    expect(await kiosk.send({ type: 'enterDigit', digit: '1' })).toMatchObject({ accepted: false });
    expect(await kiosk.send({ type: 'confirmResidentNumber' })).toMatchObject({ accepted: false, reason: 'not-now' });
    await kiosk.do({ type: 'clearDigits' });
    for (const digit of '9001011234567') await kiosk.do({ type: 'enterDigit', digit });
    expect(kiosk.view).toMatchObject({ complete: true, errorKey: null, warningKey: 'resident.check-digit' });
    await kiosk.do({ type: 'deleteDigit' });
    await kiosk.do({ type: 'enterDigit', digit: '8' });
    expect(kiosk.view).toMatchObject({ complete: true, warningKey: null });
    expect(kiosk.runtime.inspect().context.digits).toBe('9001011234568');
    await kiosk.do({ type: 'confirmResidentNumber' });
    await kiosk.waitForScreen('summary', 30_000);
    // Wiped as soon as the verdict came.
    expect(kiosk.runtime.inspect().context.digits).toBe('');
    kiosk.stop();
  });

  it('keeps the citizen’s display settings for the session only, and the keypad pulses', async () => {
    const kiosk = await SessionHarness.create();
    await kiosk.do({ type: 'touch' });
    await kiosk.do({ type: 'setDisplay', textScale: 2, contrast: 'high-dark', voice: { enabled: true } });
    kiosk.runtime.pressKey('volume-up');
    kiosk.runtime.pressKey('down');
    await kiosk.advance(0);
    expect(kiosk.view.display).toMatchObject({ textScale: 2, contrast: 'high-dark', voice: { enabled: true, volume: 0.9 } });
    expect(kiosk.view.keypad).toEqual({ sequence: 2, key: 'down' });
    await kiosk.do({ type: 'home' });
    expect(kiosk.view).toMatchObject({ screen: 'attract', display: { textScale: 1, contrast: 'default', voice: { enabled: false } }, keypad: null });
    // Home on the attract screen is accepted (the end-to-end tests send every kiosk home before each test).
    expect(await kiosk.send({ type: 'home' })).toMatchObject({ accepted: true });
    kiosk.stop();
  });
});
