import AxeBuilder from '@axe-core/playwright';
import { expect, test as base, type Page } from '@playwright/test';
import { DISPLAY_MODES, FIXTURE_NAMES, type DisplayMode } from '../../renderer/fixtures/views';
import { buildGallery, startGalleryServer, type GalleryServer } from '../support/gallery';
import { measureLayout } from '../support/layout-checks';

/**
 * Every screen of the contract (the renderer's fixtures, in the screen gallery — no kiosk needed) in every display
 * mode: an axe-core audit with no serious or critical violation, and the layout rules only a browser can check —
 * nothing cut off or scrolled away, targets ≥ 12 mm a side and ≥ 2.5 mm apart, text ≥ 12 mm, every control within
 * reach in the low-position layout — in Korean and in English.
 *
 * The audit runs in axe's legacy mode (in the page, without opening a page of its own per run) and in English only
 * in the default mode: the modes change colours and sizes, which the Korean run already audits, and the layout
 * checks run in both languages everywhere.
 */
const test = base.extend<{ gallery: Page }, { server: GalleryServer }>({
  server: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      buildGallery();
      const server = await startGalleryServer();
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  gallery: async ({ page, server }, use) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(server.url);
    await page.waitForFunction(() => window.__gallery !== undefined);
    await page.evaluate(() => document.fonts.ready);
    await use(page);
  },
});

const AUDIT_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const NO_LAYOUT_PROBLEM = { clipped: [], overflowingControls: [], smallTargets: [], crowdedTargets: [], outOfReach: [], smallText: [] };

async function show(page: Page, fixture: string, language: string, mode: string): Promise<void> {
  const shown = await page.evaluate(([f, l, m]) => window.__gallery?.show(f, l, m) ?? false, [fixture, language, mode] as const);
  expect(shown).toBe(true);
  await expect(page.locator('.kiosk')).toHaveAttribute('lang', language);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

async function audit(page: Page, mode: string, language: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(AUDIT_TAGS).setLegacyMode(true).analyze();
  const severe = result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  expect({ mode, language, severe }).toEqual({ mode, language, severe: [] });
}

for (const fixture of FIXTURE_NAMES) {
  test(`${fixture}: accessible and laid out by the rules in every mode`, async ({ gallery }) => {
    for (const mode of Object.keys(DISPLAY_MODES) as DisplayMode[]) {
      for (const language of ['ko', 'en'] as const) {
        await show(gallery, fixture, language, mode);
        if (language === 'ko' || mode === 'default') await audit(gallery, mode, language);
        expect({ mode, language, ...(await measureLayout(gallery)) }).toEqual({ mode, language, ...NO_LAYOUT_PROBLEM });
      }
    }
  });
}

/** The dialogs a citizen opens on a screen: display settings (both pages), help, the Korean keyboard, the number pad. */
const DIALOGS = [
  { name: 'display settings', fixture: 'choose-document', open: ['.bottom-bar .bar-button:nth-child(4)'] },
  { name: 'display settings, sound', fixture: 'choose-document', open: ['.bottom-bar .bar-button:nth-child(4)', '.settings-tabs .button:nth-child(2)'] },
  { name: 'help', fixture: 'resident-number', open: ['.bottom-bar .bar-button:nth-child(3)'] },
  { name: 'Korean keyboard', fixture: 'document-options-address', open: ['.option-text .button'] },
  { name: 'number pad', fixture: 'document-options-year', open: ['.option-number .stepper > .button:last-child'] },
] as const;

for (const dialog of DIALOGS) {
  test(`${dialog.name} dialog: accessible and laid out by the rules in every mode`, async ({ gallery }) => {
    for (const mode of Object.keys(DISPLAY_MODES) as DisplayMode[]) {
      for (const language of ['ko', 'en'] as const) {
        await show(gallery, dialog.fixture, language, mode);
        for (const control of dialog.open) await gallery.locator(control).click();
        await expect(gallery.getByRole('dialog')).toBeVisible();
        if (language === 'ko' || mode === 'default') await audit(gallery, mode, language);
        expect({ mode, language, ...(await measureLayout(gallery)) }).toEqual({ mode, language, ...NO_LAYOUT_PROBLEM });
      }
    }
  });
}
