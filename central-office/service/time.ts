/** Korea keeps one offset all year (no daylight saving), so local dates are a fixed shift from UTC. */
const KST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** `YYYY-MM-DD` in Asia/Seoul. */
export function localDate(epochMs: number): string {
  return new Date(epochMs + KST_OFFSET_MS).toISOString().slice(0, 10);
}
