import { expect, test } from './fixtures';

test('the attract screen in Korean, English on request, and the documents of the catalogue', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('무인민원발급기');
  await expect(page.getByRole('button', { name: '화면을 눌러 시작하세요' })).toBeVisible();

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Choose a document' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  const tiles = page.locator('.tile');
  await expect(tiles).toHaveCount(8);
  await expect(tiles.first()).toContainText('Resident registration copy (household)');
  await expect(tiles.first()).toContainText('₩200');
  await expect(page.getByText('1 / 5')).toBeVisible();

  // All 36 documents are reachable page by page (at most 8 per screen, no scrolling).
  const names: string[] = [];
  for (let pageNo = 1; pageNo <= 5; pageNo++) {
    names.push(...(await tiles.locator('.name').allTextContents()));
    if (pageNo < 5) await page.getByRole('button', { name: 'Next ▶' }).click();
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
  await expect(page.getByText('수수료 200원 (1통)')).toBeVisible();

  // The session lives in the kiosk service: a reload shows the same screen.
  await page.reload();
  await expect(page.getByRole('heading', { name: '주민등록표 등본' })).toBeVisible();

  await page.getByRole('button', { name: '처음으로' }).click();
  await expect(page.getByRole('button', { name: '화면을 눌러 시작하세요' })).toBeVisible();
  await page.screenshot({ path: 'test-results/walking-skeleton-options.png' });
});
