import Database from 'better-sqlite3';
import path from 'node:path';
import { demoResidents } from '../../central-office/demo';
import { IDLE_LIMIT_MS } from '../../state-machines/session/timeouts';
import { KioskCitizen } from '../support/kiosk-citizen';
import { expect, test } from './fixtures';

/**
 * The time-out warning in the browser against a live kiosk: it appears with its countdown, "시간 연장" by touch takes
 * it away and uses one extension, a key of the accessible keypad is activity (the limit starts again without using
 * one), and letting it run out goes back to the attract screen — on the payment screen with nothing taken when no
 * money was inserted, and with a ₩1,000 note already taken, given back in coins.
 *
 * The kiosk of this file has test timings (configuration `session`, docs/integrator-guide.md): every idle limit
 * × 0.05 (the document list's 90 s is 4.5 s, the payment screen's 120 s is 6 s) and a 5-s warning, allowed only
 * because the demo configuration has simulator control on. The 주민등록표 등본's fee is raised to ₩1,200 so that a
 * ₩1,000 note is money taken without the fee paid.
 */
const IDLE_SCALE = 0.05;
const WARNING_SECONDS = 5;
const FEE = 1200;
test.use({
  kioskConfig: {
    session: { idleScale: IDLE_SCALE, warningSeconds: WARNING_SECONDS },
    fees: { overrides: { 'resident-copy': { inDistrict: FEE, outOfDistrict: FEE } } },
  },
});
test.describe.configure({ timeout: 90_000 });

const citizen = demoResidents().find((resident) => resident.role === 'demo-citizen');

type OutboxRow = { readonly type: string; readonly session_id: string | null; readonly payload: string };

/** The events the kiosk recorded for its last closed session (its outbox, read while it runs). */
function lastSessionEvents(dataDir: string): { type: string; payload: Record<string, unknown> }[] {
  const db = new Database(path.join(dataDir, 'kiosk.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT type, session_id, payload FROM outbox ORDER BY seq').all() as OutboxRow[];
    const closed = rows.filter((row) => row.type === 'session.completed').at(-1);
    if (!closed) return [];
    return rows.filter((row) => row.session_id === closed.session_id).map((row) => ({ type: row.type, payload: JSON.parse(row.payload) as Record<string, unknown> }));
  } finally {
    db.close();
  }
}

async function cashState(world: KioskCitizen) {
  const devices = (await world.panel()).devices;
  const state = (device: string) => devices.find((candidate) => candidate.device === device)?.state ?? {};
  const hoppers = state('coin-hoppers');
  return {
    cashBox: Number(state('bill-acceptor').cashBoxTotal),
    coins: Number(hoppers.coins500) * 500 + Number(hoppers.coins100) * 100,
    receipts: Number(state('receipt-printer').printed ?? 0),
  };
}

/** The citizen's way to the payment screen, over KioskApi (what is under test here is the time, not the way). */
async function toPayment(world: KioskCitizen): Promise<void> {
  if (!citizen) throw new Error('no demo citizen in the synthetic population');
  await world.chooseDocument('resident-copy');
  await world.enterResidentNumber(citizen.residentNumber);
  await world.placeFinger(citizen.residentNumber);
  await world.pay();
  await world.waitFor('the payment screen', (view) => view.screen === 'payment' && view.phase === 'insert');
}

test('the warning counts down; 시간 연장 by touch uses an extension, a keypad key is activity, and running out goes home', async ({ page, kiosk }) => {
  const world = new KioskCitizen(kiosk.url);
  const heading = page.getByRole('heading', { level: 1 });
  const warning = page.getByRole('alertdialog', { name: '시간이 더 필요하신가요?' });
  const limitMs = IDLE_LIMIT_MS['choose-document'] * IDLE_SCALE;
  await page.goto(kiosk.url);
  await page.getByRole('button', { name: '화면을 눌러 시작하세요' }).click();
  await page.getByRole('button', { name: '한국어' }).click();
  await expect(heading).toHaveText('발급할 서류를 고르세요');
  let since = Date.now();

  // ---- the warning, over the screen, with its countdown ----
  await expect(warning).toBeVisible({ timeout: limitMs + 10_000 });
  expect(Date.now() - since).toBeGreaterThanOrEqual(limitMs - 500);
  await expect(warning).toContainText(`${WARNING_SECONDS}초 뒤에 처음 화면으로 돌아갑니다. 계속하려면 시간 연장을 누르세요.`);
  expect((await world.view()).timeout).toMatchObject({ extensionsLeft: 10 });
  const countdown = page.getByTestId('countdown');
  await expect(countdown).toHaveText(/^[1-4]초$/);
  // The screen beneath cannot be used while the warning asks for an answer.
  await expect(page.locator('.frame')).toHaveAttribute('inert', '');

  // ---- 시간 연장 by touch: the warning goes, one extension used ----
  await warning.getByRole('button', { name: '시간 연장' }).click();
  await expect(warning).toBeHidden();
  since = Date.now();
  expect(await world.view()).toMatchObject({ screen: 'choose-document', timeout: null });
  await expect(warning).toBeVisible({ timeout: limitMs + 10_000 });
  expect(Date.now() - since).toBeGreaterThanOrEqual(limitMs - 500);
  expect((await world.view()).timeout).toMatchObject({ extensionsLeft: 9 });

  // ---- a key of the accessible keypad: activity, the warning goes and the whole limit starts again, without using
  // an extension (the session counts every key as activity, before the renderer could move to 시간 연장) ----
  const pressed = await world.simulate('keypad', 'press', { key: 'down' });
  expect(pressed.ok).toBe(true);
  await expect(warning).toBeHidden();
  since = Date.now();
  expect(await world.view()).toMatchObject({ screen: 'choose-document', timeout: null });
  await expect(warning).toBeVisible({ timeout: limitMs + 10_000 });
  expect(Date.now() - since).toBeGreaterThanOrEqual(limitMs - 1000);
  expect((await world.view()).timeout).toMatchObject({ extensionsLeft: 9 });

  // ---- no answer: back to the attract screen when the countdown ends ----
  since = Date.now();
  await expect(heading).toHaveText('무인민원발급기', { timeout: WARNING_SECONDS * 1000 + 10_000 });
  expect(Date.now() - since).toBeGreaterThanOrEqual(WARNING_SECONDS * 1000 - 2000);
  await expect(warning).toBeHidden();
  expect((await world.view()).screen).toBe('attract');
});

