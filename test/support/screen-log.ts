import type { Page } from '@playwright/test';

/**
 * What the browser showed, screen by screen, for end-to-end tests of screens that pass on their own (printing, the
 * change being paid, the receipt printing): an init script watches the kiosk's root and keeps every distinct
 * (screen, visible text of the screen) it rendered, in order. Waiting for a screen that lasts a second is a race a
 * loaded machine can lose; the log keeps what was on the glass, and nothing the renderer did not draw.
 */
export type ShownScreen = { readonly screen: string; readonly title: string; readonly text: string };

declare global {
  interface Window {
    __kioskScreens?: ShownScreen[];
  }
}

export async function recordScreens(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const shown: { screen: string; title: string; text: string }[] = [];
    window.__kioskScreens = shown;
    const look = () => {
      const kiosk = document.querySelector<HTMLElement>('.kiosk');
      const main = kiosk?.querySelector<HTMLElement>('main.screen');
      if (!kiosk || !main) return;
      const screen = kiosk.dataset.screen ?? '';
      const title = (kiosk.querySelector('h1')?.textContent ?? '').trim();
      const text = main.innerText.replace(/\s+/g, ' ').trim();
      const last = shown[shown.length - 1];
      if (!last || last.screen !== screen || last.title !== title || last.text !== text) shown.push({ screen, title, text });
    };
    new MutationObserver(look).observe(document, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['data-screen'] });
  });
}

export async function shownScreens(page: Page): Promise<ShownScreen[]> {
  return page.evaluate(() => window.__kioskScreens ?? []);
}

/** The screens in the order they were first shown (a screen that changed its text many times counts once). */
export function screenOrder(shown: readonly ShownScreen[]): string[] {
  return shown.map((entry) => entry.screen).filter((screen, index, all) => index === 0 || all[index - 1] !== screen);
}
