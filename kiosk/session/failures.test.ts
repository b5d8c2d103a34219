import { silentLogger } from '../../common/log';
import { createFingerprintReader } from '../../devices/fingerprint/factory';
import { MAX_PRINT_RECOVERIES, NOTICE_MS, PRINTER_RECOVERY_LIMIT_MS } from '../../state-machines/session/timeouts';
import type { ViewOf } from '../../state-machines/view-model';
import { FakeIdentityVerifier } from '../../test/support/fake-identity-verifier';
import { ReaderIdentityPort } from '../adapters/identity';
import { FAKE_CITIZEN, FAKE_PAGE_MS } from './fakes';
import type { IdentityPort } from './ports';
import { ledgerOf, ledgerProblems, SessionHarness } from './testing';

async function toFingerprint(kiosk: SessionHarness) {
  await kiosk.chooseDocuments([{ code: 'resident-copy' }]);
  await kiosk.typeResidentNumber();
}

describe('identity', () => {
  it('allows three attempts, then sends the citizen to the counter', async () => {
    const kiosk = await SessionHarness.create();
    kiosk.ports.identity.autoFinger = 'someone-else';
    await toFingerprint(kiosk);
    for (const left of [2, 1]) {
      const view = (await kiosk.waitFor((next) => next.screen === 'fingerprint' && next.phase === 'retry', 30_000)) as ViewOf<'fingerprint'>;
      expect(view).toMatchObject({ attemptsLeft: left, guidanceKey: 'fingerprint.no-match' });
      await kiosk.do({ type: 'retryFingerprint' });
    }
    const failed = await kiosk.waitForScreen('identity-failed', 30_000);
    expect(failed).toMatchObject({ reasonKey: 'identity.attempts-exhausted' });
    expect(kiosk.ports.identity.verifications).toBe(3);
    expect(kiosk.ports.records.fetches).toBe(0);
    expect(kiosk.runtime.inspect().context.digits).toBe('');
    await kiosk.do({ type: 'acknowledge' });
    expect(kiosk.view.screen).toBe('attract');
    expect(ledgerOf(kiosk.outbox()).outcomes).toEqual(['identity-failed']);
    kiosk.stop();
  });

  it('stops at once when the central office has locked the number or does not know it', async () => {
    for (const [setup, reasonKey] of [
      [(kiosk: SessionHarness) => kiosk.ports.identity.attemptsLeft.set('900101-1234568', 0), 'identity.locked'],
      [(kiosk: SessionHarness) => kiosk.ports.identity.residents.clear(), 'identity.unknown-resident'],
      [(kiosk: SessionHarness) => (kiosk.ports.identity.readerFault = 'sensor-error'), 'identity.reader-fault'],
      [(kiosk: SessionHarness) => (kiosk.ports.identity.officeUnreachable = true), 'identity.office-unreachable'],
    ] as const) {
      const kiosk = await SessionHarness.create();
      setup(kiosk);
      await toFingerprint(kiosk);
      expect(await kiosk.waitForScreen('identity-failed', 30_000)).toMatchObject({ reasonKey });
      kiosk.stop();
    }
  });

  it('does not count a capture without a finger or with a poor image as an attempt', async () => {
    const kiosk = await SessionHarness.create();
    kiosk.ports.identity.autoFinger = null;
    await toFingerprint(kiosk);
    await kiosk.waitFor((view) => view.screen === 'fingerprint' && view.phase === 'place-finger', 10_000);
    let view = (await kiosk.waitFor((next) => next.screen === 'fingerprint' && next.phase === 'retry', 60_000)) as ViewOf<'fingerprint'>;
    expect(view).toMatchObject({ attemptsLeft: 3, guidanceKey: 'fingerprint.no-finger' });
    await kiosk.do({ type: 'retryFingerprint' });
    kiosk.ports.identity.placeFinger('kim-right-thumb', 'poor');
    view = (await kiosk.waitFor((next) => next.screen === 'fingerprint' && next.phase === 'retry', 60_000)) as ViewOf<'fingerprint'>;
    expect(view).toMatchObject({ attemptsLeft: 3, guidanceKey: 'fingerprint.poor-image' });
    // Back to correct the number: the attempts already used stay used.
    await kiosk.do({ type: 'back' });
    expect(kiosk.view).toMatchObject({ screen: 'resident-number', digitCount: 0 });
    await kiosk.typeResidentNumber();
    expect(kiosk.ports.identity.placeFinger('kim-right-thumb')).toBe(true);
    await kiosk.waitForScreen('summary', 30_000);
    const phases = kiosk.views.flatMap((view) => (view.screen === 'fingerprint' ? [view.phase] : []));
    expect(phases.slice(-4)).toEqual(['place-finger', 'reading', 'lift-finger', 'verifying']);
    kiosk.stop();
  });
});

