/**
 * Time is injected everywhere so that tests advance a fake clock instead of sleeping
 * (ARCHITECTURE.md: "tests advance a fake clock, never sleep").
 */
export type TimerHandle = { readonly id: number };

export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
  /** Resolves after `ms` on this clock (the fake clock resolves it when advanced past). */
  sleep(ms: number): Promise<void>;
}

/** The wall clock, used in production. Timer handles map to Node timers kept in a table. */
class SystemClock implements Clock {
  private nextId = 1;
  private readonly timers = new Map<number, ReturnType<typeof globalThis.setTimeout>>();

  now(): number {
    return Date.now();
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    this.timers.set(
      id,
      globalThis.setTimeout(() => {
        this.timers.delete(id);
        callback();
      }, ms),
    );
    return { id };
  }

  clearTimeout(handle: TimerHandle): void {
    const timer = this.timers.get(handle.id);
    if (timer !== undefined) globalThis.clearTimeout(timer);
    this.timers.delete(handle.id);
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.setTimeout(resolve, ms));
  }
}

export const systemClock: Clock = new SystemClock();

/**
 * A manual clock for tests. `advance(ms)` fires due timers in time order, awaiting the microtask queue between
 * them so that async code woken by one timer can schedule the next before time moves on.
 */
export class FakeClock implements Clock {
  private current: number;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();

  constructor(start = Date.UTC(2026, 10, 25, 1, 0, 0)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    this.timers.set(id, { at: this.current + Math.max(0, ms), callback });
    return { id };
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers.delete(handle.id);
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.setTimeout(resolve, ms));
  }

  /** Number of timers waiting to fire (tests use it to prove nothing is left behind). */
  get pendingTimers(): number {
    return this.timers.size;
  }

  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    for (;;) {
      await flushMicrotasks();
      const due = this.nextDue(target);
      if (!due) break;
      this.timers.delete(due.id);
      this.current = Math.max(this.current, due.at);
      due.callback();
    }
    this.current = target;
    await flushMicrotasks();
  }

  /** Advance to the next timer only; returns false when none is pending. */
  async step(): Promise<boolean> {
    await flushMicrotasks();
    const due = this.nextDue(Number.POSITIVE_INFINITY);
    if (!due) return false;
    await this.advance(due.at - this.current);
    return true;
  }

  private nextDue(limit: number): { id: number; at: number; callback: () => void } | undefined {
    let best: { id: number; at: number; callback: () => void } | undefined;
    for (const [id, timer] of this.timers) {
      if (timer.at > limit) continue;
      if (!best || timer.at < best.at || (timer.at === best.at && id < best.id)) best = { id, ...timer };
    }
    return best;
  }
}

async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
  await new Promise<void>((resolve) => setImmediate(resolve));
}
