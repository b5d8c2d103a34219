import type { AnyStateNode } from 'xstate';
import { containsResidentNumber } from '../../common/privacy';
import { sessionMachine } from '../../state-machines/session';
import type { ViewModel } from '../../state-machines/view-model';
import { FAKE_CITIZEN } from './fakes';
import { BASKETS, enumerateVisits, expectedOutcomes, type BasketKind, type Choice } from './model';
import { ledgerOf, ledgerProblems, SessionHarness } from './testing';

/**
 * Model-based tests: every path of the visit model (kiosk/session/model.ts, enumerated with @xstate/graph) runs
 * through the real session runtime with the fake records, identity and printing ports, the REAL money service over
 * the simulated bill acceptor and coin hoppers (ID-003 and ccTalk drivers over loopback), a fake clock and SQLite.
 * Each must end balanced to the won (money in = fees kept + change + refunds paid + refunds owed by the money
 * service's cash.* events, the same in session.completed, and the cash box, the coin tray and the citizen's hand
 * agree), with exactly one outcome
 * event, the outcome the model expects, nothing pending, no snapshot left, and no resident number, token or
 * document content in any view or anywhere in the database. Together the paths must visit every state of the
 * session machine that a citizen can see.
 */
const visits = enumerateVisits();
const visited = new Set<string>();
const DIGITS = FAKE_CITIZEN.residentNumber.replace('-', '');