test('no answer on the payment screen with nothing inserted: the session ends abandoned and takes nothing', async ({ page, kiosk }) => {
  const world = new KioskCitizen(kiosk.url);
  const heading = page.getByRole('heading', { level: 1 });
  const warning = page.getByRole('alertdialog', { name: '시간이 더 필요하신가요?' });
  await page.goto(kiosk.url);
  const before = await cashState(world);
  await toPayment(world);
  await expect(heading).toHaveText('수수료를 내 주세요');
  await expect(page.locator('dl.amounts')).toContainText('넣은 돈0원');

  await expect(warning).toBeVisible({ timeout: IDLE_LIMIT_MS.payment * IDLE_SCALE + 10_000 });
  await expect(page.getByTestId('countdown')).toHaveText(/^[1-5]초$/);
  await expect(heading).toHaveText('무인민원발급기', { timeout: WARNING_SECONDS * 1000 + 10_000 });

  // Nothing taken, nothing given, nothing printed: no note in the box, no coin out, no receipt.
  expect(await cashState(world)).toEqual(before);
  const events = lastSessionEvents(kiosk.dataDir);
  expect(events.map((event) => event.type)).toEqual(['document.released', 'session.completed']);
  expect(events.find((event) => event.type === 'session.completed')?.payload).toMatchObject({
    outcome: 'abandoned',
    money: { in: 0, feesKept: 0, changePaid: 0, refundPaid: 0, refundOwed: 0 },
  });
});

test('no answer on the payment screen after a ₩1,000 note: the note is given back in coins, and the thank-you says so', async ({ page, kiosk }) => {
  const world = new KioskCitizen(kiosk.url);
  const heading = page.getByRole('heading', { level: 1 });
  const warning = page.getByRole('alertdialog', { name: '시간이 더 필요하신가요?' });
  await page.goto(kiosk.url);
  const before = await cashState(world);
  await toPayment(world);
  await expect(page.locator('dl.amounts')).toContainText('낼 돈1,200원');
  await world.insertNote(1000);
  await expect(page.locator('dl.amounts')).toContainText('넣은 돈1,000원');
  await expect(page.locator('dl.amounts')).toContainText('남은 돈200원');

  // The limit starts again once the note is taken (nothing counts while it is read and stacked).
  await expect(warning).toBeVisible({ timeout: IDLE_LIMIT_MS.payment * IDLE_SCALE + 10_000 });
  await expect(heading).toHaveText('이용해 주셔서 감사합니다', { timeout: WARNING_SECONDS * 1000 + 20_000 });
  await expect(page.getByText('돌려드릴 돈: 1,000원')).toBeVisible();
  await expect(page.getByText('1,000원은 동전으로 돌려드렸습니다.')).toBeVisible();

  // The note stays in the box and its value came back out of the hoppers; a receipt says so.
  const after = await cashState(world);
  expect(after.cashBox - before.cashBox).toBe(1000);
  expect(before.coins - after.coins).toBe(1000);
  expect(after.receipts).toBe(before.receipts + 1);
  const events = lastSessionEvents(kiosk.dataDir);
  expect(events.map((event) => event.type).sort()).toEqual(['cash.note-stacked', 'cash.refund-paid', 'document.released', 'session.completed']);
  expect(events.find((event) => event.type === 'session.completed')?.payload).toMatchObject({
    outcome: 'abandoned',
    money: { in: 1000, feesKept: 0, changePaid: 0, refundPaid: 1000, refundOwed: 0 },
  });

  await page.getByRole('button', { name: '끝내기' }).click();
  await expect(heading).toHaveText('무인민원발급기');
});
