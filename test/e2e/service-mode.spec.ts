import { expect, test } from '@playwright/test';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServiceKiosk, type ServiceKiosk } from '../operations/support/service-kiosk';

/**
 * The service-mode screen in Chromium on the kiosk's portrait panel: the technician enters the PIN, sees a receipt
 * printer out of paper in plain words, runs the bill acceptor's accept cycle (a note inserted into the simulator
 * when the screen asks), and records a paper refill, while the citizen screen of the same kiosk (the composition
 * root in-process) says it is being serviced. Screenshots for docs/technician-guide.md.
 */
const IMAGES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/images');
const DEMO_PIN = '258046';

let kiosk: ServiceKiosk;
test.beforeAll(async () => {
  kiosk = await startServiceKiosk();
});
test.afterAll(async () => {
  await kiosk.close();
});

test.use({ viewport: { width: 1080, height: 1920 }, deviceScaleFactor: 0.5 });

test('a technician enters the PIN, reads the devices, tests the bill acceptor and records paper', async ({ page, context }) => {
  // The citizen screen of the same kiosk, beside the technician's.
  const citizen = await context.newPage();
  await citizen.goto(kiosk.url);
  await expect.poll(() => kiosk.kiosk.session.view().screen, { timeout: 20_000 }).toBe('attract');
  kiosk.receipt.control!.paperOut();
  await page.goto(`${kiosk.url}/service`);
  await expect(page.getByRole('heading', { name: '서비스 모드' })).toBeVisible();
  for (const digit of '000000') await page.getByRole('button', { name: digit, exact: true }).click();
  await page.getByRole('button', { name: '확인' }).click();
  await expect(page.getByRole('alert')).toContainText('남은 횟수: 4');
  for (const digit of DEMO_PIN) await page.getByRole('button', { name: digit, exact: true }).click();
  await page.getByRole('button', { name: '확인' }).click();
  // While the technician works, the citizen screen is out of service and says why.
  await expect(citizen.getByText('직원이 점검하고 있습니다')).toBeVisible();

  const printer = page.locator('article[data-device="receipt-printer"]');
  await expect(printer).toContainText('고장');
  await expect(printer).toContainText('영수증 용지가 떨어졌습니다');
  await expect(page.locator('article[data-device="bill-acceptor"]')).toContainText('정상');
  await page.locator('article[data-device="bill-acceptor"]').getByRole('button', { name: '자세히' }).click();
  await expect(page.locator('article[data-device="bill-acceptor"] dl.raw')).toContainText('SIM(KRW)-ID003');
  await page.screenshot({ path: path.join(IMAGES, 'service-mode-devices.png') });

  await page.locator('article[data-device="bill-acceptor"]').getByRole('button', { name: '자가 시험' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('지폐를 한 장 넣으세요');
  expect(kiosk.acceptor.insertNote(1000).ok).toBe(true);
  await expect(dialog.getByRole('status')).toContainText('통과', { timeout: 20_000 });
  await expect(dialog).toContainText('1,000원 지폐를 읽었습니다');
  await page.screenshot({ path: path.join(IMAGES, 'service-mode-self-test.png') });
  expect(kiosk.acceptor.cashBoxTotal()).toBe(0);
  await dialog.getByRole('button', { name: '닫기' }).click();

  await page.getByRole('tab', { name: '용지·동전' }).click();
  await expect(page.getByText('남은 매수: 420')).toBeVisible();
  await page.getByRole('button', { name: '넣은 매수' }).click();
  const editor = page.getByRole('dialog');
  for (const digit of '500') await editor.getByRole('button', { name: digit, exact: true }).click();
  await editor.getByRole('button', { name: '기록' }).click();
  await expect(page.getByText('남은 매수: 920')).toBeVisible();

  await page.getByRole('button', { name: '서비스 모드 나가기' }).click();
  await expect(page.getByText('기술자 비밀번호를 입력하세요')).toBeVisible();
  await expect(citizen.getByText('직원이 점검하고 있습니다')).toBeHidden();
  expect(kiosk.kiosk.session.view().screen).toBe('attract');
});