/**
 * The production IdentityPort (kiosk/adapters/identity.ts) over the real R30x driver and its simulator, in place of
 * the harness's fake, so that what happens at the reader (polling, unplugging) reaches the session as it would on a
 * kiosk. The central office is the synthetic-print verifier of the other identity tests.
 */
async function withReader(kiosk: SessionHarness) {
  const log = silentLogger();
  const { reader, simulator } = await createFingerprintReader({ driver: 'simulated' }, { clock: kiosk.clock, log });
  const verifier = new FakeIdentityVerifier(new Set([FAKE_CITIZEN.residentNumber]));
  const port = new ReaderIdentityPort({ reader, verifier, clock: kiosk.clock, log });
  // The runtime's effects look the port up on this object at each capture: swap the fake for the adapter.
  (kiosk.ports as unknown as { identity: IdentityPort }).identity = port;
  return { reader, simulator: simulator!, verifier, port };
}

describe('identity at the real reader', () => {
  it('match: the masked number, "place your finger", reading, checking, then the documents', async () => {
    const kiosk = await SessionHarness.create();
    const { reader, simulator, verifier, port } = await withReader(kiosk);
    await kiosk.chooseDocuments([{ code: 'resident-copy' }]);
    await kiosk.waitForScreen('resident-number', 10_000);
    for (const digit of FAKE_CITIZEN.residentNumber.replace('-', '')) await kiosk.do({ type: 'enterDigit', digit });
    expect(kiosk.view).toMatchObject({ screen: 'resident-number', masked: '900101-1●●●●●●', complete: true, errorKey: null, warningKey: null });
    await kiosk.do({ type: 'confirmResidentNumber' });
    await kiosk.waitFor((view) => view.screen === 'fingerprint' && view.phase === 'place-finger', 10_000);
    expect(kiosk.view).toMatchObject({ attemptsLeft: 3, canCancel: true });
    simulator.placeFinger(FAKE_CITIZEN.residentNumber);
    await kiosk.waitForScreen('summary', 30_000);
    const phases = kiosk.views.flatMap((view) => (view.screen === 'fingerprint' ? [view.phase] : []));
    expect([...new Set(phases)]).toEqual(['place-finger', 'reading', 'verifying']);
    // The template went once to the office and was zeroed; the number left memory with the verdict.
    expect(verifier.templateBuffers).toHaveLength(1);
    expect(verifier.templateBuffers[0]?.every((byte) => byte === 0)).toBe(true);
    expect(port.heldTemplates).toBe(0);
    expect(kiosk.runtime.inspect().context.digits).toBe('');
    await reader.close();
    kiosk.stop();
  });

  it('reader unplugged mid-capture: the citizen is sent to the counter, nothing is taken and nothing is kept', async () => {
    const kiosk = await SessionHarness.create();
    const { reader, simulator, verifier, port } = await withReader(kiosk);
    await toFingerprint(kiosk);
    await kiosk.waitFor((view) => view.screen === 'fingerprint' && view.phase === 'place-finger', 10_000);
    // The reader is polling for a finger (GenImg every 100 ms) when the cable comes out.
    await kiosk.advance(1_000);
    expect(kiosk.view).toMatchObject({ screen: 'fingerprint', phase: 'place-finger', attemptsLeft: 3 });
    simulator.unplug();
    const failed = await kiosk.waitForScreen('identity-failed', 60_000);
    // What the citizen sees: identity could not be checked, why, and the way out (acknowledge → the counter).
    expect(failed).toMatchObject({ screen: 'identity-failed', reasonKey: 'identity.reader-fault', canCancel: true });
    expect(kiosk.views.some((view) => view.screen === 'fingerprint' && view.phase === 'retry')).toBe(false);
    // Nothing taken: no template reached the office, no record was fetched, no money was asked for.
    expect(verifier.templateBuffers).toHaveLength(0);
    expect(port.heldTemplates).toBe(0);
    expect(kiosk.ports.records.fetches).toBe(0);
    expect(kiosk.cash.citizen.inserted).toBe(0);
    // Nothing kept: the number is out of memory and no snapshot of the session is left on disk afterwards.
    expect(kiosk.runtime.inspect().context.digits).toBe('');
    await kiosk.do({ type: 'acknowledge' });
    expect(kiosk.view.screen).toBe('attract');
    expect(ledgerOf(kiosk.outbox()).outcomes).toEqual(['identity-failed']);
    expect(ledgerProblems(kiosk)).toEqual([]);
    expect(kiosk.store.loadCheckpoint()).toBeNull();
    expect(kiosk.money.status().openAccounts).toBe(0);
    await reader.close();
    kiosk.stop();
  });

  it('cancel during the capture stops the reader: a finger placed afterwards is not read', async () => {
    const kiosk = await SessionHarness.create();
    const { reader, simulator, verifier, port } = await withReader(kiosk);
    await toFingerprint(kiosk);
    await kiosk.waitFor((view) => view.screen === 'fingerprint' && view.phase === 'place-finger', 10_000);
    await kiosk.advance(500);
    await kiosk.do({ type: 'cancel' });
    await kiosk.finish(30_000);
    await kiosk.advance(1_000);
    simulator.placeFinger(FAKE_CITIZEN.residentNumber);
    await kiosk.advance(1_000);
    expect(simulator.simulator.fingerOnSensor).toBe('person');
    expect(verifier.templateBuffers).toHaveLength(0);
    expect(port.heldTemplates).toBe(0);
    expect(kiosk.runtime.inspect().context.digits).toBe('');
    expect(ledgerOf(kiosk.outbox()).outcomes).toEqual(['cancelled']);
    await reader.close();
    kiosk.stop();
  });
});

