import { FakeClock } from './clock';

describe('FakeClock', () => {
  it('fires timers in time order as it is advanced, and not before', async () => {
    const clock = new FakeClock(0);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('b@200'), 200);
    clock.setTimeout(() => fired.push('a@100'), 100);
    const cancelled = clock.setTimeout(() => fired.push('never'), 150);
    clock.clearTimeout(cancelled);
    await clock.advance(99);
    expect(fired).toEqual([]);
    await clock.advance(101);
    expect(fired).toEqual(['a@100', 'b@200']);
    expect(clock.now()).toBe(200);
    expect(clock.pendingTimers).toBe(0);
  });

  it('lets async code woken by one timer schedule the next within the same advance', async () => {
    const clock = new FakeClock(0);
    const seen: number[] = [];
    const poll = async () => {
      for (let i = 0; i < 3; i++) {
        await clock.sleep(100);
        seen.push(clock.now());
      }
    };
    const done = poll();
    await clock.advance(300);
    await done;
    expect(seen).toEqual([100, 200, 300]);
  });
});
