import path from 'node:path';
import { demoResidents } from '../../central-office/demo';
import { KioskCitizen } from '../support/kiosk-citizen';
import { REPO_ROOT } from '../support/kiosk-process';
import { recordScreens, screenOrder, shownScreens } from '../support/screen-log';
import { expect, test } from './fixtures';

/**
 * A whole issuance by touch in the browser (the browser host, Debian Chromium, the demo configuration with simulated
 * devices): every step is a click on the touch UI, from the attract screen to the thank-you screen. The simulator
 * endpoints play only the outside world — the demo citizen's finger on the reader and a ₩1,000 note in the slot.
 * Screens that pass on their own (printing, change, receipt) are checked from what the browser drew
 * (test/support/screen-log.ts), so a loaded machine cannot make the test miss them.
 */
test.describe.configure({ timeout: 120_000 });

const citizen = demoResidents().find((resident) => resident.role === 'demo-citizen');
const screenshot = (name: string) => path.join(REPO_ROOT, 'docs/images', `ui-touch-${name}.png`);

test('a citizen gets a 주민등록표 등본 by touch alone, pays ₩1,000 and gets ₩800 back and a receipt', async ({ page, kiosk }) => {
  if (!citizen) throw new Error('no demo citizen in the synthetic population');
  const world = new KioskCitizen(kiosk.url);
  const heading = page.getByRole('heading', { level: 1 });
  const receiptsBefore = Number((await world.panel()).devices.find((device) => device.device === 'receipt-printer')?.state.printed ?? 0);
  await recordScreens(page);
  await page.goto(kiosk.url);

  // ---- attract, language, document ----
  await expect(heading).toHaveText('무인민원발급기');
  await page.getByRole('button', { name: '화면을 눌러 시작하세요' }).click();
  await expect(heading).toHaveText('언어를 고르세요');
  await page.getByRole('button', { name: '한국어' }).click();
  await expect(heading).toHaveText('발급할 서류를 고르세요');
  await expect(page.locator('[aria-current="step"]')).toHaveText('1서류 선택');
  await page.getByRole('button', { name: /주민등록표 등본/ }).click();

  // ---- options: the fee, one option changed by touch ----
  await expect(heading).toHaveText('주민등록표 등본');
  await expect(page.getByText('수수료 1통 200원')).toBeVisible();
  const pastAddresses = page.getByRole('button', { name: /과거 주소 변동사항 포함/ });
  await expect(pastAddresses).toHaveAttribute('aria-pressed', 'false');
  await pastAddresses.click();
  await expect(pastAddresses).toHaveAttribute('aria-pressed', 'true');
  await expect(pastAddresses).toContainText('예');
  await page.getByRole('button', { name: '확인' }).click();

  // ---- resident number on the on-screen keypad: a masked echo, the digits never on the page ----
  await expect(heading).toHaveText('주민등록번호를 입력하세요');
  await expect(page.locator('[aria-current="step"]')).toHaveText('2본인 확인');
  const keypad = page.getByRole('group', { name: '숫자 단추' });
  const masked = page.getByTestId('masked-number');
  const confirm = page.getByRole('button', { name: '확인', exact: true });
  const digits = citizen.residentNumber.replace('-', '');
  await expect(confirm).toBeDisabled();
  const filled = masked.locator('.slot.filled');
  for (const [index, digit] of [...digits].entries()) {
    await keypad.getByRole('button', { name: digit, exact: true }).click();
    await expect(filled).toHaveCount(index + 1);
    if (index < 12) await expect(page.getByRole('status')).toHaveText(`입력됨 · 13자리 중 ${index + 1}자리`);
  }
  // Front six and the first of the back shown, the other six masked (ui.md); the digits are nowhere on the page.
  await expect(masked).toHaveText(`${digits.slice(0, 6)}-${digits[6]}●●●●●●`);
  expect(await page.content()).not.toContain(digits.slice(7));
  await expect(page.getByRole('status')).toHaveText('13자리를 모두 입력했습니다. 확인을 누르세요.');
  // The last key erased with ← 지움 and typed again.
  await keypad.getByRole('button', { name: '지움', exact: true }).click();
  await expect(filled).toHaveCount(12);
  await expect(page.getByRole('status')).toHaveText('지움 · 13자리 중 12자리');
  await expect(confirm).toBeDisabled();
  await keypad.getByRole('button', { name: digits[12]!, exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('13자리를 모두 입력했습니다. 확인을 누르세요.');
  await confirm.click();

  // ---- fingerprint: the outside world places the citizen's finger ----
  await expect(heading).toHaveText('지문으로 본인 확인');
  await expect(page.getByText('오른손 엄지를 화면 아래 지문 인식기에 올려 주세요.')).toBeVisible();
  await expect(page.getByText('남은 기회 3번')).toBeVisible();
  await world.placeFinger(citizen.residentNumber);

  // ---- summary: copies and the fee ----
  await expect(heading).toHaveText('발급 내용을 확인하세요', { timeout: 30_000 });
  await expect(page.locator('.basket-line')).toHaveCount(1);
  await expect(page.locator('.basket-line')).toContainText('주민등록표 등본');
  await expect(page.locator('.basket-line')).toContainText('1통');
  await expect(page.locator('.total')).toHaveText('합계 200원');
  const pay = page.getByRole('button', { name: '결제하기 200원' });
  await expect(pay).toBeEnabled({ timeout: 30_000 });
  await pay.click();

  // ---- payment: due, inserted, remaining; the lit slot ----
  await expect(heading).toHaveText('수수료를 내 주세요');
  await expect(page.locator('[aria-current="step"]')).toHaveText('3결제');
  const amounts = page.locator('dl.amounts');
  await expect(amounts).toContainText('낼 돈200원');
  await expect(amounts).toContainText('넣은 돈0원');
  await expect(amounts).toContainText('남은 돈200원');
  await expect(page.getByText('지폐를 넣어 주세요.')).toBeVisible();
  await expect(page.getByTestId('note-slot')).toHaveClass(/\blit\b/);
  await expect(page.getByText(/^넣을 수 있는 지폐: .*1,000원/)).toBeVisible();
  await page.screenshot({ path: screenshot('payment') });
  await world.insertNote(1000);

  // ---- printing: progress per page (shot while it lasts: a page takes 1.5 s on the simulated printer) ----
  // Waited for by watching the page (not an assertion's back-off polling): the screen lasts about 1.5 s.
  await page.locator('.kiosk[data-screen="printing"]').waitFor({ timeout: 30_000 });
  await expect(heading).toHaveText('서류를 인쇄하고 있습니다');
  await expect(page.locator('[aria-current="step"]')).toHaveText('4발급');
  await expect(page.getByText('서류 1건 중 1번째 · 1통 중 1번째')).toBeVisible();
  await page.screenshot({ path: screenshot('printing') });

  // ---- thank-you: take the papers; the receipt printer printed the receipt ----
  await expect(heading).toHaveText('이용해 주셔서 감사합니다', { timeout: 60_000 });
  await expect(page.getByText('서류와 영수증을 꼭 챙겨 가세요.')).toBeVisible();
  await page.screenshot({ path: screenshot('thank-you') });

  // Every screen the session showed was drawn, in order, the short ones too (the office check and the records
  // have their own screen; the simulated receipt printer takes about 0.1 s).
  const shown = await shownScreens(page);
  expect(screenOrder(shown)).toEqual([
    'attract',
    'language',
    'choose-document',
    'document-options',
    'loading-records',
    'resident-number',
    'fingerprint',
    'loading-records',
    'summary',
    'payment',
    'printing',
    'change',
    'receipt',
    'thank-you',
  ]);
  const texts = (screen: string) => shown.filter((entry) => entry.screen === screen).map((entry) => entry.text);
  expect(texts('fingerprint')).toContainEqual(expect.stringContaining('본인인지 확인하고 있습니다.'));
  expect(texts('payment')).toContainEqual(expect.stringContaining('지폐를 받았습니다.'));
  expect(texts('payment')).toContainEqual(expect.stringContaining('넣은 돈 1,000원 남은 돈 0원 거스름돈 800원은 발급이 끝나면 동전으로 드립니다.'));
  expect(texts('payment')).toContainEqual(expect.stringContaining('결제가 끝났습니다. 서류를 인쇄합니다.'));
  expect(texts('printing')[0]).toContain('주민등록표 등본 서류 1건 중 1번째 · 1통 중 1번째 1쪽 중 0쪽');
  expect(texts('receipt')).toContainEqual(expect.stringContaining('영수증을 인쇄하고 있습니다.'));
  // The coins counted out as they come (₩500, then ₩100 at a time).
  expect(texts('change')).toContainEqual(expect.stringContaining('거스름돈 800원 지금까지 500원을 내드렸습니다.'));
  expect(texts('change').every((text) => text.startsWith('거스름돈 800원'))).toBe(true);

  const receiptPrinter = (await world.panel()).devices.find((device) => device.device === 'receipt-printer');
  expect(receiptPrinter?.state.printed).toBe(receiptsBefore + 1);
  const receipt = String(receiptPrinter?.state.lastReceipt ?? '');
  expect(receipt).toContain('주민등록표 등본');
  expect(receipt).toMatch(/합계\s+200원/);
  expect(receipt).toMatch(/받은 금액\s+1,000원/);
  expect(receipt).toMatch(/거스름돈\s+800원/);
  // The number is never on the receipt.
  expect(receipt).not.toContain(digits.slice(7));

  await page.getByRole('button', { name: '끝내기' }).click();
  await expect(heading).toHaveText('무인민원발급기');
});
