import { RECOVERY_ATTENDED_MS } from './recovery';
import { ledgerOf, ledgerProblems, PowerCut, PowerSwitch, SessionHarness, type HarnessOptions } from './testing';

/**
 * In-process crash tests: the power is cut at every journal transaction of a session — the session's own (after it
 * committed and before the device was told; or after the device acted and before its confirmation was written) and
 * the money service's (a note about to be stacked, a note credited before its ACK, a dispense about to start or just
 * counted) — then the kiosk restarts over the same database and the same simulated cash devices, in the composition
 * root's order: devices → session paper recovery → money settlement with the fees earned → session runtime. Each
 * time the session must be settled exactly once: money in = fees kept + change + refunds by the money service's
 * events, the same money in the one outcome event, nothing pending, no account open, no snapshot left, and the
 * events the central office gets describe what the devices really did (cash box, coin tray, the citizen's hand,
 * copies printed).
 */
type Scenario = {
  readonly name: string;
  readonly run: (kiosk: SessionHarness) => Promise<void>;
  readonly setup?: (kiosk: SessionHarness) => void;
  readonly options?: HarnessOptions;
};

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
    // The ₩500 hopper jams after two coins and the ₩100 hopper at once: 1,000 won in coins, 1,000 by voucher.
    setup: (kiosk) => {
      kiosk.cash.hoppers.jamAfter(500, 2);
      kiosk.cash.hoppers.jamAfter(100, 0);
    },
    run: async (kiosk) => {
      await kiosk.chooseDocuments([{ code: 'resident-copy' }, { code: 'family-relations', copies: 4 }]);
      await kiosk.typeResidentNumber();
      await kiosk.pay();
      await kiosk.insertNotes([1000, 1000]);
      await kiosk.waitFor((view) => view.screen === 'payment' && view.inserted === 2000 && view.phase === 'insert', 30_000);
      await kiosk.do({ type: 'cancel' });
      await kiosk.finish();
    },
  },
  {
    name: 'a note given back because the change ran short, then the payment',
    // Three ₩100 coins: without the ₩500 hopper, 800 won of change cannot be paid.
    options: { coins: { 100: 3 } },
    run: async (kiosk) => {
      const hopper500 = () => kiosk.money.status().hoppers.find((hopper) => hopper.coinValue === 500)?.state;
      await kiosk.chooseDocuments([{ code: 'resident-copy' }]);
      await kiosk.typeResidentNumber();
      await kiosk.pay();
      await kiosk.waitUntil(() => kiosk.slotOpen, 10_000);
      kiosk.cash.hoppers.stopAnswering(500);
      await kiosk.waitUntil(() => hopper500() === 'offline', 60_000, 'the ₩500 hopper to go offline');
      await kiosk.insertNotes([1000]);
      await kiosk.waitFor((view) => view.screen === 'payment' && view.phase === 'insert' && view.messageKey === 'payment.note-not-accepted', 10_000);
      kiosk.cash.hoppers.resumeAnswering(500);
      await kiosk.waitUntil(() => hopper500() === 'ready', 60_000, 'the ₩500 hopper to come back');
      await kiosk.insertNotes([1000]);
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

async function runUntilCut(kiosk: SessionHarness, run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
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

/** The money service's journal hooks (a cut there is always just after its write). */
const isMoneyStep = (label: string | undefined) => label !== undefined && /^cash\.(stack|return|dispense):/.test(label);

describe('recovery after a power cut at every journal step', () => {
  for (const scenario of scenarios) {
    it(`settles ${scenario.name}`, async () => {
      // A clean run counts the journal transactions, the session's and the money service's.
      const counter = new PowerSwitch();
      const clean = await SessionHarness.create({ ...scenario.options, power: counter, keepViews: false });
      scenario.setup?.(clean);
      await scenario.run(clean);
      expect(truthProblems(clean)).toEqual([]);
      const writes = counter.committed;
      const labels = [...counter.labels];
      clean.stop();
      expect(writes).toBeGreaterThan(8);
      expect(labels.filter(isMoneyStep).length).toBeGreaterThan(2);

      const failures: string[] = [];
      // `after`: the whole kiosk loses power, the cash devices too; `before`: only the kiosk process dies.
      for (const when of ['after', 'before'] as const) {
        for (let at = 1; at <= writes; at++) {
          if (when === 'before' && isMoneyStep(labels[at - 1])) continue;
          const power = new PowerSwitch().arm(at, when, when === 'after' ? 'lose-power' : 'keep-power');
          const kiosk = await SessionHarness.create({ ...scenario.options, power, keepViews: false });
          scenario.setup?.(kiosk);
          await runUntilCut(kiosk, () => scenario.run(kiosk));
          const where = `${when} ${at} (${labels[at - 1]})`;
          if (!power.dead) {
            failures.push(`${where}: the power was never cut`);
            kiosk.stop();
            continue;
          }
          try {
            await kiosk.restart();
            await kiosk.finish(900_000);
          } catch (error) {
            failures.push(`${where}: ${(error as Error).message}`);
          }
          const problems = truthProblems(kiosk);
          const outcomes = ledgerOf(kiosk.outbox()).outcomes;
          if (outcomes.length !== 1) problems.push(`outcomes ${outcomes.join(',')}`);
          for (const problem of problems) failures.push(`${where}: ${problem}`);
          kiosk.stop();
        }
      }
      expect(failures).toEqual([]);
    });
  }

  it('settles a session cut before anything was journaled, from its snapshot alone', async () => {
    const kiosk = await SessionHarness.create();
    await kiosk.chooseDocuments([{ code: 'resident-copy' }]);
    await kiosk.waitForScreen('resident-number', 10_000);
    expect(kiosk.store.loadCheckpoint()).toMatchObject({ sessionId: 'S00001', state: 'residentNumber' });
    await kiosk.restart();
    expect(kiosk.view.screen).toBe('recovering');
    await kiosk.waitForScreen('attract', 10_000);
    expect(ledgerOf(kiosk.outbox()).outcomes).toEqual(['recovered']);
    expect(kiosk.store.loadCheckpoint()).toBeNull();
    kiosk.stop();
  });

  it('shows the recovering screen in the citizen’s language and display, then the voucher for the note taken', async () => {
    const power = new PowerSwitch();
    const kiosk = await SessionHarness.create({ power });
    await kiosk.do({ type: 'touch' });
    await kiosk.do({ type: 'setDisplay', textScale: 2 });
    await kiosk.do({ type: 'chooseLanguage', language: 'en' });
    await kiosk.do({ type: 'selectDocument', code: 'resident-copy' });
    await kiosk.do({ type: 'confirmOptions' });
    await kiosk.typeResidentNumber();
    await kiosk.pay();
    // The power goes as the note is credited (VEND VALID written, not yet acknowledged): the unit has it in its stacker.
    power.arm(power.committed + 2, 'after');
    await runUntilCut(kiosk, () => kiosk.insertNotes([1000]).then(() => kiosk.finish()));
    expect(power.labels.at(-1)).toBe('cash.stack:confirmed');
    await kiosk.restart();
    expect(kiosk.view).toMatchObject({ screen: 'recovering', language: 'en', display: { textScale: 2 } });
    const notice = await kiosk.waitForScreen('error', 60_000);
    // After a restart the money service refunds by voucher, never coins (nobody may be at the kiosk to take them).
    expect(notice).toMatchObject({ whatKey: 'recovery.settled', whatToDoKey: 'refund.take-voucher', refund: { amount: 1000, paidInCoins: 0, voucherAmount: 1000 } });
    expect(kiosk.ports.printing.slips).toMatchObject([{ kind: 'voucher', voucher: { amount: 1000 }, reason: 'settled-after-restart' }]);
    expect(kiosk.money.ledger.vouchers('S00001')).toMatchObject([{ amount: 1000, reason: 'settled-after-restart' }]);
    expect(kiosk.money.vouchersToPrint('S00001')).toEqual([]);
    await kiosk.do({ type: 'acknowledge' });
    expect(kiosk.view).toMatchObject({ screen: 'attract', language: 'ko', display: { textScale: 1 } });
    expect(truthProblems(kiosk)).toEqual([]);
    kiosk.stop();
  });

  it('prints the rest again when the citizen is probably still there, and keeps only the fee of what was issued', async () => {
    const power = new PowerSwitch();
    const kiosk = await SessionHarness.create({ power });
    kiosk.ports.printing.pagesOf.set('resident-copy', 2);
    await kiosk.chooseDocuments([{ code: 'resident-copy', copies: 2 }]);
    await kiosk.typeResidentNumber();
    await kiosk.pay();
    await kiosk.insertNotes([1000]);
    await kiosk.waitFor((view) => view.screen === 'printing' && view.copy === 2 && view.page === 1, 60_000);
    power.arm(power.committed + 1, 'before', 'keep-power');
    await runUntilCut(kiosk, () => kiosk.finish());
    await kiosk.restart();
    await kiosk.finish();
    const events = kiosk.outbox();
    expect(events.find((event) => event.type === 'document.issued')?.payload).toMatchObject({ copies: 2, fee: 400 });
    // The fee of both copies is kept; the change is owed by voucher.
    expect(ledgerOf(events)).toMatchObject({ in: 1000, feesKept: 400, changePaid: 0, refundOwed: 600, outcomes: ['recovered'] });
    expect(kiosk.store.ofSession('S00001').filter((entry) => entry.detail.recovery === true).map((entry) => `${entry.step}:${entry.status}`)).toEqual(['print.copy:confirmed']);
    expect(truthProblems(kiosk)).toEqual([]);
    kiosk.stop();
  });

  it('does not print again when the restart comes long after: the copies not printed are refunded', async () => {
    const power = new PowerSwitch();
    const kiosk = await SessionHarness.create({ power });
    kiosk.ports.printing.pagesOf.set('resident-copy', 2);
    await kiosk.chooseDocuments([{ code: 'resident-copy', copies: 2 }]);
    await kiosk.typeResidentNumber();
    await kiosk.pay();
    await kiosk.insertNotes([1000]);
    await kiosk.waitFor((view) => view.screen === 'printing' && view.copy === 2 && view.page === 1, 60_000);
    // Copy 2 comes out, and the power goes before its confirmation is written: it is not a complete copy.
    power.arm(power.committed + 1, 'before');
    await runUntilCut(kiosk, () => kiosk.finish());
    await kiosk.restart({ downForMs: RECOVERY_ATTENDED_MS + 60_000 });
    await kiosk.finish();
    expect(ledgerOf(kiosk.outbox())).toMatchObject({ in: 1000, feesKept: 200, refundOwed: 800, outcomes: ['recovered'] });
    expect(kiosk.outbox().find((event) => event.type === 'document.failed')?.payload).toMatchObject({ reason: 'power-loss' });
    expect(truthProblems(kiosk)).toEqual([]);
    kiosk.stop();
  });

  it('owes by voucher, paying no coins into an empty tray, when the kiosk comes back long after', async () => {
    const kiosk = await SessionHarness.create();
    await kiosk.chooseDocuments([{ code: 'resident-copy' }, { code: 'family-relations', copies: 2 }]);
    await kiosk.typeResidentNumber();
    await kiosk.pay();
    await kiosk.insertNotes([1000]);
    await kiosk.waitFor((view) => view.screen === 'payment' && view.inserted === 1000, 30_000);
    await kiosk.restart({ downForMs: RECOVERY_ATTENDED_MS + 60_000 });
    await kiosk.finish();
    expect(ledgerOf(kiosk.outbox())).toMatchObject({ in: 1000, refundPaid: 0, refundOwed: 1000, outcomes: ['recovered'] });
    expect(kiosk.coinsOut()).toBe(0);
    expect(kiosk.ports.printing.slips).toMatchObject([{ kind: 'voucher', voucher: { amount: 1000 } }]);
    expect(truthProblems(kiosk)).toEqual([]);
    kiosk.stop();
  });

  it('gives a note in escrow back at restart: nothing taken, nothing owed', async () => {
    const power = new PowerSwitch();
    const kiosk = await SessionHarness.create({ power });
    await kiosk.chooseDocuments([{ code: 'resident-copy' }]);
    await kiosk.typeResidentNumber();
    await kiosk.pay();
    // The money service journals the note it will stack, and the kiosk dies before STACK is sent.
    power.arm(power.committed + 1, 'after', 'keep-power');
    await runUntilCut(kiosk, () => kiosk.insertNotes([1000]).then(() => kiosk.finish()));
    expect(power.labels.at(-1)).toBe('cash.stack:begun');
    expect(kiosk.cash.acceptor.status().kind).toBe('escrow');
    await kiosk.restart();
    await kiosk.finish();
    expect(kiosk.cash.citizen).toEqual({ inserted: 1000, returned: 1000 });
    expect(ledgerOf(kiosk.outbox())).toMatchObject({ in: 0, refundOwed: 0, outcomes: ['recovered'] });
    expect(kiosk.ports.printing.slips).toEqual([]);
    expect(truthProblems(kiosk)).toEqual([]);
    kiosk.stop();
  });

  it('settles a note whose fate nobody could tell at restart when the acceptor answers again: a late-note voucher', async () => {
    const power = new PowerSwitch();
    const kiosk = await SessionHarness.create({ power });
    await kiosk.chooseDocuments([{ code: 'resident-copy' }]);
    await kiosk.typeResidentNumber();
    await kiosk.pay();
    // The power goes while the note travels to the stacker, and the unit stays silent when the kiosk comes back.
    let unitOff = false;
    kiosk.cash.acceptor.onEvent((event) => {
      if (event.type === 'power' && !event.on) unitOff = true;
    });
    kiosk.cash.acceptor.powerLossAt('stacking');
    await kiosk.insertNotes([1000]);
    await kiosk.waitUntil(() => unitOff, 10_000, 'the unit to lose power');
    kiosk.cash.acceptor.stopAnswering();
    kiosk.cash.acceptor.powerOn();
    await kiosk.restart();
    await kiosk.finish();
    // The session closed once with what was certain; the money service kept the note's step open.
    expect(ledgerOf(kiosk.outbox())).toMatchObject({ in: 0, outcomes: ['recovered'] });
    expect(kiosk.money.ledger.pendingSteps().map((entry) => entry.step)).toEqual(['cash.stack']);
    kiosk.cash.acceptor.resumeAnswering();
    await kiosk.waitUntil(() => kiosk.money.ledger.pendingSteps().length === 0 && kiosk.money.status().openAccounts === 0, 120_000, 'the note to be settled');
    expect(kiosk.money.ledger.vouchers('S00001')).toMatchObject([{ amount: 1000, reason: 'late-note' }]);
    const events = ledgerOf(kiosk.outbox(), 'S00001');
    expect(events).toMatchObject({ in: 1000, refundOwed: 1000, outcomes: ['recovered'] });
    expect(kiosk.cash.acceptor.cashBoxTotal()).toBe(1000);
    kiosk.stop();
  });

  it('is itself recovered when the power goes again during recovery', async () => {
    const power = new PowerSwitch();
    const kiosk = await SessionHarness.create({ power });
    kiosk.ports.printing.pagesOf.set('resident-copy', 2);
    await kiosk.chooseDocuments([{ code: 'resident-copy', copies: 2 }]);
    await kiosk.typeResidentNumber();
    await kiosk.pay();
    await kiosk.insertNotes([1000]);
    await kiosk.waitFor((view) => view.screen === 'printing' && view.copy === 2, 30_000);
    power.arm(power.committed + 1, 'before');
    await runUntilCut(kiosk, () => kiosk.finish());
    // Second cut: during the recovery's own steps (the reprint of copy 2 for the citizen still there).
    const cutAt = power.committed + 3;
    power.arm(cutAt, 'after');
    await runUntilCut(kiosk, () => kiosk.restart().then(() => kiosk.finish()));
    expect(power.dead).toBe(true);
    expect(power.labels.at(-1)).toBe('records.refetch:confirm');
    await kiosk.restart();
    await kiosk.finish();
    expect(truthProblems(kiosk)).toEqual([]);
    expect(ledgerOf(kiosk.outbox())).toMatchObject({ in: 1000, feesKept: 400, outcomes: ['recovered'] });
    kiosk.stop();
  });
});
