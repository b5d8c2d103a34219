import { FakeClock } from '../../common/clock';
import { IDLE_LIMIT_MS, MAX_EXTENSIONS, THANK_YOU_MS, WARNING_SECONDS, type IdleTiming } from '../../state-machines/session/timeouts';
import { ledgerOf, ledgerProblems, SessionHarness, unconnectedRuntime, WEDNESDAY_10AM } from './testing';

/** A runtime with nothing connected (no money can be taken) and the kiosk's idle timing from the configuration. */
function timedRuntime(idleTiming?: IdleTiming) {
  const clock = new FakeClock(WEDNESDAY_10AM);
  const runtime = unconnectedRuntime({ clock, ...(idleTiming ? { idleTiming } : {}) });
  return { clock, runtime };
}

describe('time-outs', () => {
  it('warn before the limit with a countdown of at least 20 s, and allow at least 10 extensions', async () => {
    const kiosk = await SessionHarness.create();
    await kiosk.do({ type: 'chooseLanguage', language: 'ko' });
    expect(WARNING_SECONDS).toBeGreaterThanOrEqual(20);
    expect(MAX_EXTENSIONS).toBeGreaterThanOrEqual(10);
    await kiosk.advance(IDLE_LIMIT_MS['choose-document'] - 1);
    expect(kiosk.view.timeout).toBeNull();
    await kiosk.advance(1);
    expect(kiosk.view).toMatchObject({ screen: 'choose-document', timeout: { secondsLeft: WARNING_SECONDS, extensionsLeft: MAX_EXTENSIONS } });
    await kiosk.advance(10_000);
    expect(kiosk.view.timeout).toEqual({ secondsLeft: WARNING_SECONDS - 10, extensionsLeft: MAX_EXTENSIONS });
    for (let extension = 1; extension <= MAX_EXTENSIONS; extension++) {
      await kiosk.do({ type: 'extendTime' });
      expect(kiosk.view.timeout).toBeNull();
      await kiosk.advance(IDLE_LIMIT_MS['choose-document']);
      expect(kiosk.view.timeout).toEqual({ secondsLeft: WARNING_SECONDS, extensionsLeft: MAX_EXTENSIONS - extension });
    }
    expect(await kiosk.send({ type: 'extendTime' })).toMatchObject({ accepted: false, reason: 'not-now' });
    // Touching the screen is activity: the limit starts again without using an extension.
    await kiosk.do({ type: 'chooseLanguage', language: 'en' });
    expect(kiosk.view.timeout).toBeNull();
    await kiosk.advance(IDLE_LIMIT_MS['choose-document'] + WARNING_SECONDS * 1000);
    expect(kiosk.view.screen).toBe('attract');
    // Nobody chose a document: no session began, nothing is logged.
    expect(kiosk.sessionEvents()).toEqual([]);
    kiosk.stop();
  });

  it("follow the kiosk's idle timing (configuration `session`): limits × idleScale, the warning's seconds, across sessions", async () => {
    const { clock, runtime } = timedRuntime({ idleScale: 0.1, warningSeconds: 5 });
    const limit = IDLE_LIMIT_MS['choose-document'] / 10;
    await runtime.send({ type: 'chooseLanguage', language: 'ko' });
    await clock.advance(limit - 1);
    expect(runtime.view().timeout).toBeNull();
    await clock.advance(1);
    expect(runtime.view()).toMatchObject({ screen: 'choose-document', timeout: { secondsLeft: 5, extensionsLeft: MAX_EXTENSIONS } });
    await clock.advance(2000);
    expect(runtime.view().timeout).toEqual({ secondsLeft: 3, extensionsLeft: MAX_EXTENSIONS });
    expect(await runtime.send({ type: 'extendTime' })).toMatchObject({ accepted: true });
    expect(runtime.view().timeout).toBeNull();
    await clock.advance(limit);
    expect(runtime.view().timeout).toEqual({ secondsLeft: 5, extensionsLeft: MAX_EXTENSIONS - 1 });
    await clock.advance(5000 - 1);
    expect(runtime.view().screen).toBe('choose-document');
    await clock.advance(1);
    expect(runtime.view()).toMatchObject({ screen: 'attract', timeout: null });

    // The timing is the kiosk's, not the citizen's: the next visit has it too, and voice guidance still doubles it.
    expect(runtime.inspect().context.idleTiming).toEqual({ idleScale: 0.1, warningSeconds: 5 });
    await runtime.send({ type: 'touch' });
    expect(runtime.inspect().context.idle.limitMs).toBe(IDLE_LIMIT_MS.language / 10);
    await runtime.send({ type: 'setDisplay', voice: { enabled: true } });
    await runtime.send({ type: 'chooseLanguage', language: 'ko' });
    expect(runtime.inspect().context.idle.limitMs).toBe((IDLE_LIMIT_MS['choose-document'] / 10) * 2);
    runtime.stop();
  });

  it('keep the production timing when the configuration says nothing', async () => {
    const { clock, runtime } = timedRuntime();
    await runtime.send({ type: 'chooseLanguage', language: 'ko' });
    expect(runtime.inspect().context.idle.limitMs).toBe(IDLE_LIMIT_MS['choose-document']);
    await clock.advance(IDLE_LIMIT_MS['choose-document']);
    expect(runtime.view().timeout?.secondsLeft).toBe(WARNING_SECONDS);
    runtime.stop();
  });

  it('refuse to extend when no warning is shown', async () => {
    const kiosk = await SessionHarness.create();
    await kiosk.do({ type: 'touch' });
    expect(await kiosk.send({ type: 'extendTime' })).toMatchObject({ accepted: false });
    kiosk.stop();
  });

  it('give double time to a citizen using voice guidance or large text', async () => {
    const kiosk = await SessionHarness.create();
    await kiosk.do({ type: 'touch' });
    await kiosk.do({ type: 'setDisplay', textScale: 2 });
    await kiosk.do({ type: 'chooseLanguage', language: 'ko' });
    await kiosk.advance(IDLE_LIMIT_MS['choose-document'] * 2 - 1);
    expect(kiosk.view.timeout).toBeNull();
    await kiosk.advance(1);
    expect(kiosk.view.timeout?.secondsLeft).toBe(WARNING_SECONDS);
    kiosk.stop();
  });

  it('abandon a session with documents in the basket: outcome logged, reserved numbers released, data wiped', async () => {
    const kiosk = await SessionHarness.create();
    await kiosk.chooseDocuments([{ code: 'resident-copy' }]);
    await kiosk.typeResidentNumber();
    await kiosk.waitFor((view) => view.screen === 'summary' && view.canPay, 30_000);
    await kiosk.advance(IDLE_LIMIT_MS.summary + WARNING_SECONDS * 1000);
    expect(kiosk.view.screen).toBe('attract');
    expect(kiosk.sessionEvents().map((event) => [event.type, event.payload.outcome ?? event.payload.reason])).toEqual([
      ['document.released', 'abandoned'],
      ['session.completed', 'abandoned'],
    ]);
    const { context } = kiosk.runtime.inspect();
    expect(context).toMatchObject({ digits: '', basket: [], sessionId: null, identity: { token: null } });
    expect(kiosk.ports.printing.documents.size).toBe(0);
    kiosk.stop();
  });

  it('never run while a note is in the acceptor', async () => {
    const kiosk = await SessionHarness.create();
    await kiosk.chooseDocuments([{ code: 'resident-copy' }]);
    await kiosk.typeResidentNumber();
    await kiosk.pay();
    await kiosk.advance(IDLE_LIMIT_MS.payment - 1000);
    expect(kiosk.insert(5000)).toBe(true);
    // As soon as the unit reads the note the screen stops counting, and stays so while the note is decided and moved.
    await kiosk.waitFor((view) => view.screen === 'payment' && view.phase !== 'insert', 1000);
    for (const phase of ['checking', 'stacking'] as const) {
      await kiosk.waitFor((view) => view.screen === 'payment' && view.phase === phase, 10_000);
      expect(kiosk.view).toMatchObject({ timeout: null });
      expect(kiosk.runtime.inspect().context.idle.limitMs).toBeNull();
    }
    await kiosk.waitForScreen('thank-you', 120_000);
    expect(ledgerOf(kiosk.outbox())).toMatchObject({ in: 5000, feesKept: 200, changePaid: 4800, outcomes: ['issued'] });
    kiosk.stop();
  });

  it('on the payment screen, refund the money stacked when time runs out', async () => {
    const kiosk = await SessionHarness.create();
    await kiosk.chooseDocuments([{ code: 'resident-copy' }, { code: 'family-relations', copies: 2 }]);
    await kiosk.typeResidentNumber();
    await kiosk.pay();
    await kiosk.insertNotes([1000]);
    await kiosk.waitFor((view) => view.screen === 'payment' && view.inserted === 1000 && view.phase === 'insert', 30_000);
    const expires = IDLE_LIMIT_MS.payment + WARNING_SECONDS * 1000;
    await kiosk.advance(expires - 1000);
    expect(kiosk.view.timeout?.secondsLeft).toBe(1);
    await kiosk.waitForScreen('thank-you', 60_000);
    expect(kiosk.view).toMatchObject({ screen: 'thank-you', refund: { amount: 1000, paidInCoins: 1000, voucherAmount: 0 } });
    expect(kiosk.cash.acceptor.cashBoxTotal()).toBe(1000);
    expect(kiosk.coinsOut()).toBe(1000);
    const types = kiosk.sessionEvents().map((event) => event.type);
    expect(types).toEqual(['cash.note-stacked', 'cash.refund-paid', 'document.released', 'document.released', 'session.completed']);
    expect(ledgerOf(kiosk.outbox())).toMatchObject({ in: 1000, refundPaid: 1000, outcomes: ['abandoned'] });
    await kiosk.advance(THANK_YOU_MS);
    expect(kiosk.view.screen).toBe('attract');
    expect(ledgerProblems(kiosk)).toEqual([]);
    kiosk.stop();
  });

  it('abandoned with money and no coins: a voucher for what the hoppers cannot pay', async () => {
    const kiosk = await SessionHarness.create();
    await kiosk.chooseDocuments([{ code: 'resident-copy' }, { code: 'family-relations', copies: 2 }]);
    await kiosk.typeResidentNumber();
    await kiosk.pay();
    await kiosk.insertNotes([1000]);
    await kiosk.waitFor((view) => view.screen === 'payment' && view.inserted === 1000, 30_000);
    // The ₩500 hopper jams after its first coin and the ₩100 hopper before its first.
    kiosk.cash.hoppers.jamAfter(500, 1);
    kiosk.cash.hoppers.jamAfter(100, 0);
    await kiosk.advance(IDLE_LIMIT_MS.payment + WARNING_SECONDS * 1000);
    await kiosk.waitForScreen('thank-you', 60_000);
    expect(kiosk.view).toMatchObject({ refund: { amount: 1000, paidInCoins: 500, voucherAmount: 500 } });
    const voucherCode = (kiosk.view as { refund: { voucherCode: string } }).refund.voucherCode;
    expect(kiosk.ports.printing.slips).toMatchObject([{ kind: 'receipt', voucher: { code: voucherCode, amount: 500 } }]);
    expect(ledgerOf(kiosk.outbox())).toMatchObject({ in: 1000, refundPaid: 500, refundOwed: 500, outcomes: ['abandoned'] });
    expect(ledgerProblems(kiosk)).toEqual([]);
    kiosk.stop();
  });

  it('do not run while printing, however long the printer takes within its recovery limit', async () => {
    const kiosk = await SessionHarness.create();
    kiosk.ports.printing.pagesOf.set('resident-copy', 3);
    kiosk.ports.printing.faults.push({ atPage: 2, code: 'paper-jam', recoversAfterMs: 170_000 });
    await kiosk.chooseDocuments([{ code: 'resident-copy' }]);
    await kiosk.typeResidentNumber();
    await kiosk.pay();
    await kiosk.insertNotes([1000]);
    await kiosk.waitFor((view) => view.screen === 'printing' && view.phase === 'waiting-for-printer', 60_000);
    expect(kiosk.view).toMatchObject({ page: 1, pages: 3, faultKey: 'printer.paper-jam', canCancel: false });
    for (let waited = 0; waited < 160_000; waited += 10_000) {
      await kiosk.advance(10_000);
      expect(kiosk.view).toMatchObject({ screen: 'printing', timeout: null });
    }
    await kiosk.waitForScreen('thank-you', 60_000);
    // Page 1 before the jam, pages 2–3 after: one complete copy, no page printed twice.
    expect(kiosk.ports.printing.printed.map((entry) => entry.page)).toEqual([1, 2, 3]);
    expect(ledgerOf(kiosk.outbox())).toMatchObject({ feesKept: 200, changePaid: 800, outcomes: ['issued'] });
    kiosk.stop();
  });
});