async function drive(kiosk: SessionHarness, basket: BasketKind, choices: readonly Choice[]): Promise<void> {
  const { documents } = BASKETS[basket];
  const has = (choice: Choice) => choices.includes(choice);
  const world = kiosk.ports;
  // The world is set up in advance where a fault is armed before it strikes.
  if (has('OFFICE_DOWN')) world.records.unreachable = true;
  if (has('FINGER_FAILS') || has('FINGER_RETRY_OK')) world.identity.autoFinger = 'someone-else';
  if (has('CANCEL_AT_FINGER')) world.identity.autoFinger = null;
  if (has('ONE_NOT_FOUND')) world.records.notFound.add('land-ledger');
  if (has('PAPER_SHORT')) world.printing.sheetsLeft = 0;
  if (has('CASH_UNAVAILABLE')) kiosk.cash.acceptor.fillStacker();
  if (has('PRINTER_RECOVERS')) world.printing.faults.push({ atPage: 1, code: 'paper-jam', recoversAfterMs: 10_000 });
  if (has('PRINTER_GIVES_UP')) {
    // With more than one print job the second one fails: the first document or copy is the citizen's.
    if (basket === 'identity' || basket === 'mixed') world.printing.faults.push({ atPage: 99, code: 'none', recoversAfterMs: null });
    world.printing.faults.push({ atPage: 1, code: 'paper-jam', recoversAfterMs: null });
  }
  if (has('HOPPER_SHORT')) {
    // Both hoppers jam before their first coin: the change is owed by voucher.
    kiosk.cash.hoppers.jamAfter(500, 0);
    kiosk.cash.hoppers.jamAfter(100, 0);
  }
  world.printing.pagesOf.set('land-ledger', 3);

  const due = () => (kiosk.view.screen === 'payment' ? kiosk.view.due : 0);
  const summaryReady = () => kiosk.waitFor(() => kiosk.state === 'summary.ready', 60_000);

  for (const choice of choices) {
    switch (choice) {
      case 'BASKET_PUBLIC':
      case 'BASKET_IDENTITY':
      case 'BASKET_MIXED':
      case 'BASKET_FREE':
      case 'RECORDS_OK':
      case 'ONE_NOT_FOUND':
      case 'PRINT_OK':
      case 'PRINTER_RECOVERS':
      case 'PRINTER_GIVES_UP':
      case 'DOCUMENT_LOST_REFETCHED':
      case 'DOCUMENT_LOST_GONE':
      case 'CHANGE_OK':
      case 'HOPPER_SHORT':
        break;
      case 'OFFICE_DOWN':
        await kiosk.chooseDocuments(documents);
        await kiosk.waitForScreen('error', 10_000);
        await kiosk.do({ type: 'acknowledge' });
        break;
      case 'OFFICE_UP':
        await kiosk.chooseDocuments(documents);
        break;
      case 'FINGER_OK':
        await kiosk.typeResidentNumber();
        break;
      case 'FINGER_RETRY_OK':
        await kiosk.typeResidentNumber();
        await kiosk.waitFor((view) => view.screen === 'fingerprint' && view.phase === 'retry', 60_000);
        world.identity.autoFinger = FAKE_CITIZEN.finger;
        await kiosk.do({ type: 'retryFingerprint' });
        break;
      case 'FINGER_FAILS':
        await kiosk.typeResidentNumber();
        for (;;) {
          const view = await kiosk.waitFor((next) => next.screen === 'identity-failed' || (next.screen === 'fingerprint' && next.phase === 'retry'), 60_000);
          if (view.screen === 'identity-failed') break;
          await kiosk.do({ type: 'retryFingerprint' });
        }
        await kiosk.do({ type: 'acknowledge' });
        break;
      case 'CANCEL_AT_FINGER':
        await kiosk.typeResidentNumber();
        await kiosk.waitFor((view) => view.screen === 'fingerprint' && view.phase === 'place-finger', 10_000);
        await kiosk.do({ type: 'cancel' });
        break;
      case 'CANCEL_AT_RECORDS':
        await kiosk.waitForScreen('loading-records', 60_000);
        await kiosk.do({ type: 'cancel' });
        break;
      case 'GUARDS_OK':
        if (has('DOCUMENT_LOST_REFETCHED') || has('DOCUMENT_LOST_GONE')) {
          await summaryReady();
          world.printing.loseRenderedDocuments();
          if (has('DOCUMENT_LOST_GONE')) world.records.refetchFails = true;
        }
        await kiosk.pay();
        break;
      case 'PAPER_SHORT':
      case 'CASH_UNAVAILABLE':
      case 'CANCEL_AT_SUMMARY':
        await summaryReady();
        if (choice !== 'CANCEL_AT_SUMMARY') expect(kiosk.view).toMatchObject({ screen: 'summary', canPay: false });
        await kiosk.do({ type: 'cancel' });
        break;
      case 'ABANDON_AT_SUMMARY':
        await summaryReady();
        break;
      case 'PAY_ONE_NOTE':
        await kiosk.insertNotes([due() <= 1000 ? 1000 : 5000]);
        break;
      case 'PAY_TWO_NOTES':
        await kiosk.insertNotes([1000, 1000]);
        break;
      case 'NOTE_RETURNED_THEN_PAY': {
        // Three ₩100 coins (see the harness options): without the ₩500 hopper no change for a 5,000-won note.
        const hopper500 = () => kiosk.money.status().hoppers.find((hopper) => hopper.coinValue === 500)?.state;
        await kiosk.waitUntil(() => kiosk.slotOpen, 30_000);
        kiosk.cash.hoppers.stopAnswering(500);
        await kiosk.waitUntil(() => hopper500() === 'offline', 60_000, 'the ₩500 hopper to be declared offline');
        await kiosk.insertNotes([5000]);
        await kiosk.waitFor((view) => view.screen === 'payment' && view.phase === 'insert' && view.messageKey === 'payment.note-not-accepted', 30_000);
        kiosk.cash.hoppers.resumeAnswering(500);
        await kiosk.waitUntil(() => hopper500() === 'ready', 60_000, 'the ₩500 hopper to come back');
        await kiosk.insertNotes([5000]);
        break;
      }
      case 'CANCEL_MID_PAYMENT':
      case 'ABANDON_MID_PAYMENT':
      case 'ACCEPTOR_FAULT':
        if (due() > 1000) {
          await kiosk.insertNotes([1000]);
          await kiosk.waitFor((view) => view.screen === 'payment' && view.inserted === 1000 && view.phase === 'insert', 30_000);
        }
        if (choice === 'CANCEL_MID_PAYMENT') await kiosk.do({ type: 'cancel' });
        if (choice === 'ACCEPTOR_FAULT') kiosk.cash.acceptor.jamNow('acceptor');
        break;
    }
  }
  await kiosk.finish(1_500_000);
}

