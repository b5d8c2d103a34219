import { acceptableNotes, canMakeChange, moneyBack } from './money';

describe('change and notes', () => {
  it('finds exact change where greedy would not', () => {
    expect(canMakeChange(0, {})).toBe(true);
    expect(canMakeChange(800, { '500': 1, '100': 3 })).toBe(true);
    expect(canMakeChange(800, { '500': 1, '100': 2 })).toBe(false);
    expect(canMakeChange(800, { '500': 1, '100': 1, '50': 6 })).toBe(true);
    // With coin values that do not divide each other greedy takes the 40 and is stuck; the search pays 30 + 30.
    expect(canMakeChange(60, { '40': 1, '30': 2 })).toBe(true);
    expect(canMakeChange(60, { '50': 1, '100': 1 })).toBe(false);
    expect(canMakeChange(9_800, { '500': 19, '100': 3 })).toBe(true);
  });

  it('offers only the notes whose change the hoppers can pay', () => {
    const notes = [50000, 1000, 5000, 10000];
    expect(acceptableNotes(200, notes, { '500': 10, '100': 10 })).toEqual([1000, 5000]);
    expect(acceptableNotes(200, notes, {})).toEqual([]);
    expect(acceptableNotes(3000, notes, {})).toEqual([1000]);
    expect(acceptableNotes(0, notes, { '500': 100 })).toEqual([]);
  });

  it('splits what goes back into change and refund', () => {
    expect(moneyBack({ inserted: 1000, due: 200, paidInFull: true, feesKept: 200 })).toEqual({ change: 800, refund: 0 });
    // Two copies of 500 paid with 5,000; one printed: 4,000 change, 500 refund.
    expect(moneyBack({ inserted: 5000, due: 1000, paidInFull: true, feesKept: 500 })).toEqual({ change: 4000, refund: 500 });
    // A cancel halfway through the payment: everything back as refund.
    expect(moneyBack({ inserted: 1000, due: 3000, paidInFull: false, feesKept: 0 })).toEqual({ change: 0, refund: 1000 });
    expect(() => moneyBack({ inserted: 100, due: 200, paidInFull: false, feesKept: 200 })).toThrow();
  });
});
