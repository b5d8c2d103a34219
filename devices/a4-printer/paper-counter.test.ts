import { LOW_PAPER_SHEETS, SheetCounter } from './paper-counter';

describe('sheet counter', () => {
  it('counts sheets used and what is left in the tray', () => {
    const counter = new SheetCounter();
    const seen: number[] = [];
    counter.subscribe((count) => seen.push(count.used));
    counter.record(3);
    expect(counter.count).toEqual({ used: 3, remaining: null, low: false });
    counter.refill(LOW_PAPER_SHEETS + 2);
    counter.record(2);
    expect(counter.count).toEqual({ used: 5, remaining: LOW_PAPER_SHEETS, low: true });
    expect(seen).toEqual([3, 3, 5]);
  });

  it('never goes below an empty tray and refuses nonsense', () => {
    const counter = new SheetCounter({ used: 10, remaining: 1 });
    counter.record(4);
    expect(counter.count.remaining).toBe(0);
    expect(() => counter.record(-1)).toThrow();
    expect(() => counter.record(1.5)).toThrow();
  });
});
