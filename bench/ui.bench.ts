import { chromium, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { REPO_ROOT, startKioskProcess } from '../test/support/kiosk-process';
import { formatTiming, machine, summarise } from './measure';

/**
 * The touch UI's two figures (issue 8): touch-to-screen latency — the click event a touch delivers to a control,
 * to the new screen painted (the second animation frame after the DOM shows it) — in Debian's
 * Chromium against the live browser host; and the size of the renderer bundle. The touches alternate between the
 * first screen's "touch to start" (a command: attract → language) and the bar's "이전" (back: language → attract),
 * and, for comparison, turning a page of the document list, which needs no command.
 */
const TOUCHES = Number(process.env.UI_BENCH_TOUCHES ?? 200);
const PAGE_TURNS = Number(process.env.UI_BENCH_PAGE_TURNS ?? 100);

/**
 * Presses a control (a click event on it, as a touch delivers) and measures until the kiosk shows `screen` (or the
 * pager shows `pagerText`) and the frame that shows it has been painted.
 */
async function touchAndWait(page: Page, target: string, until: { screen?: string; pagerText?: string }): Promise<number> {
  return page.evaluate(
    ({ selector, screen, pagerText }) =>
      new Promise<number>((resolve, reject) => {
        const done = () =>
          (screen === undefined || document.querySelector<HTMLElement>('.kiosk')?.dataset.screen === screen) &&
          (pagerText === undefined || document.querySelector('.pager-status')?.textContent === pagerText);
        const control = document.querySelector<HTMLElement>(selector);
        if (!control) return reject(new Error(`nothing to touch at ${selector}`));
        if (done()) return reject(new Error(`already showing what ${selector} should bring`));
        const observer = new MutationObserver(() => {
          if (!done()) return;
          observer.disconnect();
          // The first frame callback runs before the paint of the frame that shows the change, the second after it.
          requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - touchedAt)));
        });
        observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
        const touchedAt = performance.now();
        control.click();
      }),
    { selector: target, ...until },
  );
}

async function latency(): Promise<void> {
  const kiosk = await startKioskProcess();
  const browser = await chromium.launch({
    executablePath: process.env.KIOSK_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
    const page = await context.newPage();
    // tsx names functions with a helper the page does not have.
    await page.addInitScript(() => {
      (globalThis as unknown as { __name: unknown }).__name = (value: unknown) => value;
    });
    await page.goto(kiosk.url);
    await page.locator('.kiosk[data-screen="attract"]').waitFor();
    await page.evaluate(() => document.fonts.ready);
    const withCommand: number[] = [];
    for (let i = 0; i < TOUCHES; i++) {
      const ms =
        i % 2 === 0
          ? await touchAndWait(page, '.touch-to-start', { screen: 'language' })
          : await touchAndWait(page, '.bottom-bar .bar-button:nth-child(2)', { screen: 'attract' });
      if (i >= 10) withCommand.push(ms);
    }
    console.log(formatTiming(`touch → new screen painted (command over HTTP, view over SSE), after 10 warm-up`, summarise(withCommand)));

    await touchAndWait(page, '.touch-to-start', { screen: 'language' });
    await touchAndWait(page, '.language-tile[lang="ko"]', { screen: 'choose-document' });
    await touchAndWait(page, '.tiles li:nth-child(8) .tile', { pagerText: '1/2 쪽' });
    const pageTurns: number[] = [];
    for (let i = 0; i < PAGE_TURNS; i++) {
      const forward = i % 2 === 0;
      pageTurns.push(await touchAndWait(page, forward ? '.pager-next' : '.pager-previous', { pagerText: forward ? '2/2 쪽' : '1/2 쪽' }));
    }
    console.log(formatTiming('touch → next page of the list painted (no command)', summarise(pageTurns)));
  } finally {
    await browser.close();
    await kiosk.stop();
  }
}

function bundleSize(): void {
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
  const assets = path.join(REPO_ROOT, 'dist/renderer/assets');
  const kiB = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  const groups = new Map<string, { raw: number; gzip: number }>();
  for (const name of readdirSync(assets)) {
    const file = path.join(assets, name);
    const kind = name.endsWith('.woff2') ? 'fonts (woff2)' : name.startsWith('sim-') ? 'simulator panel (js+css)' : name.endsWith('.css') ? 'kiosk css' : 'kiosk js (index + shared)';
    const bytes = readFileSync(file);
    const entry = groups.get(kind) ?? { raw: 0, gzip: 0 };
    groups.set(kind, { raw: entry.raw + statSync(file).size, gzip: entry.gzip + (name.endsWith('.woff2') ? bytes.length : gzipSync(bytes).length) });
  }
  for (const [kind, size] of [...groups].sort()) console.log(`bundle ${kind}: ${kiB(size.raw)} (gzip ${kiB(size.gzip)})`);
}

console.log(`machine: ${machine()}`);
bundleSize();
await latency();
