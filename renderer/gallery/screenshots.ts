import { chromium } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { buildGallery, startGalleryServer } from '../../test/support/gallery';
import { REPO_ROOT } from '../../test/support/kiosk-process';

/**
 * Photographs the main screens from the screen gallery into docs/images/ (half size: 540 × 960 for a 1080 × 1920
 * panel): `npx tsx renderer/gallery/screenshots.ts`. Korean and English, high contrast, 200 %, low position.
 */
const SHOTS: readonly (readonly [fixture: string, language: 'ko' | 'en', mode: string])[] = [
  ['attract', 'ko', 'default'],
  ['attract', 'en', 'default'],
  ['choose-document', 'ko', 'default'],
  ['choose-document', 'en', 'default'],
  ['document-options', 'ko', 'default'],
  ['resident-number', 'ko', 'default'],
  ['fingerprint-retry', 'ko', 'default'],
  ['summary', 'ko', 'default'],
  ['payment', 'ko', 'default'],
  ['payment', 'en', 'default'],
  ['printing', 'ko', 'default'],
  ['error', 'ko', 'default'],
  ['out-of-service', 'ko', 'default'],
  ['timeout', 'ko', 'default'],
  ['choose-document', 'ko', 'high-dark'],
  ['resident-number', 'ko', 'high-dark'],
  ['payment', 'ko', 'high-light'],
  ['choose-document', 'ko', 'large'],
  ['payment', 'en', 'large'],
  ['choose-document', 'ko', 'low'],
  ['resident-number', 'ko', 'low'],
];

const out = path.join(REPO_ROOT, 'docs/images');
mkdirSync(out, { recursive: true });
buildGallery();
const server = await startGalleryServer();
const browser = await chromium.launch({ executablePath: process.env.KIOSK_CHROMIUM ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, deviceScaleFactor: 0.5, reducedMotion: 'reduce' });
  const page = await context.newPage();
  for (const [fixture, language, mode] of SHOTS) {
    await page.goto(`${server.url}?fixture=${fixture}&lang=${language}&mode=${mode}`);
    await page.locator('.kiosk').waitFor();
    await page.evaluate(() => document.fonts.ready);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const file = path.join(out, `ui-${fixture}-${language}${mode === 'default' ? '' : `-${mode}`}.png`);
    await page.screenshot({ path: file });
    process.stdout.write(`${path.relative(REPO_ROOT, file)}\n`);
  }
} finally {
  await browser.close();
  await server.close();
}
