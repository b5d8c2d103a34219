import { RECOVERY_ATTENDED_MS } from './recovery';
import { ledgerOf, ledgerProblems, PowerCut, PowerSwitch, SessionHarness } from './testing';

/**
 * In-process crash tests: the power is cut around every journal transaction of a session (after it committed and
 * before the device was told; or after the device acted and before its confirmation was written), then the kiosk
 * restarts over the same database and devices. Each time the session must be settled: money in = fees kept +
 * change + refunds, one outcome, nothing pending, no snapshot left, and the events the central office gets must
 * describe what the devices really did. (The kill -9 tests over the simulated devices are the integration's.)
 */
type Scenario = { readonly name: string; readonly run: (kiosk: SessionHarness) => Promise<void>; readonly setup?: (kiosk: SessionHarness) => void };

const scenarios: Scenario[] = [
  {
    name: 'a paid issuance of two copies with change',
    setup: (kiosk) => kiosk.ports.printing.pagesOf.set('resident-copy', 2),
    run: async (kiosk) => {
      await kiosk.chooseDocuments([{ code: 'resident-copy', copies: 2 }]);
      await kiosk.typeResidentNumber();
      await kiosk.pay();
      await kiosk.insertNotes([1000]);
      await kiosk.finish();
    },
  },
  {
    name: 'a payment in two notes, cancelled, refunded partly by voucher',
    run: async (kiosk) => {
      await kiosk.chooseDocuments([{ code: 'resident-copy' }, { code: 'family-relations', copies: 4 }]);
      await kiosk.typeResidentNumber();
      await kiosk.pay();
      await kiosk.insertNotes([1000, 1000]);
      await kiosk.waitFor((view) => view.screen === 'payment' && view.inserted === 2000 && view.phase === 'insert', 30_000);
      kiosk.ports.payment.hopperJamAfter = 1000;
      await kiosk.do({ type: 'cancel' });
      await kiosk.finish();
    },
  },
  {
    name: 'a printer fault the printer recovers from, a free document and a paid one',
    run: async (kiosk) => {
      kiosk.ports.printing.faults.push({ atPage: 99, code: 'none', recoversAfterMs: null }, { atPage: 1, code: 'paper-jam', recoversAfterMs: 10_000 });
      await kiosk.chooseDocuments([{ code: 'military-service' }, { code: 'resident-abstract' }]);
      await kiosk.typeResidentNumber();
      await kiosk.pay();
      await kiosk.insertNotes([1000]);
      await kiosk.finish();
    },
  },
];

async function runUntilCut(kiosk: SessionHarness, scenario: Scenario): Promise<void> {
  try {
    await scenario.run(kiosk);
  } catch (error) {
    if (!(error instanceof PowerCut)) throw error;
  }
}

/** What the central office was told matches what the printer and the cash devices did. */
function truthProblems(kiosk: SessionHarness): string[] {
  const problems = ledgerProblems(kiosk);
  const events = kiosk.outbox();
  const issued = new Map<string, number>();
  for (const event of events.filter((candidate) => candidate.type === 'document.issued')) {
    const number = String(event.payload.issuanceNumber);
    if (issued.has(number)) problems.push(`document ${number} reported issued twice`);
    issued.set(number, Number(event.payload.copies));
  }
  for (const [number, copies] of issued) {
    const printed = kiosk.ports.printing.completeCopies(number);
    if (printed < copies) problems.push(`document ${number}: ${copies} copies reported, ${printed} printed`);
  }
  if (kiosk.store.loadCheckpoint() !== null) problems.push('a snapshot is left on disk');
  if (kiosk.store.unfinishedSessions().length > 0) problems.push(`unfinished sessions: ${kiosk.store.unfinishedSessions().join(', ')}`);
  return problems;
}

