import { backoffDelay } from './backoff';

describe('backoff with jitter', () => {
  const policy = { initialMs: 1000, maxMs: 60_000 };

  it('doubles per failure up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffDelay(policy, n, () => 1))).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000]);
  });

  it('waits between half and all of the ceiling', () => {
    expect(backoffDelay(policy, 3, () => 0)).toBe(2000);
    expect(backoffDelay(policy, 3, () => 0.5)).toBe(3000);
    expect(backoffDelay(policy, 0, () => 1)).toBe(0);
  });
});
