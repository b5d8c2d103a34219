import { expect, test } from './fixtures';

test('the attract screen in Korean, English on request, and the documents of the catalogue', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('무인민원발급기');
  await expect(page.getByRole('button', { name: '화면을 눌러 시작하세요' })).toBeVisible();

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Choose a document' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  const tiles = page.locator('.tiles .tile');
  await expect(tiles.first()).toContainText('Resident registration copy (household)');
  await expect(tiles.first()).toContainText('₩200');

  // All 36 documents are reachable through the six categories (at most 8 per screen, no scrolling). How many tiles
  // fit depends on their text (a document outside office hours says so on its tile), so "All by category" may be on
  // the home list's second page.
  const allByCategory = page.getByRole('button', { name: /All by category/ });
  for (let turn = 0; turn < 3 && !(await allByCategory.isVisible()); turn++) await page.locator('.pager-next').click();
  await allByCategory.click();
  const names: string[] = [];
  for (let group = 0; group < 6; group++) {
    await page.locator('.tiles .tile').nth(group).click();
    // A category longer than a page goes on with "Next" (English names are longer: fewer fit on a page).
    for (;;) {
      names.push(...(await tiles.locator('.tile-name').allTextContents()));
      const next = page.locator('.pager-next');
      if ((await next.count()) === 0 || (await next.getAttribute('aria-disabled')) === 'true') break;
      await next.click();
    }
    await page.getByRole('button', { name: 'Back' }).click();
  }
  expect(names).toHaveLength(36);
  expect(new Set(names).size).toBe(36);
  expect(names).toContain('Health insurance premium payment');
});

test('choosing a document moves the session to its next screen', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  await page.getByRole('button', { name: '화면을 눌러 시작하세요' }).click();
  await page.getByRole('button', { name: '한국어' }).click();
  await page.locator('.tile', { hasText: '주민등록표 등본' }).click();
  await expect(page.getByRole('heading', { name: '주민등록표 등본' })).toBeVisible();
  await expect(page.getByText('수수료 1통 200원')).toBeVisible();

  // The session lives in the kiosk service: a reload shows the same screen.
  await page.reload();
  await expect(page.getByRole('heading', { name: '주민등록표 등본' })).toBeVisible();

  await page.getByRole('button', { name: '처음으로' }).click();
  await expect(page.getByRole('button', { name: '화면을 눌러 시작하세요' })).toBeVisible();
  await page.screenshot({ path: 'test-results/walking-skeleton-options.png' });
});
