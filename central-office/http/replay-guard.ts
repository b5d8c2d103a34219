/**
 * Signatures seen within the replay window. A captured request re-sent verbatim carries a signature the office has
 * already accepted and is refused; an honest retry is signed afresh (new nonce) and passes. Entries are dropped once
 * their timestamp is outside the window, after which the timestamp check refuses a replay anyway.
 *
 * One instance per process: several office processes behind a load balancer would need a shared guard (e.g. a
 * table with a unique key on the signature); the ingest stays exactly-once regardless, by event id.
 */
export class ReplayGuard {
  private readonly seen = new Map<string, number>();

  constructor(private readonly windowMs: number) {}

  /** Records the signature; false when it was already there (a replay). */
  admit(signature: string, timestamp: number, now: number): boolean {
    this.prune(now);
    if (this.seen.has(signature)) return false;
    this.seen.set(signature, timestamp + this.windowMs);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }

  private prune(now: number): void {
    // Insertion order is roughly expiry order; stop at the first live entry.
    for (const [signature, expires] of this.seen) {
      if (expires >= now) break;
      this.seen.delete(signature);
    }
  }
}
