import { acceptableNotes, canPayExactly, decideEscrow, planPayout, type CoinStock } from './policy';

const stock = (c500: number, c100: number): CoinStock[] => [
  { coinValue: 500, coins: c500 },
  { coinValue: 100, coins: c100 },
];

describe('planPayout', () => {
  it('pays largest coins first', () => {
    expect(planPayout(700, stock(5, 5))).toEqual({ coins: [{ coinValue: 500, count: 1 }, { coinValue: 100, count: 2 }], remainder: 0 });
  });
  it('falls back to smaller coins when the larger run out', () => {
    expect(planPayout(700, stock(0, 9))).toEqual({ coins: [{ coinValue: 100, count: 7 }], remainder: 0 });
  });
  it('reports what cannot be made', () => {
    expect(planPayout(750, stock(1, 1))).toEqual({ coins: [{ coinValue: 500, count: 1 }, { coinValue: 100, count: 1 }], remainder: 150 });
    expect(planPayout(50, stock(9, 9)).remainder).toBe(50);
  });
  it('pays nothing for nothing', () => {
    expect(planPayout(0, stock(1, 1))).toEqual({ coins: [], remainder: 0 });
  });
  it('is exact whenever any combination exists, for every amount up to 5,000 with small stocks (won coins are a multiple chain)', () => {
    for (let a = 0; a <= 3; a++)
      for (let b = 0; b <= 6; b++)
        for (let c = 0; c <= 3; c++)
          for (let d = 0; d <= 6; d++) {
            const s: CoinStock[] = [
              { coinValue: 500, coins: a },
              { coinValue: 100, coins: b },
              { coinValue: 50, coins: c },
              { coinValue: 10, coins: d },
            ];
            const reachable = new Set<number>();
            for (let i = 0; i <= a; i++) for (let j = 0; j <= b; j++) for (let k = 0; k <= c; k++) for (let l = 0; l <= d; l++) reachable.add(i * 500 + j * 100 + k * 50 + l * 10);
            for (let amount = 0; amount <= 2500; amount += 10) expect(canPayExactly(amount, s)).toBe(reachable.has(amount));
          }
  });
});

describe('decideEscrow', () => {
  it('keeps a note that does not overpay', () => {
    expect(decideEscrow({ amountDue: 1000, received: 0, note: 1000, stock: stock(0, 0) })).toEqual({ action: 'stack' });
    expect(decideEscrow({ amountDue: 2000, received: 0, note: 1000, stock: stock(0, 0) })).toEqual({ action: 'stack' });
  });
  it('keeps a note whose overpayment the hoppers can give back', () => {
    expect(decideEscrow({ amountDue: 300, received: 0, note: 1000, stock: stock(1, 2) })).toEqual({ action: 'stack' });
  });
  it('returns a note whose overpayment the hoppers cannot give back', () => {
    expect(decideEscrow({ amountDue: 300, received: 0, note: 1000, stock: stock(1, 1) })).toEqual({ action: 'return', reason: 'change-unavailable' });
    expect(decideEscrow({ amountDue: 800, received: 0, note: 50000, stock: stock(10, 10) })).toEqual({ action: 'return', reason: 'change-unavailable' });
  });
  it('returns a note once the amount is covered', () => {
    expect(decideEscrow({ amountDue: 1000, received: 1000, note: 1000, stock: stock(9, 9) })).toEqual({ action: 'return', reason: 'already-paid' });
  });
});

describe('acceptableNotes', () => {
  const notes = [1000, 5000, 10000, 50000];
  it('enables only notes that would be kept', () => {
    expect(acceptableNotes({ amountDue: 600, received: 0, denominations: notes, stock: stock(20, 10) })).toEqual([1000, 5000, 10000]);
    expect(acceptableNotes({ amountDue: 600, received: 0, denominations: notes, stock: stock(10, 10) })).toEqual([1000, 5000]);
    expect(acceptableNotes({ amountDue: 600, received: 0, denominations: notes, stock: stock(0, 4) })).toEqual([1000]);
    expect(acceptableNotes({ amountDue: 600, received: 0, denominations: notes, stock: stock(0, 3) })).toEqual([]);
  });
  it('enables every note that does not overpay when the hoppers are empty', () => {
    expect(acceptableNotes({ amountDue: 6000, received: 0, denominations: notes, stock: [] })).toEqual([1000, 5000]);
  });
});