describe('cancel', () => {
  const steps: [string, (kiosk: SessionHarness) => Promise<void>][] = [
    ['language', async (kiosk) => kiosk.do({ type: 'touch' })],
    ['documents', async (kiosk) => kiosk.do({ type: 'chooseLanguage', language: 'ko' })],
    ['options', async (kiosk) => {
      await kiosk.do({ type: 'chooseLanguage', language: 'ko' });
      await kiosk.do({ type: 'selectDocument', code: 'resident-copy' });
    }],
    ['resident number', async (kiosk) => {
      await kiosk.chooseDocuments([{ code: 'resident-copy' }]);
      await kiosk.waitForScreen('resident-number', 10_000);
    }],
    ['fingerprint', async (kiosk) => {
      kiosk.ports.identity.autoFinger = null;
      await toFingerprint(kiosk);
      await kiosk.waitForScreen('fingerprint', 10_000);
    }],
    ['records', async (kiosk) => {
      await toFingerprint(kiosk);
      await kiosk.waitForScreen('loading-records', 10_000);
    }],
    ['summary', async (kiosk) => {
      await toFingerprint(kiosk);
      await kiosk.waitFor((view) => view.screen === 'summary' && view.canPay, 30_000);
    }],
    ['payment', async (kiosk) => {
      await toFingerprint(kiosk);
      await kiosk.pay();
    }],
  ];

  for (const [name, reach] of steps) {
    it(`is possible on the ${name} step and leaves nothing behind`, async () => {
      const kiosk = await SessionHarness.create();
      await reach(kiosk);
      expect(kiosk.view.canCancel).toBe(true);
      await kiosk.do({ type: 'cancel' });
      await kiosk.finish(30_000);
      const ledger = ledgerOf(kiosk.outbox());
      expect(ledger.outcomes).toEqual(kiosk.sessionEvents().length === 0 ? [] : ['cancelled']);
      expect(ledgerProblems(kiosk)).toEqual([]);
      expect(kiosk.ports.identity.capturing).toBe(false);
      // The acceptor is inhibited again and the money service holds no open account.
      expect(kiosk.cash.acceptor.status().kind).toBe('disabled');
      expect(kiosk.money.status().openAccounts).toBe(0);
      kiosk.stop();
    });
  }

  it('during payment gives back the money already stacked, and waits for a note being stacked', async () => {
    const kiosk = await SessionHarness.create();
    await kiosk.chooseDocuments([{ code: 'resident-copy' }, { code: 'family-relations', copies: 2 }]);
    await kiosk.typeResidentNumber();
    await kiosk.pay();
    await kiosk.insertNotes([1000]);
    await kiosk.waitFor((view) => view.screen === 'payment' && view.inserted === 1000 && view.phase === 'insert', 30_000);
    await kiosk.waitUntil(() => kiosk.slotOpen, 10_000);
    expect(kiosk.insert(1000)).toBe(true);
    await kiosk.waitFor((view) => view.screen === 'payment' && view.phase === 'stacking', 10_000);
    expect(kiosk.view.canCancel).toBe(true);
    await kiosk.do({ type: 'cancel' });
    await kiosk.waitForScreen('thank-you', 60_000);
    expect(kiosk.view).toMatchObject({ refund: { amount: 2000, paidInCoins: 2000 } });
    expect(ledgerOf(kiosk.outbox())).toMatchObject({ in: 2000, refundPaid: 2000, feesKept: 0, outcomes: ['cancelled'] });
    expect(ledgerProblems(kiosk)).toEqual([]);
    kiosk.stop();
  });

  it('is refused once printing has started', async () => {
    const kiosk = await SessionHarness.create();
    await toFingerprint(kiosk);
    await kiosk.pay();
    await kiosk.insertNotes([1000]);
    await kiosk.waitForScreen('printing', 30_000);
    expect(kiosk.view.canCancel).toBe(false);
    expect(await kiosk.send({ type: 'cancel' })).toMatchObject({ accepted: false, reason: 'not-now' });
    expect(await kiosk.send({ type: 'home' })).toMatchObject({ accepted: false, reason: 'not-now' });
    await kiosk.finish();
    expect(ledgerOf(kiosk.outbox()).outcomes).toEqual(['issued']);
    kiosk.stop();
  });

  it('back from an untouched payment returns to the summary, and the citizen can pay after all', async () => {
    const kiosk = await SessionHarness.create();
    await toFingerprint(kiosk);
    await kiosk.pay();
    expect(kiosk.view.canGoBack).toBe(true);
    await kiosk.do({ type: 'back' });
    await kiosk.waitForScreen('summary', 30_000);
    // The money service let the session go: its empty account is closed and the acceptor inhibited.
    expect(kiosk.money.account('S00001')).toMatchObject({ status: 'closed', received: 0 });
    expect(kiosk.money.status().openAccounts).toBe(0);
    await kiosk.pay();
    await kiosk.insertNotes([1000]);
    await kiosk.finish();
    expect(ledgerOf(kiosk.outbox())).toMatchObject({ in: 1000, feesKept: 200, changePaid: 800, outcomes: ['issued'] });
    expect(ledgerProblems(kiosk)).toEqual([]);
    kiosk.stop();
  });
});

