import type { Won } from '../../common/money';
import { NOTICE_MS } from '../../state-machines/session/timeouts';
import type { ViewOf } from '../../state-machines/view-model';
import { ledgerOf, ledgerProblems, SessionHarness } from '../../kiosk/session/testing';

/**
 * The cash scenarios of issue 4 through the citizen's session: the session runtime with the REAL money service
 * over the ID-003 and ccTalk drivers and their simulators (loopback, fake clock), SQLite. The money service decides
 * at escrow and keeps the ledger; the session only follows. Every scenario ends squared to the won: per session the
 * money service's cash.* events balance (in = fees kept + change + refunds paid + refunds owed) and agree with the
 * one session.completed, the cash box holds the notes stacked, the tray the coins paid, and the citizen's net
 * outlay is the fee kept. (Power lost at each journal step, through the session: kiosk/session/recovery.test.ts.)
 */
type Basket = Parameters<SessionHarness['chooseDocuments']>[0];
const RESIDENT_COPY: Basket = [{ code: 'resident-copy' }];
/** Two public records of 500 won each: 1,000 won due, no identity step. */
const ONE_THOUSAND: Basket = [
  { code: 'building-general', options: { building: '부산광역시 금정구 부산대학로 63' } },
  { code: 'land-ledger', options: { parcel: '부산광역시 금정구 장전동 1' } },
];
/** 200 + 4 × 500 = 2,200 won due. */
const TWO_THOUSAND_TWO_HUNDRED: Basket = [{ code: 'resident-copy' }, { code: 'family-relations', copies: 4 }];

async function toPayment(kiosk: SessionHarness, documents: Basket): Promise<void> {
  await kiosk.chooseDocuments(documents);
  if (documents.some((document) => document.code === 'resident-copy' || document.code === 'family-relations')) await kiosk.typeResidentNumber();
  await kiosk.pay();
  await kiosk.waitUntil(() => kiosk.slotOpen, 10_000, 'the slot');
}

const paymentView = (kiosk: SessionHarness) => kiosk.view as ViewOf<'payment'>;

function squared(kiosk: SessionHarness): void {
  expect(ledgerProblems(kiosk)).toEqual([]);
}

const hopperState = (kiosk: SessionHarness, coinValue: Won) => kiosk.money.status().hoppers.find((hopper) => hopper.coinValue === coinValue)?.state;

