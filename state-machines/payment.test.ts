import { createActor, fromCallback, fromPromise } from 'xstate';
import { FakeClock } from '../common/clock';
import type { CollectionEvent, SessionMoneyOutcome } from '../kiosk/cash/types';
import {
  actorClock,
  paymentMachine,
  paymentView,
  type CashMachineEvent,
  type CollectCashInput,
  type PaymentEvent,
  type PaymentInput,
  type RefundInput,
  type SettleInput,
} from './payment';

/** The machine alone, with the money service replaced by scripted actors: pure logic and timing on a fake clock. */
function outcome(partial: Partial<SessionMoneyOutcome>): SessionMoneyOutcome {
  return {
    sessionId: 's',
    amountDue: 0,
    received: 0,
    feeKept: 0,
    changePaid: 0,
    refundPaid: 0,
    refundOwed: 0,
    inDoubt: 0,
    coins: {},
    voucher: undefined,
    closed: true,
    ...partial,
  };
}

function harness(input: PaymentInput, script: { start?: 'ok' | 'change-unavailable'; refund?: SessionMoneyOutcome; settle?: SessionMoneyOutcome; refundFails?: boolean } = {}) {
  const clock = new FakeClock();
  let send: ((event: PaymentEvent) => void) | undefined;
  const calls: string[] = [];
  const machine = paymentMachine.provide({
    actors: {
      collectCash: fromCallback<PaymentEvent, CollectCashInput>(({ sendBack, input: collectInput }) => {
        calls.push(`collect ${collectInput.sessionId} ${collectInput.amountDue}`);
        send = sendBack;
        queueMicrotask(() =>
          script.start === 'change-unavailable'
            ? sendBack({ type: 'cash.unavailable', error: { kind: 'change-unavailable', detail: 'no change' } })
            : sendBack({ type: 'cash.started', enabledNotes: [1000, 5000], received: 0 }),
        );
        return () => calls.push('collect stopped');
      }),
      refund: fromPromise<SessionMoneyOutcome, RefundInput>(async ({ input: refundInput }) => {
        calls.push(`refund ${refundInput.sessionId}`);
        if (script.refundFails) throw new Error('database gone');
        return script.refund ?? outcome({});
      }),
      settle: fromPromise<SessionMoneyOutcome, SettleInput>(async ({ input: settleInput }) => {
        calls.push(`settle ${settleInput.sessionId} ${settleInput.feeKept}`);
        return script.settle ?? outcome({});
      }),
    },
  });
  const actor = createActor(machine, { input, clock: actorClock(clock) });
  actor.start();
  const cash = (event: CollectionEvent) => {
    if (!send) throw new Error('collectCash not started');
    send({ ...event, type: `cash.${event.type}` } as CashMachineEvent);
  };
  return { clock, actor, calls, cash, view: () => paymentView(actor.getSnapshot()) };
}

const flush = (clock: FakeClock) => clock.advance(0);

