import { expect, test } from '@playwright/test';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { DEMO_OPERATOR } from '../../central-office/demo';
import { FakeClock } from '../../common/clock';
import { SEEDED_TODAY, startSeededOffice, type SeededOffice } from '../operations/support/operator-office';

/**
 * The operator page in Chromium: an operator signs in at the central office and reads today's counts per kiosk, the
 * chart of issuances per day and per document type, and the kiosks that need someone. The screenshot is the one in
 * docs/operator-guide.md.
 */
const IMAGES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/images');

test.use({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, locale: 'ko-KR' });

let seeded: SeededOffice;
test.beforeAll(async () => {
  seeded = await startSeededOffice(new FakeClock(Date.parse(`${SEEDED_TODAY}T15:30:00+09:00`)));
});
test.afterAll(async () => {
  await seeded.close();
});

test('an operator signs in and reads the counts and the charts', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(`${seeded.running.url}/operator`);
  await expect(page.getByRole('heading', { name: '운영자 로그인' })).toBeVisible();
  await page.getByLabel('운영자 키 ID').fill(DEMO_OPERATOR.keyId);
  await page.getByLabel('비밀 키').fill(DEMO_OPERATOR.secret);
  await page.getByRole('button', { name: '로그인' }).click();

  await expect(page.getByRole('heading', { name: /발급기별 발급 건수/ })).toBeVisible();
  const rows = page.locator('#today tbody tr');
  await expect(rows).toHaveCount(4);
  const counts = await page.locator('#today tbody td.count').allTextContents();
  const total = Number((await page.locator('#today-total').textContent())?.replace(/,/g, ''));
  expect(counts.map((text) => Number(text.replace(/,/g, ''))).reduce((a, b) => a + b, 0)).toBe(total);
  expect(total).toBeGreaterThan(0);
  await expect(page.locator('#today tbody tr[data-kiosk="GJ-GSMART-01"] td.count')).toHaveText('0');

  const perDay = page.getByRole('img', { name: '일별 발급 건수 (최근 30일)' });
  await expect(perDay).toBeVisible();
  expect(await perDay.locator('rect').count()).toBeGreaterThan(30);
  const perDocument = page.getByRole('img', { name: /종류별 발급 건수 2026-11/ });
  await expect(perDocument).toBeVisible();
  await expect(perDocument.locator('text.label', { hasText: /^주민등록표 등본$/ })).toBeVisible();

  await expect(page.locator('#attention li')).toHaveCount(6);
  await expect(page.locator('#attention')).toContainText('마감 차액 -1,000원');
  await expect(page.locator('#attention')).toContainText('media-jam');
  await expect(page.locator('#levels')).toContainText('38');
  expect(errors).toEqual([]);

  await page.screenshot({ path: path.join(IMAGES, 'operator-page.png') });
  await page.screenshot({ path: path.join(IMAGES, 'operator-page-full.png'), fullPage: true });

  await page.getByRole('button', { name: '로그아웃' }).click();
  await expect(page.getByRole('heading', { name: '운영자 로그인' })).toBeVisible();
});

test('a clerk at the counter looks a refund voucher up, records it as paid once, and cannot pay it twice', async ({ page }) => {
  // A voucher one of the seeded kiosks printed, with a code no other kiosk's voucher shares.
  const db = seeded.running.office.storage.db;
  const unique = await db
    .selectFrom('refund_vouchers')
    .select(['voucher_code', sql<number>`count(*)`.as('n')])
    .groupBy('voucher_code')
    .having(sql<number>`count(*)`, '=', 1)
    .orderBy('voucher_code')
    .executeTakeFirstOrThrow();
  const voucher = await db.selectFrom('refund_vouchers').selectAll().where('voucher_code', '=', unique.voucher_code).executeTakeFirstOrThrow();

  await page.goto(`${seeded.running.url}/operator`);
  await page.getByLabel('운영자 키 ID').fill(DEMO_OPERATOR.keyId);
  await page.getByLabel('비밀 키').fill(DEMO_OPERATOR.secret);
  await page.getByRole('button', { name: '로그인' }).click();
  await page.getByRole('banner').getByRole('link', { name: '환불 확인증 지급' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '환불 확인증 지급' })).toBeVisible();

  await page.getByLabel('확인증 번호 또는 QR').fill(voucher.voucher_code);
  await page.getByRole('button', { name: '조회' }).click();
  const amount = `${Number(voucher.amount).toLocaleString('ko-KR')}원`;
  const pay = page.getByRole('button', { name: `${amount} 지급 처리` });
  await expect(pay).toBeVisible();
  await expect(page.locator('#voucher')).toContainText(voucher.kiosk_id);
  await page.screenshot({ path: path.join(IMAGES, 'operator-voucher.png') });

  await pay.click();
  await expect(page.getByRole('button', { name: /지급 처리/ })).toHaveCount(0);
  const claims = await db.selectFrom('voucher_claims').selectAll().where('voucher_code', '=', voucher.voucher_code).execute();
  expect(claims.map((claim) => ({ kiosk: claim.kiosk_id, amount: Number(claim.amount) }))).toEqual([{ kiosk: voucher.kiosk_id, amount: Number(voucher.amount) }]);

  // The same voucher again (a second visit, or a reload): refused, and nothing more recorded.
  await page.getByLabel('확인증 번호 또는 QR').fill(voucher.voucher_code);
  await page.getByRole('button', { name: '조회' }).click();
  await expect(page.getByRole('alert')).toContainText('이미 지급된 확인증입니다');
  await expect(page.getByRole('button', { name: /지급 처리/ })).toHaveCount(0);
  expect(await db.selectFrom('voucher_claims').selectAll().where('voucher_code', '=', voucher.voucher_code).execute()).toHaveLength(1);
});
