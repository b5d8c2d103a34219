import { expect, type Page } from '@playwright/test';

/**
 * What voice guidance said in the browser, for end-to-end tests: the renderer copies every utterance into
 * `window.__kioskSpeechLog` only when a test created that array before the page loaded (docs/ui.md, "Voice guidance").
 */
export async function recordSpeech(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.__kioskSpeechLog = [];
  });
}

/** What voice guidance said, in order. */
export async function spoken(page: Page): Promise<string[]> {
  return page.evaluate(() => (window.__kioskSpeechLog ?? []).map((utterance) => utterance.text));
}

/**
 * Where each phrase was first said after the previous one (a string is matched whole, a RegExp anywhere), or the
 * first phrase that was not said in that order. Used to assert the key phrases of a visit in order without pinning
 * every word said between them.
 */
export function inOrder(said: readonly string[], phrases: readonly (string | RegExp)[]): { readonly missing: string | null; readonly at: number[] } {
  const at: number[] = [];
  let from = 0;
  for (const phrase of phrases) {
    const index = said.findIndex((text, i) => i >= from && (typeof phrase === 'string' ? text === phrase : phrase.test(text)));
    if (index < 0) return { missing: String(phrase), at };
    at.push(index);
    from = index + 1;
  }
  return { missing: null, at };
}

/** Waits until the phrases have been said in this order (after `from`, an index into the log). */
export async function expectSaidInOrder(page: Page, phrases: readonly (string | RegExp)[], options: { readonly from?: number; readonly timeout?: number } = {}): Promise<void> {
  await expect
    .poll(async () => {
      const said = (await spoken(page)).slice(options.from ?? 0);
      const { missing } = inOrder(said, phrases);
      return missing === null ? 'all said in order' : `not said in order: ${missing}\nsaid: ${JSON.stringify(said)}`;
    }, { timeout: options.timeout ?? 10_000 })
    .toBe('all said in order');
}