/** Nothing personal in a view: no resident number (whole or unmasked), no token, no record contents. */
function viewProblems(view: ViewModel): string[] {
  const json = JSON.stringify(view);
  const problems: string[] = [];
  if (containsResidentNumber(json) || json.includes(DIGITS) || json.includes(DIGITS.slice(7))) problems.push(`resident number in a ${view.screen} view`);
  if (json.includes('token-')) problems.push(`identity token in a ${view.screen} view`);
  if (json.includes(FAKE_CITIZEN.displayName)) problems.push(`record contents in a ${view.screen} view`);
  return problems;
}

/** Nothing personal at rest: the journal, the outbox and the snapshot, every text column. */
function databaseProblems(kiosk: SessionHarness): string[] {
  const rows = [
    ...(kiosk.db.prepare('SELECT step || detail AS text FROM journal').pluck().all() as string[]),
    ...(kiosk.db.prepare('SELECT type || payload AS text FROM outbox').pluck().all() as string[]),
    ...(kiosk.db.prepare('SELECT state || snapshot AS text FROM session_snapshot').pluck().all() as string[]),
  ];
  return rows.flatMap((text) =>
    containsResidentNumber(text) || text.includes(DIGITS) || text.includes(FAKE_CITIZEN.displayName) || text.includes('token-')
      ? [`personal data at rest: ${text.slice(0, 80)}`]
      : [],
  );
}

function leafStates(node: AnyStateNode, prefix = ''): string[] {
  const children = Object.entries(node.states);
  if (children.length === 0) return [prefix];
  return children.flatMap(([key, child]) => leafStates(child, prefix ? `${prefix}.${key}` : key));
}

/** States left by an eventless transition in the same step: no snapshot ever shows them. */
const TRANSIENT = new Set([
  'boot',
  'ending',
  'afterClose',
  'payment.route',
  'printing.next',
  'printing.giveUp',
  'settling.decide',
  'receipt.decide',
]);

describe('every path of the visit model', () => {
  it('is enumerated from the model', () => {
    expect(visits.length).toBeGreaterThan(150);
    expect(new Set(visits.map((visit) => visit.choices.join(' '))).size).toBe(visits.length);
  });

  for (const basket of ['public', 'identity', 'mixed', 'free'] as const) {
    it(`runs balanced, private and with one outcome: ${basket} basket`, async () => {
      const failures: string[] = [];
      for (const visit of visits.filter((candidate) => candidate.basket === basket)) {
        const name = visit.choices.join(' ');
        const kiosk = await SessionHarness.create({ keepViews: false, ...(visit.choices.includes('NOTE_RETURNED_THEN_PAY') ? { coins: { 100: 3 } } : {}) });
        const viewIssues = new Set<string>();
        kiosk.onView = (view) => viewProblems(view).forEach((problem) => viewIssues.add(problem));
        try {
          await drive(kiosk, basket, visit.choices);
        } catch (error) {
          failures.push(`${name}: ${(error as Error).message}`);
          kiosk.stop();
          continue;
        }
        const outcomes = ledgerOf(kiosk.outbox()).outcomes;
        const allowed = expectedOutcomes(visit.choices, basket);
        if (outcomes.length !== 1 || !allowed.includes(outcomes[0] as never)) failures.push(`${name}: outcome ${outcomes.join(',')} not in ${allowed.join('|')}`);
        for (const problem of [...ledgerProblems(kiosk), ...viewIssues, ...databaseProblems(kiosk)]) failures.push(`${name}: ${problem}`);
        const { context } = kiosk.runtime.inspect();
        if (context.digits !== '' || context.identity.token !== null || context.basket.length > 0) failures.push(`${name}: session not wiped`);
        if (kiosk.store.loadCheckpoint() !== null) failures.push(`${name}: snapshot left on disk`);
        if (kiosk.ports.printing.documents.size > 0) failures.push(`${name}: rendered certificates not discarded`);
        for (const state of kiosk.visited) visited.add(state);
        kiosk.stop();
      }
      expect(failures).toEqual([]);
    });
  }

  it('together visit every state a citizen can see (recovery has its own tests)', () => {
    const leaves = leafStates(sessionMachine.root).filter((state) => !TRANSIENT.has(state) && state !== 'recovering');
    expect(leaves.filter((state) => !visited.has(state))).toEqual([]);
  });
});