describe('payment machine', () => {
  it('ends at once with nothing to pay', () => {
    const h = harness({ sessionId: 's', amountDue: 0 });
    expect(h.actor.getSnapshot().status).toBe('done');
    expect(h.actor.getSnapshot().output).toMatchObject({ result: 'nothing-due', messageKey: 'payment.done' });
    expect(h.calls).toEqual([]);
  });

  it('collects, waits for the session, settles and says to take the change', async () => {
    const h = harness({ sessionId: 's1', amountDue: 700 }, { settle: outcome({ received: 1000, feeKept: 700, changePaid: 300 }) });
    await flush(h.clock);
    expect(h.view()).toMatchObject({ stage: 'collecting', messageKey: 'payment.insert-notes', remaining: 700, enabledNotes: [1000, 5000] });
    h.cash({ type: 'note-reading' });
    expect(h.view()).toMatchObject({ stage: 'handling-note', messageKey: 'payment.checking-note' });
    h.cash({ type: 'note-escrowed', value: 1000 });
    h.cash({ type: 'note-stacking', value: 1000 });
    h.cash({ type: 'note-stacked', value: 1000, received: 1000, remaining: 0 });
    h.cash({ type: 'paid', received: 1000, change: 300 });
    expect(h.view()).toMatchObject({ stage: 'paid', messageKey: 'payment.paid', received: 1000, remaining: 0 });
    // Paid: no time-out runs while the session issues the documents.
    await h.clock.advance(10 * 60_000);
    expect(h.view().stage).toBe('paid');
    h.actor.send({ type: 'payment.settle', feeKept: 700 });
    await flush(h.clock);
    expect(h.calls).toEqual(['collect s1 700', 'collect stopped', 'settle s1 700']);
    expect(h.actor.getSnapshot().output).toMatchObject({ result: 'completed', messageKey: 'payment.change.take-coins', money: { changePaid: 300 } });
  });

  it('says why a note came back, and keeps waiting', async () => {
    const h = harness({ sessionId: 's', amountDue: 700 });
    await flush(h.clock);
    h.cash({ type: 'note-escrowed', value: 50000 });
    h.cash({ type: 'note-returning', value: 50000, reason: 'change-unavailable' });
    expect(h.view().messageKey).toBe('payment.note-returned.change-unavailable');
    h.cash({ type: 'note-returned', value: 50000, reason: 'change-unavailable' });
    expect(h.view()).toMatchObject({ stage: 'collecting', messageKey: 'payment.note-returned.change-unavailable' });
    h.cash({ type: 'note-reading' });
    h.cash({ type: 'note-rejected', reason: 'magnetic' });
    expect(h.view()).toMatchObject({ stage: 'collecting', messageKey: 'payment.note-rejected' });
  });

  it('warns before timing out, gives the time to answer, and refunds on time-out', async () => {
    const h = harness({ sessionId: 's', amountDue: 2000 }, { refund: outcome({ received: 1000, refundPaid: 1000 }) });
    await flush(h.clock);
    h.cash({ type: 'note-reading' });
    h.cash({ type: 'note-stacked', value: 1000, received: 1000, remaining: 1000 });
    await h.clock.advance(59_999);
    expect(h.view().stage).toBe('collecting');
    await h.clock.advance(1);
    expect(h.view()).toMatchObject({ stage: 'warning', messageKey: 'payment.still-there', canExtend: true });
    await h.clock.advance(29_999);
    expect(h.view().stage).toBe('warning');
    await h.clock.advance(1);
    await flush(h.clock);
    expect(h.calls).toContain('refund s');
    expect(h.actor.getSnapshot().output).toMatchObject({ result: 'refunded', reason: 'timed-out', messageKey: 'payment.refund.coins' });
  });

  it('lets the citizen extend at least ten times, then times out', async () => {
    const h = harness({ sessionId: 's', amountDue: 1000 });
    await flush(h.clock);
    for (let i = 0; i < 10; i++) {
      await h.clock.advance(60_000);
      expect(h.view()).toMatchObject({ stage: 'warning', canExtend: true });
      h.actor.send({ type: 'payment.extend' });
      expect(h.view()).toMatchObject({ stage: 'collecting', messageKey: 'payment.insert-notes' });
    }
    await h.clock.advance(60_000);
    expect(h.view()).toMatchObject({ stage: 'warning', canExtend: false });
    h.actor.send({ type: 'payment.extend' });
    expect(h.view().stage).toBe('warning');
    await h.clock.advance(30_000);
    expect(h.actor.getSnapshot().output).toMatchObject({ result: 'refunded', reason: 'timed-out', messageKey: 'payment.timed-out' });
  });

  it('never times out while a note is being handled', async () => {
    const h = harness({ sessionId: 's', amountDue: 1000 });
    await flush(h.clock);
    await h.clock.advance(50_000);
    h.cash({ type: 'note-reading' });
    await h.clock.advance(5 * 60_000);
    expect(h.view().stage).toBe('handling-note');
    h.cash({ type: 'note-returned', value: 1000, reason: 'not-accepted' });
    // The idle timer starts again from the moment the note was dealt with.
    await h.clock.advance(59_000);
    expect(h.view().stage).toBe('collecting');
    await h.clock.advance(1000);
    expect(h.view().stage).toBe('warning');
  });

  it('a note inserted during the warning is an answer', async () => {
    const h = harness({ sessionId: 's', amountDue: 1000 });
    await flush(h.clock);
    await h.clock.advance(60_000);
    h.cash({ type: 'note-reading' });
    await h.clock.advance(60_000);
    expect(h.view().stage).toBe('handling-note');
  });

  it('cancels with a note being handled: the refund actor returns it', async () => {
    const h = harness({ sessionId: 's', amountDue: 1000 }, { refund: outcome({ received: 0 }) });
    await flush(h.clock);
    h.cash({ type: 'note-escrowed', value: 1000 });
    h.actor.send({ type: 'payment.cancel' });
    await flush(h.clock);
    expect(h.calls).toEqual(['collect s 1000', 'collect stopped', 'refund s']);
    expect(h.actor.getSnapshot().output).toMatchObject({ result: 'refunded', reason: 'cancelled', messageKey: 'payment.cancelled' });
  });

  it('refunds by voucher when the coins are short, and says so', async () => {
    const voucher = { code: 'RV-1', sessionId: 's', amount: 1500, reason: 'refund-short' as const, createdAt: 0 };
    const h = harness({ sessionId: 's', amountDue: 3000 }, { refund: outcome({ received: 2000, refundPaid: 500, refundOwed: 1500, voucher }) });
    await flush(h.clock);
    h.actor.send({ type: 'payment.cancel' });
    await flush(h.clock);
    expect(h.actor.getSnapshot().output).toMatchObject({ result: 'refunded', messageKey: 'payment.refund.voucher', money: { voucher } });
  });

  it.each([
    ['jam', 'payment.fault.jam'],
    ['stacker-full', 'payment.fault.stacker-full'],
    ['cash-box-open', 'payment.fault.cash-box-open'],
    ['cheated', 'payment.fault.cheated'],
    ['failure', 'payment.fault.failure'],
    ['device-gone', 'payment.fault.device-gone'],
    ['not-responding', 'payment.fault.not-responding'],
  ] as const)('turns an acceptor fault (%s) into its message and a refund', async (fault, key) => {
    const h = harness({ sessionId: 's', amountDue: 1000 }, { refund: outcome({}) });
    await flush(h.clock);
    h.cash({ type: 'note-reading' });
    h.cash({ type: 'fault', fault, detail: fault, received: 0, noteCounted: undefined, noteUncertain: undefined });
    expect(h.view()).toMatchObject({ stage: 'refunding', messageKey: key });
    await flush(h.clock);
    expect(h.actor.getSnapshot().output).toMatchObject({ result: 'refunded', reason: 'fault', fault, messageKey: key });
  });

  it('stops collecting when nothing more can be accepted, and refunds', async () => {
    const h = harness({ sessionId: 's', amountDue: 1500 }, { refund: outcome({ received: 1000, refundPaid: 1000 }) });
    await flush(h.clock);
    h.cash({ type: 'note-stacked', value: 1000, received: 1000, remaining: 500 });
    h.cash({ type: 'cannot-complete', received: 1000, remaining: 500 });
    await flush(h.clock);
    expect(h.actor.getSnapshot().output).toMatchObject({ result: 'refunded', reason: 'change-unavailable', messageKey: 'payment.refund.coins' });
  });

  it('reports an unavailable start without taking anything', async () => {
    const h = harness({ sessionId: 's', amountDue: 700 }, { start: 'change-unavailable' });
    await flush(h.clock);
    expect(h.actor.getSnapshot().output).toMatchObject({ result: 'unavailable', reason: 'change-unavailable', messageKey: 'payment.change-unavailable' });
    expect(h.calls).not.toContain('refund s');
  });

  it('cancels after payment when the session could issue nothing', async () => {
    const h = harness({ sessionId: 's', amountDue: 1000 }, { refund: outcome({ received: 1000, refundPaid: 1000 }) });
    await flush(h.clock);
    h.cash({ type: 'paid', received: 1000, change: 0 });
    h.actor.send({ type: 'payment.cancel' });
    await flush(h.clock);
    expect(h.actor.getSnapshot().output).toMatchObject({ result: 'refunded', reason: 'cancelled', messageKey: 'payment.refund.coins' });
  });

  it('asks for staff when the money service fails', async () => {
    const h = harness({ sessionId: 's', amountDue: 1000 }, { refundFails: true });
    await flush(h.clock);
    h.actor.send({ type: 'payment.cancel' });
    await flush(h.clock);
    expect(h.actor.getSnapshot().output).toMatchObject({ result: 'failed', messageKey: 'payment.money-in-doubt' });
  });
});