describe('the payment', () => {
  it('says when a note is rejected, or given back because the change ran short, and keeps waiting', async () => {
    // ₩500 coins aplenty, three ₩100: 800 won of change needs the ₩500 hopper.
    const kiosk = await SessionHarness.create({ coins: { 500: 200, 100: 3 } });
    await toFingerprint(kiosk);
    await kiosk.pay();
    await kiosk.waitUntil(() => kiosk.slotOpen, 10_000);
    kiosk.cash.acceptor.rejectNext('magnetic');
    expect(kiosk.insert(1000)).toBe(true);
    await kiosk.waitFor((view) => view.screen === 'payment' && view.messageKey === 'payment.note-rejected', 10_000);
    expect(kiosk.view).toMatchObject({ phase: 'insert', inserted: 0 });
    // The ₩500 hopper falls silent after the notes were enabled: the money service gives the next note back.
    kiosk.cash.hoppers.stopAnswering(500);
    await kiosk.waitUntil(() => kiosk.money.readiness(200).hoppers === 'ready' && kiosk.money.status().hoppers[0]?.state === 'offline', 60_000, 'the hopper to be declared offline');
    await kiosk.insertNotes([1000]);
    await kiosk.waitFor((view) => view.screen === 'payment' && view.phase === 'insert' && view.messageKey === 'payment.note-not-accepted', 10_000);
    // Both notes came back to the citizen's hand: the rejected one and the one the money service refused.
    expect(kiosk.cash.citizen).toEqual({ inserted: 2000, returned: 2000 });
    kiosk.cash.hoppers.resumeAnswering(500);
    await kiosk.waitUntil(() => kiosk.money.status().hoppers[0]?.state === 'ready', 60_000, 'the hopper to come back');
    await kiosk.insertNotes([1000]);
    await kiosk.finish();
    expect(ledgerOf(kiosk.outbox())).toMatchObject({ in: 1000, feesKept: 200, changePaid: 800, outcomes: ['issued'] });
    expect(kiosk.sessionEvents().find((event) => event.type === 'cash.note-returned')?.payload).toEqual({ value: 1000, reason: 'change-unavailable' });
    expect(ledgerProblems(kiosk)).toEqual([]);
    kiosk.stop();
  });

  it('refunds what was stacked when the acceptor faults, and says what happened', async () => {
    const kiosk = await SessionHarness.create();
    await kiosk.chooseDocuments([{ code: 'resident-copy' }, { code: 'family-relations', copies: 2 }]);
    await kiosk.typeResidentNumber();
    await kiosk.pay();
    await kiosk.insertNotes([1000]);
    await kiosk.waitFor((view) => view.screen === 'payment' && view.inserted === 1000, 30_000);
    // Motor failure (ID-003 A2) while waiting for the next note.
    kiosk.cash.acceptor.fail(0xa2);
    const notice = await kiosk.waitForScreen('error', 60_000);
    expect(notice).toMatchObject({ whatKey: 'payment.acceptor-fault', refund: { amount: 1000, paidInCoins: 1000 } });
    expect(ledgerOf(kiosk.outbox())).toMatchObject({ in: 1000, refundPaid: 1000, outcomes: ['refunded'] });
    await kiosk.advance(NOTICE_MS);
    expect(kiosk.view.screen).toBe('attract');
    expect(ledgerProblems(kiosk)).toEqual([]);
    kiosk.stop();
  });

  it('pays what the hoppers can and gives a voucher for the rest of the change', async () => {
    const kiosk = await SessionHarness.create({ coins: { 500: 1, 100: 3 } });
    await toFingerprint(kiosk);
    await kiosk.pay();
    // The ₩100 hopper jams before its first coin: the ₩500 coin comes out, 300 won is owed.
    kiosk.cash.hoppers.jamAfter(100, 0);
    await kiosk.insertNotes([1000]);
    await kiosk.waitForScreen('thank-you', 60_000);
    expect(kiosk.view).toMatchObject({ screen: 'thank-you', refund: { amount: 300, paidInCoins: 0, voucherAmount: 300 } });
    expect(ledgerOf(kiosk.outbox())).toMatchObject({ in: 1000, feesKept: 200, changePaid: 500, refundOwed: 300, outcomes: ['issued'] });
    expect(kiosk.ports.printing.slips[0]).toMatchObject({ kind: 'receipt', change: 500, voucher: { amount: 300 } });
    // The voucher is the money service's, on the receipt, and known as printed.
    expect(kiosk.money.ledger.vouchers('S00001')).toMatchObject([{ amount: 300, reason: 'change-short' }]);
    expect(kiosk.money.vouchersToPrint('S00001')).toEqual([]);
    expect(ledgerProblems(kiosk)).toEqual([]);
    kiosk.stop();
  });
});