describe('paying through the session', () => {
  it('exact payment: the fee is kept, no change', async () => {
    const kiosk = await SessionHarness.create();
    await toPayment(kiosk, ONE_THOUSAND);
    expect(paymentView(kiosk)).toMatchObject({ due: 1000, acceptedNotes: [1000, 5000, 10000, 50000] });
    await kiosk.insertNotes([1000]);
    await kiosk.finish();
    expect(ledgerOf(kiosk.outbox())).toMatchObject({ in: 1000, feesKept: 1000, changePaid: 0, refundPaid: 0, refundOwed: 0, outcomes: ['issued'] });
    expect(kiosk.coinsOut()).toBe(0);
    expect(kiosk.money.status().cashBox.byDenomination).toEqual({ '1000': 1 });
    squared(kiosk);
    kiosk.stop();
  });

  it('overpayment with change: the coins come out largest first', async () => {
    const kiosk = await SessionHarness.create();
    await toPayment(kiosk, RESIDENT_COPY);
    await kiosk.insertNotes([1000]);
    await kiosk.waitForScreen('thank-you', 60_000);
    expect(kiosk.view).toMatchObject({ refund: null });
    await kiosk.finish();
    expect(ledgerOf(kiosk.outbox())).toMatchObject({ in: 1000, feesKept: 200, changePaid: 800, outcomes: ['issued'] });
    expect([kiosk.cash.hoppers.coinsPaid(500), kiosk.cash.hoppers.coinsPaid(100)]).toEqual([1, 3]);
    expect(kiosk.ports.printing.slips).toMatchObject([{ kind: 'receipt', paid: 1000, feesKept: 200, change: 800, voucher: null }]);
    squared(kiosk);
    kiosk.stop();
  });

  it('change short: the note is given back before it is taken, and nothing is owed', async () => {
    const kiosk = await SessionHarness.create({ coins: { 500: 200, 100: 3 } });
    await toPayment(kiosk, RESIDENT_COPY);
    kiosk.cash.hoppers.stopAnswering(500);
    await kiosk.waitUntil(() => hopperState(kiosk, 500) === 'offline', 60_000, 'the ₩500 hopper to go offline');
    await kiosk.insertNotes([1000]);
    await kiosk.waitFor((view) => view.screen === 'payment' && view.phase === 'insert' && view.messageKey === 'payment.note-not-accepted', 10_000);
    expect(paymentView(kiosk)).toMatchObject({ inserted: 0 });
    expect(kiosk.cash.acceptor.cashBoxTotal()).toBe(0);
    await kiosk.do({ type: 'cancel' });
    await kiosk.finish();
    expect(kiosk.cash.citizen).toEqual({ inserted: 1000, returned: 1000 });
    expect(kiosk.sessionEvents().filter((event) => event.type.startsWith('cash.')).map((event) => [event.type, event.payload])).toEqual([
      ['cash.note-returned', { value: 1000, reason: 'change-unavailable' }],
    ]);
    expect(ledgerOf(kiosk.outbox()).outcomes).toEqual(['cancelled']);
    squared(kiosk);
    kiosk.stop();
  });

  it('cancel with a note in the unit: the note comes back, nothing is taken', async () => {
    const kiosk = await SessionHarness.create();
    await toPayment(kiosk, RESIDENT_COPY);
    expect(kiosk.insert(1000)).toBe(true);
    // The unit is reading the note: the screen says so, and the citizen cancels before the money service decides.
    await kiosk.waitFor((view) => view.screen === 'payment' && view.phase === 'checking', 5_000);
    expect(kiosk.view.canCancel).toBe(true);
    await kiosk.do({ type: 'cancel' });
    await kiosk.finish();
    // Inhibited while reading, the unit pushed the note back itself: it never became money, nothing to record.
    expect(kiosk.cash.citizen).toEqual({ inserted: 1000, returned: 1000 });
    expect(kiosk.cash.acceptor.cashBoxTotal()).toBe(0);
    expect(kiosk.sessionEvents().filter((event) => event.type.startsWith('cash.'))).toEqual([]);
    expect(ledgerOf(kiosk.outbox())).toMatchObject({ in: 0, outcomes: ['cancelled'] });
    squared(kiosk);
    kiosk.stop();
  });

  it('cancel after two notes stacked: refunded in coins', async () => {
    const kiosk = await SessionHarness.create();
    await toPayment(kiosk, TWO_THOUSAND_TWO_HUNDRED);
    await kiosk.insertNotes([1000, 1000]);
    await kiosk.waitFor((view) => view.screen === 'payment' && view.inserted === 2000 && view.phase === 'insert', 30_000);
    expect(paymentView(kiosk)).toMatchObject({ remaining: 200 });
    await kiosk.do({ type: 'cancel' });
    await kiosk.waitForScreen('thank-you', 60_000);
    expect(kiosk.view).toMatchObject({ refund: { amount: 2000, paidInCoins: 2000, voucherAmount: 0 } });
    await kiosk.finish();
    expect(ledgerOf(kiosk.outbox())).toMatchObject({ in: 2000, refundPaid: 2000, outcomes: ['cancelled'] });
    expect(kiosk.cash.hoppers.coinsPaid(500)).toBe(4);
    squared(kiosk);
    kiosk.stop();
  });

  it('cancel after two notes stacked with few coins: coins, then a voucher printed on the receipt', async () => {
    const kiosk = await SessionHarness.create({ coins: { 500: 1, 100: 3 } });
    await toPayment(kiosk, TWO_THOUSAND_TWO_HUNDRED);
    await kiosk.insertNotes([1000, 1000]);
    await kiosk.waitFor((view) => view.screen === 'payment' && view.inserted === 2000 && view.phase === 'insert', 30_000);
    await kiosk.do({ type: 'cancel' });
    await kiosk.waitForScreen('thank-you', 60_000);
    expect(kiosk.view).toMatchObject({ refund: { amount: 2000, paidInCoins: 800, voucherAmount: 1200 } });
    await kiosk.finish();
    expect(kiosk.money.ledger.vouchers('S00001')).toMatchObject([{ amount: 1200, reason: 'refund-short' }]);
    expect(kiosk.ports.printing.slips).toMatchObject([{ kind: 'receipt', refunded: 800, voucher: { amount: 1200 } }]);
    squared(kiosk);
    kiosk.stop();
  });
});

