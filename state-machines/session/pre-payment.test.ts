import type { PrePaymentFacts } from './facts';
import { availableNow, changeAvailable, officeReachable, prePaymentProblems, printerReady } from './pre-payment';

const fine: PrePaymentFacts = {
  availability: { 'resident-copy': { available: true }, 'family-relations': { available: true } },
  printer: { a4: { state: 'ready', sheetsLeft: 100, faultCode: null }, receipt: { state: 'ready', faultCode: null } },
  cash: { acceptor: 'ready', notes: [1000, 5000, 10000], hoppers: 'ready' },
  officeReachable: true,
};
const question = { lines: [{ code: 'resident-copy' as const, sheets: 2 }, { code: 'family-relations' as const, sheets: 1 }], due: 700 };

describe('the guards before payment', () => {
  it('let a payable basket through', () => {
    expect(prePaymentProblems(fine, question)).toEqual([]);
  });

  it('name a document that closed while the citizen was choosing', () => {
    const facts = { ...fine, availability: { ...fine.availability, 'family-relations': { available: false, reason: 'office-hours-only' } as const } };
    expect(availableNow(facts, question)).toEqual([{ code: 'family-relations', reasonKey: 'availability.office-hours-only' }]);
    expect(availableNow({ ...fine, availability: {} }, question)).toHaveLength(2);
  });

  it('need the A4 printer ready and enough security paper for every page', () => {
    expect(printerReady({ ...fine, printer: { ...fine.printer, a4: { state: 'fault', sheetsLeft: 100, faultCode: 'jam' } } }, question)).toEqual([
      { code: 'resident-copy', reasonKey: 'printer.not-ready' },
      { code: 'family-relations', reasonKey: 'printer.not-ready' },
    ]);
    expect(printerReady({ ...fine, printer: { ...fine.printer, a4: { state: 'ready', sheetsLeft: 2, faultCode: null } } }, question)[0]).toEqual({
      code: 'resident-copy',
      reasonKey: 'printer.paper-short',
    });
    expect(printerReady({ ...fine, printer: { ...fine.printer, a4: { state: 'ready', sheetsLeft: 3, faultCode: null } } }, question)).toEqual([]);
    expect(printerReady({ ...fine, printer: { ...fine.printer, a4: { state: 'ready', sheetsLeft: null, faultCode: null } } }, question)).toEqual([]);
  });

  it('need an acceptor and a note the money service would keep, unless nothing is due', () => {
    expect(changeAvailable({ ...fine, cash: { ...fine.cash, notes: [] } }, question)[0]?.reasonKey).toBe('payment.no-change');
    expect(changeAvailable({ ...fine, cash: { ...fine.cash, acceptor: 'full' } }, question)[0]?.reasonKey).toBe('payment.acceptor-not-ready');
    // Hoppers down: a note that pays exactly is still kept (no change needed); the money service said which.
    expect(changeAvailable({ ...fine, cash: { acceptor: 'ready', hoppers: 'fault', notes: [1000] } }, { ...question, due: 1000 })).toEqual([]);
    expect(changeAvailable({ ...fine, cash: { acceptor: 'offline', hoppers: 'offline', notes: [] } }, { ...question, due: 0 })).toEqual([]);
  });

  it('need the central office', () => {
    expect(officeReachable({ ...fine, officeReachable: false }, question).map((problem) => problem.reasonKey)).toEqual(['office.unreachable', 'office.unreachable']);
  });
});
