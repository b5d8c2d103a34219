/**
 * Exponential backoff with jitter: after the n-th consecutive failure wait a random time between half and all of
 * `initial · 2^(n−1)`, capped. The jitter keeps a district's kiosks from all retrying in the same second when the
 * central office comes back; the half floor keeps a kiosk from hammering it.
 */
export type BackoffPolicy = { readonly initialMs: number; readonly maxMs: number };

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 1_000, maxMs: 5 * 60_000 };

export function backoffDelay(policy: BackoffPolicy, consecutiveFailures: number, random: () => number): number {
  if (consecutiveFailures < 1) return 0;
  const exponent = Math.min(consecutiveFailures - 1, 30);
  const ceiling = Math.min(policy.maxMs, policy.initialMs * 2 ** exponent);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