describe('recovery after a power cut at every journal step', () => {
  for (const scenario of scenarios) {
    it(`settles ${scenario.name}`, async () => {
      // A clean run counts the journal transactions.
      const counter = new PowerSwitch();
      const clean = await SessionHarness.create({ gate: counter, keepViews: false });
      scenario.setup?.(clean);
      await scenario.run(clean);
      expect(truthProblems(clean)).toEqual([]);
      const writes = counter.committed;
      const labels = [...counter.labels];
      clean.stop();
      expect(writes).toBeGreaterThan(8);

      const failures: string[] = [];
      for (const when of ['after', 'before'] as const) {
        for (let at = 1; at <= writes; at++) {
          const power = new PowerSwitch().arm(at, when);
          const kiosk = await SessionHarness.create({ gate: power, keepViews: false });
          scenario.setup?.(kiosk);
          await runUntilCut(kiosk, scenario);
          if (!power.dead) {
            failures.push(`${when} ${at} (${labels[at - 1]}): the power was never cut`);
            kiosk.stop();
            continue;
          }
          power.restore();
          await kiosk.clock.advance(0);
          kiosk.start();
          try {
            await kiosk.finish(900_000);
          } catch (error) {
            failures.push(`${when} ${at} (${labels[at - 1]}): ${(error as Error).message}`);
          }
          const problems = truthProblems(kiosk);
          const outcomes = ledgerOf(kiosk.outbox()).outcomes;
          if (outcomes.length !== 1) problems.push(`outcomes ${outcomes.join(',')}`);
          for (const problem of problems) failures.push(`${when} ${at} (${labels[at - 1]}): ${problem}`);
          kiosk.stop();
        }
      }
      expect(failures).toEqual([]);
    });
  }

  it('settles a session cut before anything was journaled, from its snapshot alone', async () => {
    const kiosk = await SessionHarness.create({ gate: new PowerSwitch() });
    await kiosk.chooseDocuments([{ code: 'resident-copy' }]);
    await kiosk.waitForScreen('resident-number', 10_000);
    expect(kiosk.store.loadCheckpoint()).toMatchObject({ sessionId: 'S00001', state: 'residentNumber' });
    kiosk.ports.powerCycle();
    kiosk.runtime.stop();
    kiosk.start();
    expect(kiosk.view.screen).toBe('recovering');
    await kiosk.waitForScreen('attract', 10_000);
    expect(ledgerOf(kiosk.outbox()).outcomes).toEqual(['recovered']);
    expect(kiosk.store.loadCheckpoint()).toBeNull();
    kiosk.stop();
  });

  it('shows the recovering screen in the citizen’s language and display, then the refund', async () => {
    const power = new PowerSwitch();
    const kiosk = await SessionHarness.create({ gate: power });
    await kiosk.do({ type: 'touch' });
    await kiosk.do({ type: 'setDisplay', textScale: 2 });
    await kiosk.do({ type: 'chooseLanguage', language: 'en' });
    await kiosk.do({ type: 'selectDocument', code: 'resident-copy' });
    await kiosk.do({ type: 'confirmOptions' });
    await kiosk.typeResidentNumber();
    await kiosk.pay();
    // The power goes right after the note is confirmed stacked.
    power.arm(power.committed + 2, 'after');
    await runUntilCut(kiosk, { name: 'pay', run: (harness) => harness.insertNotes([1000]).then(() => harness.finish()) });
    expect(power.dead).toBe(true);
    power.restore();
    kiosk.start();
    expect(kiosk.view).toMatchObject({ screen: 'recovering', language: 'en', display: { textScale: 2 } });
    const notice = await kiosk.waitForScreen('error', 60_000);
    expect(notice).toMatchObject({ whatKey: 'recovery.settled', refund: { amount: 1000, paidInCoins: 1000 } });
    await kiosk.do({ type: 'acknowledge' });
    expect(kiosk.view).toMatchObject({ screen: 'attract', language: 'ko', display: { textScale: 1 } });
    expect(truthProblems(kiosk)).toEqual([]);
    kiosk.stop();
  });

  it('prints the rest again when the citizen is probably still there', async () => {
    const power = new PowerSwitch();
    const kiosk = await SessionHarness.create({ gate: power });
    kiosk.ports.printing.pagesOf.set('resident-copy', 2);
    await kiosk.chooseDocuments([{ code: 'resident-copy', copies: 2 }]);
    await kiosk.typeResidentNumber();
    await kiosk.pay();
    await kiosk.insertNotes([1000]);
    await kiosk.waitFor((view) => view.screen === 'printing' && view.copy === 2 && view.page === 1, 60_000);
    power.arm(power.committed + 1, 'before');
    await runUntilCut(kiosk, { name: 'print', run: (harness) => harness.finish() });
    power.restore();
    kiosk.start();
    await kiosk.finish();
    const events = kiosk.outbox();
    expect(events.find((event) => event.type === 'document.issued')?.payload).toMatchObject({ copies: 2, fee: 400 });
    expect(ledgerOf(events)).toMatchObject({ in: 1000, feesKept: 400, changePaid: 600, outcomes: ['recovered'] });
    expect(truthProblems(kiosk)).toEqual([]);
    kiosk.stop();
  });

  it('owes by voucher, printing no coins into an empty tray, when the kiosk comes back long after', async () => {
    const power = new PowerSwitch();
    const kiosk = await SessionHarness.create({ gate: power });
    await kiosk.chooseDocuments([{ code: 'resident-copy' }, { code: 'family-relations', copies: 2 }]);
    await kiosk.typeResidentNumber();
    await kiosk.pay();
    await kiosk.insertNotes([1000]);
    await kiosk.waitFor((view) => view.screen === 'payment' && view.inserted === 1000, 30_000);
    kiosk.ports.powerCycle();
    kiosk.runtime.stop();
    await kiosk.advance(RECOVERY_ATTENDED_MS + 60_000);
    kiosk.start();
    await kiosk.finish();
    expect(ledgerOf(kiosk.outbox())).toMatchObject({ in: 1000, refundPaid: 0, refundOwed: 1000, outcomes: ['recovered'] });
    expect(kiosk.coinsOut()).toBe(0);
    expect(kiosk.ports.printing.slips).toMatchObject([{ kind: 'voucher', voucher: { amount: 1000 } }]);
    expect(truthProblems(kiosk)).toEqual([]);
    kiosk.stop();
  });

  it('gives the citizen the benefit of the doubt when the devices cannot tell what happened', async () => {
    const power = new PowerSwitch();
    const kiosk = await SessionHarness.create({ gate: power });
    kiosk.ports.payment.noteFateUnknownOnPowerLoss = true;
    await kiosk.chooseDocuments([{ code: 'resident-copy' }]);
    await kiosk.typeResidentNumber();
    await kiosk.pay();
    // Cut just before the stacked note's confirmation is written (the note begin is the next write).
    power.arm(power.committed + 2, 'before');
    await runUntilCut(kiosk, { name: 'pay', run: (harness) => harness.insertNotes([1000]).then(() => harness.finish()) });
    expect(power.dead).toBe(true);
    power.restore();
    kiosk.start();
    await kiosk.finish();
    expect(kiosk.store.ofSession('S00001').find((entry) => entry.step === 'cash.note')?.detail).toMatchObject({ fate: 'assumed-stacked' });
    expect(ledgerOf(kiosk.outbox())).toMatchObject({ in: 1000, changePaid: 800, refundPaid: 200, outcomes: ['recovered'] });
    kiosk.stop();
  });

  it('is itself recovered when the power goes again during recovery', async () => {
    const power = new PowerSwitch();
    const kiosk = await SessionHarness.create({ gate: power });
    await kiosk.chooseDocuments([{ code: 'resident-copy' }]);
    await kiosk.typeResidentNumber();
    await kiosk.pay();
    await kiosk.insertNotes([1000]);
    await kiosk.waitForScreen('printing', 30_000);
    power.arm(power.committed + 1, 'after');
    await runUntilCut(kiosk, { name: 'print', run: (harness) => harness.finish() });
    power.restore();
    // Second cut: during the recovery's own steps.
    power.arm(power.committed + 3, 'after');
    kiosk.start();
    await runUntilCut(kiosk, { name: 'recover', run: (harness) => harness.finish() });
    expect(power.dead).toBe(true);
    power.restore();
    kiosk.start();
    await kiosk.finish();
    expect(truthProblems(kiosk)).toEqual([]);
    expect(ledgerOf(kiosk.outbox()).outcomes).toEqual(['recovered']);
    kiosk.stop();
  });
});
