import type { Page } from '@playwright/test';

/**
 * Layout facts measured in the browser, for the rules that only a real layout can check: nothing cut off or
 * scrolled away (pages, not scrolling), every touch target at least 12 mm a side and 2.5 mm from the next, every
 * control within reach in the low-position layout, text at least 12 mm tall (Hangul glyphs are 0.87 em).
 */
export type LayoutReport = {
  /** Elements whose box leaves the area that shows them (the screen, a dialog, the window). */
  readonly clipped: readonly string[];
  /** Controls whose label does not fit inside them. */
  readonly overflowingControls: readonly string[];
  readonly smallTargets: readonly string[];
  readonly crowdedTargets: readonly string[];
  /** Controls above the reachable band in the low-position layout (empty when the layout is not low). */
  readonly outOfReach: readonly string[];
  readonly smallText: readonly string[];
};

export async function measureLayout(page: Page): Promise<LayoutReport> {
  return page.evaluate(() => {
    const kiosk = document.querySelector<HTMLElement>('.kiosk');
    if (!kiosk) throw new Error('no kiosk on the page');
    const style = getComputedStyle(kiosk);
    const px = (name: string) => Number.parseFloat(style.getPropertyValue(name));
    const pxPerMm = Number(kiosk.dataset.pxPerMm ?? '0');
    const describe = (element: Element) => {
      const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
      return `${element.tagName.toLowerCase()}.${[...element.classList].join('.')} "${text}"`;
    };
    const visible = (element: Element) => {
      const rect = element.getBoundingClientRect();
      return rect.width > 0 && rect.height > 0 && getComputedStyle(element).visibility !== 'hidden';
    };
    const dialogs = [...document.querySelectorAll('[role="dialog"], [role="alertdialog"]')];
    const active = dialogs[dialogs.length - 1] ?? null;
    const scope = active ?? kiosk;
    const clipped: string[] = [];
    const overflowingControls: string[] = [];
    const smallTargets: string[] = [];
    const crowdedTargets: string[] = [];
    const outOfReach: string[] = [];
    const smallText: string[] = [];

    const areaOf = (element: Element): DOMRect => {
      const container = element.closest('[role="dialog"], [role="alertdialog"], main.screen, .top-band, .bottom-bar');
      return (container ?? document.documentElement).getBoundingClientRect();
    };
    const leaves = [...scope.querySelectorAll('button, p, li, dd, dt, h1, h2, legend, .tile-name, .tile-meta, .stepper-value, .pager-status')].filter(visible);
    for (const element of leaves) {
      const rect = element.getBoundingClientRect();
      const area = areaOf(element);
      const out = rect.bottom > area.bottom + 1 || rect.top < area.top - 1 || rect.right > window.innerWidth + 1 || rect.left < -1;
      if (out) clipped.push(describe(element));
    }
    const controls = [...scope.querySelectorAll<HTMLElement>('button')].filter(visible);
    const minTarget = 12 * pxPerMm;
    const minGap = 2.5 * pxPerMm;
    for (const control of controls) {
      if (control.scrollWidth > control.clientWidth + 1 || control.scrollHeight > control.clientHeight + 1) overflowingControls.push(describe(control));
      const rect = control.getBoundingClientRect();
      if (rect.width + 0.5 < minTarget || rect.height + 0.5 < minTarget) smallTargets.push(`${describe(control)} ${Math.round(rect.width)}×${Math.round(rect.height)}`);
      if (kiosk.dataset.low === 'true' && rect.top < window.innerHeight - px('--reach') - 0.5) outOfReach.push(`${describe(control)} top ${Math.round(rect.top)}`);
    }
    for (let i = 0; i < controls.length; i++) {
      for (let j = i + 1; j < controls.length; j++) {
        const a = controls[i]!.getBoundingClientRect();
        const b = controls[j]!.getBoundingClientRect();
        const dx = Math.max(0, Math.max(a.left, b.left) - Math.min(a.right, b.right));
        const dy = Math.max(0, Math.max(a.top, b.top) - Math.min(a.bottom, b.bottom));
        if (Math.max(dx, dy) + 0.5 < minGap) crowdedTargets.push(`${describe(controls[i]!)} / ${describe(controls[j]!)}`);
      }
    }
    const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    const minGlyphPx = 12 * pxPerMm;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !(node.textContent ?? '').trim() || !visible(parent) || parent.closest('[aria-hidden="true"]')) continue;
      const fontPx = Number.parseFloat(getComputedStyle(parent).fontSize);
      if (fontPx * 0.87 + 0.01 < minGlyphPx) smallText.push(`${describe(parent)} ${fontPx}px`);
    }
    return { clipped, overflowingControls, smallTargets, crowdedTargets, outOfReach, smallText };
  });
}
