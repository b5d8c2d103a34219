import { ReplayGuard } from './replay-guard';

describe('the replay guard', () => {
  it('admits a signature once within the window', () => {
    const guard = new ReplayGuard(1000);
    expect(guard.admit('a', 0, 0)).toBe(true);
    expect(guard.admit('a', 0, 500)).toBe(false);
    expect(guard.admit('b', 400, 500)).toBe(true);
  });

  it('forgets signatures whose timestamp has left the window', () => {
    const guard = new ReplayGuard(1000);
    guard.admit('a', 0, 0);
    guard.admit('b', 900, 900);
    guard.admit('c', 1500, 1500);
    expect(guard.size).toBe(2);
  });
});
