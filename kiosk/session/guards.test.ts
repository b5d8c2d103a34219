import type { ViewOf } from '../../state-machines/view-model';
import { STEP } from './session-store';
import { ledgerOf, ledgerProblems, SessionHarness } from './testing';

/** Every guard before payment: the reason is on the summary, paying is refused, no money step is journaled. */
async function toSummary(kiosk: SessionHarness, code: 'resident-copy' | 'family-relations' = 'resident-copy') {
  await kiosk.chooseDocuments([{ code }]);
  await kiosk.typeResidentNumber();
  return (await kiosk.waitFor((view) => view.screen === 'summary' && !kiosk.state.endsWith('checking'), 30_000)) as ViewOf<'summary'>;
}

const noMoneyJournaled = (kiosk: SessionHarness) =>
  kiosk.db.prepare(`SELECT count(*) FROM journal WHERE step LIKE 'cash.%'`).pluck().get() === 0;

describe('the guards before payment', () => {
  it('refuse a basket the printer cannot print for lack of paper', async () => {
    const kiosk = await SessionHarness.create();
    kiosk.ports.printing.sheetsLeft = 0;
    const summary = await toSummary(kiosk);
    expect(summary).toMatchObject({ canPay: false, problems: [{ code: 'resident-copy', reasonKey: 'printer.paper-short' }] });
    expect(await kiosk.send({ type: 'pay' })).toMatchObject({ accepted: false, reason: 'not-now' });
    await kiosk.do({ type: 'cancel' });
    expect(noMoneyJournaled(kiosk)).toBe(true);
    expect(ledgerOf(kiosk.outbox()).outcomes).toEqual(['cancelled']);
    // The reserved number is given back to the central office.
    expect(kiosk.sessionEvents().map((event) => event.type)).toEqual(['document.released', 'session.completed']);
    kiosk.stop();
  });

  it('refuse when the printer is faulted', async () => {
    const kiosk = await SessionHarness.create();
    kiosk.ports.printing.a4 = 'fault';
    expect((await toSummary(kiosk)).problems).toEqual([{ code: 'resident-copy', reasonKey: 'printer.not-ready' }]);
    kiosk.stop();
  });

  it('refuse when the money service would keep no note: no change for any of them', async () => {
    const kiosk = await SessionHarness.create({ coins: { 500: 0, 100: 3 } });
    expect((await toSummary(kiosk)).problems).toEqual([{ code: 'resident-copy', reasonKey: 'payment.no-change' }]);
    kiosk.stop();
  });

  it('let an exact payment through when the hoppers are down (no change is needed)', async () => {
    const kiosk = await SessionHarness.create({ coins: { 500: 0, 100: 0 } });
    await kiosk.chooseDocuments([{ code: 'building-general', options: { building: '부산광역시 금정구 부산대학로 63' } }, { code: 'land-ledger', options: { parcel: '부산광역시 금정구 장전동 1' } }]);
    const summary = (await kiosk.waitFor((view) => view.screen === 'summary' && kiosk.state === 'summary.ready', 30_000)) as ViewOf<'summary'>;
    expect(summary).toMatchObject({ canPay: true, basket: { total: 1000 } });
    await kiosk.pay();
    expect(kiosk.view).toMatchObject({ screen: 'payment', acceptedNotes: [1000] });
    await kiosk.insertNotes([1000]);
    await kiosk.finish();
    expect(ledgerOf(kiosk.outbox())).toMatchObject({ in: 1000, feesKept: 1000, changePaid: 0, outcomes: ['issued'] });
    expect(ledgerProblems(kiosk)).toEqual([]);
    kiosk.stop();
  });

  it('refuse when the acceptor cannot take notes: the cash box is full, or the unit is silent', async () => {
    const full = await SessionHarness.create();
    full.cash.acceptor.fillStacker();
    expect((await toSummary(full)).problems).toEqual([{ code: 'resident-copy', reasonKey: 'payment.acceptor-not-ready' }]);
    expect(full.money.readiness(200)).toMatchObject({ acceptor: 'full', notes: [] });
    full.stop();
    const silent = await SessionHarness.create();
    silent.cash.acceptor.stopAnswering();
    expect((await toSummary(silent)).problems).toEqual([{ code: 'resident-copy', reasonKey: 'payment.acceptor-not-ready' }]);
    expect(silent.money.readiness(200).acceptor).toBe('offline');
    silent.stop();
  });

  it('refuse when the central office cannot be reached any more', async () => {
    const kiosk = await SessionHarness.create();
    await kiosk.chooseDocuments([{ code: 'resident-copy' }]);
    await kiosk.typeResidentNumber();
    await kiosk.waitForScreen('loading-records', 10_000);
    kiosk.ports.records.unreachable = false;
    await kiosk.waitFor((view) => view.screen === 'summary', 30_000);
    kiosk.ports.records.unreachable = true;
    await kiosk.send({ type: 'setCopies', code: 'resident-copy', copies: 2 });
    const view = (await kiosk.waitFor((next) => next.screen === 'summary' && kiosk.state === 'summary.ready', 30_000)) as ViewOf<'summary'>;
    expect(view.problems).toEqual([{ code: 'resident-copy', reasonKey: 'office.unreachable' }]);
    kiosk.stop();
  });

  it('check again at the moment of paying: the paper ran out while the citizen read the summary', async () => {
    const kiosk = await SessionHarness.create();
    const summary = await toSummary(kiosk);
    expect(summary.canPay).toBe(true);
    kiosk.ports.printing.sheetsLeft = 0;
    await kiosk.do({ type: 'pay' });
    const after = (await kiosk.waitFor(() => kiosk.state === 'summary.ready', 10_000)) as ViewOf<'summary'>;
    expect(after).toMatchObject({ screen: 'summary', canPay: false, problems: [{ reasonKey: 'printer.paper-short' }] });
    expect(noMoneyJournaled(kiosk)).toBe(true);
    kiosk.stop();
  });

  it('name a document whose office hours ended while the citizen was choosing', async () => {
    const kiosk = await SessionHarness.create({ start: Date.parse('2026-11-25T17:59:00+09:00') });
    await kiosk.chooseDocuments([{ code: 'family-relations' }]);
    await kiosk.waitForScreen('resident-number', 10_000);
    await kiosk.advance(60_000);
    await kiosk.typeResidentNumber();
    const view = (await kiosk.waitFor((next) => next.screen === 'summary' && kiosk.state === 'summary.ready', 30_000)) as ViewOf<'summary'>;
    expect(view.problems).toEqual([{ code: 'family-relations', reasonKey: 'availability.office-hours-only' }]);
    expect(view.canPay).toBe(false);
    kiosk.stop();
  });

  it('exclude a document whose record is not found, and charge only the others', async () => {
    const kiosk = await SessionHarness.create();
    kiosk.ports.records.notFound.add('resident-abstract');
    await kiosk.chooseDocuments([{ code: 'resident-copy' }, { code: 'resident-abstract' }]);
    await kiosk.typeResidentNumber();
    const view = (await kiosk.waitFor((next) => next.screen === 'summary' && kiosk.state === 'summary.ready', 30_000)) as ViewOf<'summary'>;
    expect(view).toMatchObject({ canPay: true, problems: [{ code: 'resident-abstract', reasonKey: 'records.not-found' }] });
    expect(view.basket.total).toBe(200);
    await kiosk.pay();
    await kiosk.insertNotes([1000]);
    await kiosk.finish();
    expect(ledgerOf(kiosk.outbox())).toMatchObject({ in: 1000, feesKept: 200, changePaid: 800, outcomes: ['issued'] });
    expect(ledgerProblems(kiosk)).toEqual([]);
    kiosk.stop();
  });

  it('stop before the fingerprint when the central office is down, and say so', async () => {
    const kiosk = await SessionHarness.create();
    kiosk.ports.records.unreachable = true;
    await kiosk.chooseDocuments([{ code: 'resident-copy' }]);
    const view = await kiosk.waitForScreen('error', 10_000);
    expect(view).toMatchObject({ whatKey: 'office.unreachable', whatToDoKey: 'office.try-later', refund: null });
    expect(kiosk.ports.identity.captures).toBe(0);
    await kiosk.do({ type: 'acknowledge' });
    expect(kiosk.view.screen).toBe('attract');
    expect(ledgerOf(kiosk.outbox()).outcomes).toEqual(['failed']);
    kiosk.stop();
  });

  it('show the closed screen outside the opening hours and refuse to start', async () => {
    const kiosk = await SessionHarness.create({ start: Date.parse('2026-11-26T06:00:00+09:00') });
    expect(kiosk.view).toMatchObject({ screen: 'closed', kiosk: { open: false } });
    expect(await kiosk.send({ type: 'touch' })).toMatchObject({ accepted: false, reason: 'not-now' });
    // The attract screen follows the clock by itself.
    await kiosk.advance(3 * 60 * 60_000);
    expect(kiosk.view).toMatchObject({ screen: 'attract', kiosk: { open: true } });
    kiosk.stop();
  });

  it('show the out-of-service screen while a device is down', async () => {
    const kiosk = await SessionHarness.create();
    kiosk.runtime.setHealth([{ device: 'a4-printer', messageKey: 'device.a4-printer.jam', code: 'JAM' }]);
    await kiosk.advance(0);
    expect(kiosk.view).toMatchObject({ screen: 'out-of-service', faults: [{ device: 'a4-printer' }] });
    expect(await kiosk.send({ type: 'touch' })).toMatchObject({ accepted: false });
    kiosk.runtime.setHealth([]);
    await kiosk.advance(0);
    expect(kiosk.view.screen).toBe('attract');
    kiosk.stop();
  });

  it('journal no cash step for a zero-fee document even when the cash devices are down', async () => {
    const kiosk = await SessionHarness.create();
    kiosk.cash.acceptor.stopAnswering();
    kiosk.cash.hoppers.stopAnswering();
    await kiosk.chooseDocuments([{ code: 'disability' }]);
    await kiosk.typeResidentNumber();
    await kiosk.pay();
    await kiosk.finish();
    expect(kiosk.store.ofSession('S00001').map((entry) => entry.step)).toEqual([STEP.reserve, STEP.printCopy, STEP.close]);
    kiosk.stop();
  });
});
