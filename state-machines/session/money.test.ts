import { moneyBack } from './money';

describe('what the change screen expects to come back', () => {
  it('splits it into change and refund', () => {
    expect(moneyBack({ inserted: 1000, due: 200, paidInFull: true, feesKept: 200 })).toEqual({ change: 800, refund: 0 });
    // Two copies of 500 paid with 5,000; one printed: 4,000 change, 500 refund.
    expect(moneyBack({ inserted: 5000, due: 1000, paidInFull: true, feesKept: 500 })).toEqual({ change: 4000, refund: 500 });
    // A cancel halfway through the payment: everything back as refund.
    expect(moneyBack({ inserted: 1000, due: 3000, paidInFull: false, feesKept: 0 })).toEqual({ change: 0, refund: 1000 });
    expect(() => moneyBack({ inserted: 100, due: 200, paidInFull: false, feesKept: 200 })).toThrow();
  });
});