describe('a jam at each step, through the session', () => {
  async function jammed(stage: 'accepting' | 'stacking' | 'after-vend-valid'): Promise<SessionHarness> {
    const kiosk = await SessionHarness.create();
    await toPayment(kiosk, TWO_THOUSAND_TWO_HUNDRED);
    await kiosk.insertNotes([1000]);
    await kiosk.waitFor((view) => view.screen === 'payment' && view.inserted === 1000 && view.phase === 'insert', 30_000);
    kiosk.cash.acceptor.jamNext(stage);
    await kiosk.insertNotes([1000]);
    const notice = await kiosk.waitForScreen('error', 60_000);
    expect(notice).toMatchObject({ whatKey: 'payment.acceptor-fault', whatToDoKey: 'refund.take-money' });
    await kiosk.advance(NOTICE_MS);
    await kiosk.finish();
    return kiosk;
  }

  it('while the note is read (value unknown): nothing counted for it, recorded for the technician; the first note refunded', async () => {
    const kiosk = await jammed('accepting');
    expect(ledgerOf(kiosk.outbox())).toMatchObject({ in: 1000, refundPaid: 1000, outcomes: ['refunded'] });
    expect(kiosk.sessionEvents().find((event) => event.type === 'cash.note-jammed')?.payload).toMatchObject({ value: 0 });
    // The second note is stuck in the unit, its value never read: the technician takes it out (the only mismatch).
    expect(ledgerProblems(kiosk)).toEqual(["the citizens' net 2000 ≠ fees 0 + coins 1000 + vouchers 0"]);
    kiosk.stop();
  });

  it('while stacking: the stuck note is counted as received and refunded with the rest', async () => {
    const kiosk = await jammed('stacking');
    expect(ledgerOf(kiosk.outbox())).toMatchObject({ in: 2000, refundPaid: 2000, outcomes: ['refunded'] });
    expect(kiosk.sessionEvents().find((event) => event.type === 'cash.note-jammed')?.payload).toMatchObject({ value: 1000 });
    expect(kiosk.cash.acceptor.cashBoxTotal()).toBe(1000);
    squared(kiosk);
    kiosk.stop();
  });

  it('after VEND VALID: the note was received; it is refunded', async () => {
    const kiosk = await jammed('after-vend-valid');
    expect(ledgerOf(kiosk.outbox())).toMatchObject({ in: 2000, refundPaid: 2000, outcomes: ['refunded'] });
    expect(kiosk.cash.acceptor.cashBoxTotal()).toBe(2000);
    squared(kiosk);
    kiosk.stop();
  });

  it('while a note is given back: counted and refunded', async () => {
    const kiosk = await SessionHarness.create({ coins: { 500: 200, 100: 3 } });
    await toPayment(kiosk, RESIDENT_COPY);
    kiosk.cash.hoppers.stopAnswering(500);
    await kiosk.waitUntil(() => hopperState(kiosk, 500) === 'offline', 60_000, 'the ₩500 hopper to go offline');
    kiosk.cash.hoppers.resumeAnswering(500);
    kiosk.cash.acceptor.jamNext('returning');
    await kiosk.insertNotes([1000]);
    await kiosk.waitForScreen('error', 60_000);
    await kiosk.advance(NOTICE_MS);
    await kiosk.finish();
    // The ₩500 hopper is not back yet when the refund is paid: three ₩100 coins, and a voucher for the rest.
    const ledger = ledgerOf(kiosk.outbox());
    expect(ledger).toMatchObject({ in: 1000, outcomes: ['refunded'] });
    expect(kiosk.sessionEvents().find((event) => event.type === 'cash.note-jammed')?.payload).toMatchObject({ value: 1000, stage: 'returning' });
    expect(ledger.refundPaid + ledger.refundOwed).toBe(1000);
    squared(kiosk);
    kiosk.stop();
  });

  it('in a hopper while paying the change: the other hopper makes it up', async () => {
    const kiosk = await SessionHarness.create();
    await toPayment(kiosk, RESIDENT_COPY);
    kiosk.cash.hoppers.jamAfter(500, 0);
    await kiosk.insertNotes([1000]);
    await kiosk.waitForScreen('thank-you', 60_000);
    await kiosk.finish();
    expect(ledgerOf(kiosk.outbox())).toMatchObject({ in: 1000, feesKept: 200, changePaid: 800, refundOwed: 0, outcomes: ['issued'] });
    expect([kiosk.cash.hoppers.coinsPaid(500), kiosk.cash.hoppers.coinsPaid(100)]).toEqual([0, 8]);
    squared(kiosk);
    kiosk.stop();
  });
});