describe('failures after payment', () => {
  it('keeps the pages printed, waits for the printer, and refunds the copies it never printed', async () => {
    const kiosk = await SessionHarness.create();
    kiosk.ports.printing.pagesOf.set('resident-copy', 2);
    // Copy 1 prints; copy 2 stops after its first page and the printer never comes back.
    kiosk.ports.printing.faults.push({ atPage: 99, code: 'none', recoversAfterMs: null }, { atPage: 2, code: 'paper-jam', recoversAfterMs: null });
    await kiosk.chooseDocuments([{ code: 'resident-copy', copies: 3 }]);
    await kiosk.typeResidentNumber();
    await kiosk.pay();
    await kiosk.insertNotes([1000]);
    await kiosk.waitFor((view) => view.screen === 'printing' && view.phase === 'waiting-for-printer', 60_000);
    await kiosk.advance(PRINTER_RECOVERY_LIMIT_MS);
    const notice = await kiosk.waitForScreen('error', 60_000);
    expect(notice).toMatchObject({ whatKey: 'printing.failed', whatToDoKey: 'refund.take-coins', refund: { amount: 400, paidInCoins: 400 } });
    const events = kiosk.outbox();
    expect(events.find((event) => event.type === 'document.issued')?.payload).toMatchObject({ copies: 1, fee: 200 });
    expect(events.find((event) => event.type === 'document.failed')?.payload).toMatchObject({ reason: 'paper-jam', pagesPrinted: 1, pagesExpected: 4 });
    expect(ledgerOf(events)).toMatchObject({ in: 1000, feesKept: 200, changePaid: 400, refundPaid: 400, outcomes: ['partly-issued'] });
    expect(kiosk.ports.printing.printed).toHaveLength(3);
    expect(ledgerProblems(kiosk)).toEqual([]);
    kiosk.stop();
  });

  it(`recovers from at most ${MAX_PRINT_RECOVERIES} printer faults in a session, then refunds`, async () => {
    const kiosk = await SessionHarness.create();
    for (let fault = 0; fault <= MAX_PRINT_RECOVERIES; fault++) kiosk.ports.printing.faults.push({ atPage: 1, code: 'cover-open', recoversAfterMs: 5_000 });
    await toFingerprint(kiosk);
    await kiosk.pay();
    await kiosk.insertNotes([1000]);
    await kiosk.waitForScreen('error', 120_000);
    expect(ledgerOf(kiosk.outbox())).toMatchObject({ in: 1000, feesKept: 0, changePaid: 800, refundPaid: 200, outcomes: ['refunded'] });
    expect(ledgerProblems(kiosk)).toEqual([]);
    kiosk.stop();
  });

  it('prints again from the central office’s reservation when the rendered certificate was lost', async () => {
    const kiosk = await SessionHarness.create();
    await toFingerprint(kiosk);
    await kiosk.pay();
    kiosk.ports.printing.loseRenderedDocuments();
    await kiosk.insertNotes([1000]);
    await kiosk.finish();
    expect(ledgerOf(kiosk.outbox())).toMatchObject({ feesKept: 200, outcomes: ['issued'] });
    expect(kiosk.store.ofSession('S00001').map((entry) => `${entry.step}:${entry.status}`)).toContain('records.refetch:confirmed');
    kiosk.stop();
  });

  it('refunds a document whose record cannot be had again after payment', async () => {
    const kiosk = await SessionHarness.create();
    await kiosk.chooseDocuments([{ code: 'resident-copy' }, { code: 'building-general', options: { building: '부산광역시 금정구 부산대학로 63' } }]);
    await kiosk.typeResidentNumber();
    await kiosk.pay();
    kiosk.ports.printing.loseRenderedDocuments();
    kiosk.ports.records.refetchFails = true;
    await kiosk.insertNotes([1000]);
    const notice = await kiosk.waitForScreen('error', 120_000);
    expect(notice).toMatchObject({ whatKey: 'printing.failed', refund: { amount: 700 } });
    expect(ledgerOf(kiosk.outbox())).toMatchObject({ in: 1000, feesKept: 0, changePaid: 300, refundPaid: 700, outcomes: ['refunded'] });
    expect(kiosk.outbox().filter((event) => event.type === 'document.failed')).toHaveLength(2);
    expect(ledgerProblems(kiosk)).toEqual([]);
    kiosk.stop();
  });

  it('shows progress page by page', async () => {
    const kiosk = await SessionHarness.create();
    kiosk.ports.printing.pagesOf.set('resident-copy', 3);
    await toFingerprint(kiosk);
    await kiosk.pay();
    await kiosk.insertNotes([1000]);
    await kiosk.waitForScreen('change', 30_000 + 3 * FAKE_PAGE_MS);
    const pages = kiosk.views.flatMap((view) => (view.screen === 'printing' ? [`${view.page}/${view.pages}`] : []));
    expect([...new Set(pages)]).toEqual(['0/3', '1/3', '2/3', '3/3']);
    kiosk.stop();
  });
});
