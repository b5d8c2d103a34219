import { createHash } from 'node:crypto';

/**
 * Synthetic fingerprints for the demo and the tests, never real people's. A person's finger is identified by a
 * key (their synthetic resident number); every capture of it gives a slightly different template, as a real
 * sensor does, and the central office scores similarity against the enrolled one. The simulator produces
 * captures; the central office's synthetic population enrols with `enrolledTemplate`.
 */
export const TEMPLATE_BYTES = 512;
/** Similarity at or above which two templates are the same finger. */
export const MATCH_THRESHOLD = 0.8;

function expand(seed: string, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let filled = 0;
  for (let block = 0; filled < length; block++) {
    const digest = createHash('sha256').update(`${seed}#${block}`).digest();
    out.set(digest.subarray(0, Math.min(digest.length, length - filled)), filled);
    filled += digest.length;
  }
  return out;
}

export function enrolledTemplate(fingerKey: string): Uint8Array {
  return expand(`finger:${fingerKey}`, TEMPLATE_BYTES);
}

/** The `capture`-th reading of a finger: the enrolled template with about 5 % of its bytes disturbed. */
export function capturedTemplate(fingerKey: string, capture: number): Uint8Array {
  const template = enrolledTemplate(fingerKey);
  const noise = expand(`noise:${fingerKey}:${capture}`, TEMPLATE_BYTES);
  for (let i = 0; i < TEMPLATE_BYTES; i++) {
    if ((noise[i] ?? 0) < 13) template[i] = noise[(i + 1) % TEMPLATE_BYTES] ?? 0;
  }
  return template;
}

/** Share of equal bytes: ~0.95 for two captures of one finger, ~0.004 for different fingers. */
export function templateSimilarity(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length || a.length === 0) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}