describe('the cash box and the hoppers running out, through the session', () => {
  it('stacker full while waiting for the next note: collecting stops, the money taken is refunded', async () => {
    const kiosk = await SessionHarness.create();
    await toPayment(kiosk, TWO_THOUSAND_TWO_HUNDRED);
    await kiosk.insertNotes([1000]);
    await kiosk.waitFor((view) => view.screen === 'payment' && view.inserted === 1000 && view.phase === 'insert', 30_000);
    kiosk.cash.acceptor.fillStacker();
    const notice = await kiosk.waitForScreen('error', 60_000);
    expect(notice).toMatchObject({ whatKey: 'payment.acceptor-fault', refund: { amount: 1000, paidInCoins: 1000 } });
    await kiosk.advance(NOTICE_MS);
    await kiosk.finish();
    expect(ledgerOf(kiosk.outbox())).toMatchObject({ in: 1000, refundPaid: 1000, outcomes: ['refunded'] });
    // The next citizen is told before paying.
    expect(kiosk.money.readiness(200).acceptor).toBe('full');
    squared(kiosk);
    kiosk.stop();
  });

  it('hopper empty mid-dispense: the other hopper pays the rest', async () => {
    const kiosk = await SessionHarness.create();
    await toPayment(kiosk, RESIDENT_COPY);
    // The ledger believes in 200 coins of ₩500; the hopper is in fact empty.
    kiosk.cash.hoppers.empty(500);
    await kiosk.insertNotes([1000]);
    await kiosk.finish();
    expect(ledgerOf(kiosk.outbox())).toMatchObject({ in: 1000, feesKept: 200, changePaid: 800, outcomes: ['issued'] });
    expect(kiosk.money.status().hoppers.find((hopper) => hopper.coinValue === 500)?.coins).toBe(0);
    squared(kiosk);
    kiosk.stop();
  });

  it('both hoppers short mid-dispense: the coins they had, and a voucher for the rest of the change', async () => {
    const kiosk = await SessionHarness.create();
    await toPayment(kiosk, RESIDENT_COPY);
    kiosk.cash.hoppers.setCoins(500, 0);
    kiosk.cash.hoppers.setCoins(100, 2);
    await kiosk.insertNotes([5000]);
    await kiosk.waitForScreen('thank-you', 60_000);
    expect(kiosk.view).toMatchObject({ refund: { amount: 4600, paidInCoins: 0, voucherAmount: 4600 } });
    await kiosk.finish();
    expect(ledgerOf(kiosk.outbox())).toMatchObject({ in: 5000, feesKept: 200, changePaid: 200, refundOwed: 4600, outcomes: ['issued'] });
    expect(kiosk.money.ledger.vouchers('S00001')).toMatchObject([{ amount: 4600, reason: 'change-short' }]);
    squared(kiosk);
    kiosk.stop();
  });
});
