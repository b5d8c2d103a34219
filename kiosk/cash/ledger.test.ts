import { openDatabase } from '../store/database';
import { CashLedger, defaultVoucherCode, heldFor } from './ledger';

function ledger() {
  const db = openDatabase(':memory:');
  if (!db.ok) throw new Error(db.error.detail);
  let now = 1_000;
  return { db: db.value, ledger: new CashLedger(db.value, { kioskId: 'GJ-HALL-01', now: () => now++ }) };
}

describe('cash ledger', () => {
  it('keeps an account balanced through stack, fee, coins and voucher, each with its outbox event', () => {
    const { db, ledger: l } = ledger();
    l.openAccount('s', 700);
    l.refillHopper(100, 10);
    const stack = l.beginStack('s', 1000, 0x61);
    expect(l.pendingSteps()).toHaveLength(1);
    l.creditStack(stack, 1000, 'vend-valid');
    l.keepFee('s', 700);
    const dispense = l.beginDispense('s', { coinValue: 100, address: 4, count: 3, purpose: 'change', eventCounter: 0, dispenseCount: 0, coinsRemaining: 0, lastPaid: 0, lastUnpaid: 0 });
    l.finishDispense(dispense, { paid: 2, unpaid: 1, stoppedBy: 'empty' });
    const voucher = l.owe('s', 100, 'change-short');
    const account = l.closeAccount('s');
    expect(account).toMatchObject({ received: 1000, feeKept: 700, changePaid: 200, refundOwed: 100, status: 'closed' });
    expect(heldFor(account)).toBe(0);
    expect(l.hopperCoins().get(100)).toBe(0);
    expect(l.cashBox()).toEqual({ byDenomination: { '1000': 1 }, notes: 1, total: 1000 });
    expect(l.vouchers('s')).toEqual([voucher]);
    expect(l.pendingSteps()).toEqual([]);
    const types = db.prepare('SELECT type FROM outbox ORDER BY seq').pluck().all();
    expect(types).toEqual(['cash.hopper-refilled', 'cash.note-stacked', 'cash.fee-kept', 'cash.change-paid', 'cash.refund-owed']);
  });

  it('refuses to close an account that still holds money (a programmer error)', () => {
    const { ledger: l } = ledger();
    l.openAccount('s', 1000);
    l.creditStack(l.beginStack('s', 1000, 0x61), 1000, 'vend-valid');
    expect(() => l.closeAccount('s')).toThrow(/still holds 1000 won/);
  });

  it('re-opens a closed account when a late note is credited to it', () => {
    const { ledger: l } = ledger();
    l.openAccount('s', 1000);
    const stack = l.beginStack('s', 1000, 0x61);
    l.closeAccount('s');
    l.creditStack(stack, 1000, 'vend-valid-at-start');
    expect(l.account('s')).toMatchObject({ status: 'paid', received: 1000, closedAt: null });
  });

  it('puts a note with no account in the box as unattributed', () => {
    const { db, ledger: l } = ledger();
    l.creditUnexpected(null, 0, { powerUp: 'bill-in-stacker' });
    expect(l.cashBox()).toEqual({ byDenomination: { '0': 1 }, notes: 1, total: 0 });
    expect(db.prepare("SELECT count(*) FROM cash_movements WHERE kind = 'unattributed-note'").pluck().get()).toBe(1);
  });

  it('makes voucher codes a clerk can read: date and six unambiguous characters', () => {
    const code = defaultVoucherCode(Date.UTC(2026, 10, 25, 1, 0, 0));
    expect(code).toMatch(/^RV-261125-[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{6}$/);
  });
});
