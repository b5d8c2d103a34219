import type { Page } from '@playwright/test';
import type { NavigationKey } from '../../devices/keypad/keys';
import { demoResidents } from '../../central-office/demo';
import type { ViewModel } from '../../state-machines/view-model';
import { KioskCitizen } from '../support/kiosk-citizen';
import { expectSaidInOrder, recordSpeech, spoken } from '../support/speech';
import { expect, test } from './fixtures';

/**
 * A whole issuance by the accessible keypad alone, with voice guidance — what a blind citizen with earphones does:
 * the earphone is plugged into the keypad (voice goes on), every step is a key of the simulated keypad
 * (`/api/sim/keypad/press`, through the kiosk's keypad driver, as the hardware's reports would come), and the
 * citizen moves by listening: down until the wanted control is said, then select. No click, no browser keyboard.
 * The simulator endpoints also play the rest of the outside world (the finger on the reader, a ₩1,000 note).
 * What voice guidance said is read from the renderer's speech log, and its key phrases are checked in order.
 */
test.describe.configure({ timeout: 150_000 });

const citizen = demoResidents().find((resident) => resident.role === 'demo-citizen');

/** The citizen's hands on the keypad: each key waits until the kiosk read it and the browser drew its effect. */
class KeypadHands {
  constructor(
    private readonly page: Page,
    private readonly world: KioskCitizen,
  ) {}

  async press(key: NavigationKey): Promise<ViewModel> {
    const before = await this.world.view();
    const pressed = await this.world.simulate('keypad', 'press', { key });
    if (!pressed.ok) throw new Error(`keypad/press ${key}: ${pressed.error}`);
    // The key reached the session: a new keypad pulse (or already the screen the select led to, whose session
    // may have started afresh), or for a digit one more digit in the session's memory.
    const digit = key.startsWith('digit-');
    const after = await this.world.waitFor(`the kiosk to read ${key}`, (view) =>
      digit
        ? view.screen === 'resident-number' && before.screen === 'resident-number' && view.digitCount > before.digitCount
        : (view.keypad?.sequence ?? 0) > (before.keypad?.sequence ?? 0) || view.screen !== before.screen,
    );
    await this.drawn(after.revision);
    return after;
  }

  /** The browser drew at least this revision of the view (the renderer acts on a keypad pulse as it draws it). */
  async drawn(revision: number): Promise<void> {
    await expect.poll(async () => Number(await this.page.locator('.kiosk').getAttribute('data-revision')), { timeout: 10_000 }).toBeGreaterThanOrEqual(revision);
  }

  /** Down, listening, until the control is said; then select. */
  async choose(label: string, maxPresses = 30): Promise<void> {
    for (let press = 0; press < maxPresses; press++) {
      const said = (await spoken(this.page)).length;
      await this.press('down');
      await expect.poll(async () => (await spoken(this.page)).length, { message: 'focus moved and was said' }).toBeGreaterThan(said);
      if ((await spoken(this.page)).at(-1) === label) {
        await expect(this.page.locator(':focus')).toContainText(label.split(' ')[0]!);
        await this.press('select');
        return;
      }
    }
    throw new Error(`"${label}" was not said after ${maxPresses} presses of down; said: ${JSON.stringify((await spoken(this.page)).slice(-maxPresses))}`);
  }
}

test('a blind citizen gets a 주민등록표 등본 with the keypad and earphone alone, guided by voice all the way', async ({ page, kiosk }) => {
  if (!citizen) throw new Error('no demo citizen in the synthetic population');
  const world = new KioskCitizen(kiosk.url);
  const hands = new KeypadHands(page, world);
  const heading = page.getByRole('heading', { level: 1 });
  const digits = citizen.residentNumber.replace('-', '');
  await recordSpeech(page);
  await page.goto(kiosk.url);
  await expect(heading).toHaveText('무인민원발급기');
  await hands.drawn((await world.view()).revision);
  expect(await spoken(page)).toEqual([]);

  // ---- the earphone goes into the keypad's jack: voice guidance on, the screen said from the top ----
  const plugged = await world.simulate('keypad', 'plug-earphone');
  expect(plugged.ok).toBe(true);
  await world.waitFor('voice guidance on', (view) => view.display.voice.enabled);
  await expectSaidInOrder(page, ['무인민원발급기', '금정구청 민원실', '운영 시간 00:00–24:00', /^발급 가능한 서류 \d+종$/]);

  try {
    // ---- attract → language → the document ----
    await hands.choose('화면을 눌러 시작하세요');
    await expect(heading).toHaveText('언어를 고르세요');
    await hands.choose('한국어');
    await expect(heading).toHaveText('발급할 서류를 고르세요');
    await hands.choose('주민등록표 등본 200원 지문 확인 필요');
    await expect(heading).toHaveText('주민등록표 등본');
    await hands.choose('확인');

    // ---- the resident number on the keypad's digit keys: said as "entered", never as digits ----
    await expect(heading).toHaveText('주민등록번호를 입력하세요');
    for (const digit of digits) await hands.press(`digit-${digit}` as NavigationKey);
    await expect(page.getByTestId('masked-number')).toHaveText(`${digits.slice(0, 6)}-${digits[6]}●●●●●●`);
    await hands.choose('확인');

    // ---- fingerprint (the outside world places the finger), summary, pay ----
    await expect(heading).toHaveText('지문으로 본인 확인');
    await world.placeFinger(citizen.residentNumber);
    await world.waitFor('a summary the citizen can pay', (view) => view.screen === 'summary' && view.canPay, 30_000);
    await expect(heading).toHaveText('발급 내용을 확인하세요');
    await hands.choose('결제하기 200원');

    // ---- payment, printing, change, thank-you ----
    await expect(heading).toHaveText('수수료를 내 주세요');
    await world.insertNote(1000);
    await world.waitForScreen('thank-you', 60_000);
    await expect(heading).toHaveText('이용해 주셔서 감사합니다');
    await expectSaidInOrder(page, ['이용해 주셔서 감사합니다', '서류와 영수증을 꼭 챙겨 가세요.', '안녕히 가세요.']);
    await hands.choose('끝내기');
    await expect(heading).toHaveText('무인민원발급기');
    // The visit is over and the display settings are reset, but the earphone is still in the jack: voice guidance
    // follows it, on again for whoever comes next (kiosk/adapters/keypad.ts). Unplugged, it goes off.
    await expect.poll(async () => (await world.view()).display.voice.enabled).toBe(true);
    await world.simulate('keypad', 'unplug-earphone');
    await expect.poll(async () => (await world.view()).display.voice.enabled).toBe(false);
  } finally {
    await world.simulate('keypad', 'unplug-earphone');
  }

  // ---- what was said, in order: every screen's title and what it shows, the focused controls, no digit ----
  await expectSaidInOrder(page, [
    '무인민원발급기',
    '화면을 눌러 시작하세요',
    '언어를 고르세요',
    '한국어',
    '발급할 서류를 고르세요',
    '주민등록표 등본 200원 지문 확인 필요',
    '주민등록표 등본',
    '수수료 1통 200원',
    '지문 확인 필요',
    '서류에 넣을 내용을 고르세요.',
    '과거 주소 변동사항 포함 아니요',
    '확인',
    '주민등록번호를 입력하세요',
    '숫자 13자리를 누르세요. 뒷자리는 ●로 가려집니다.',
    '13자리 중 0자리',
    '입력됨 · 13자리 중 1자리',
    '입력됨 · 13자리 중 7자리',
    '입력됨 · 13자리 중 12자리',
    '13자리를 모두 입력했습니다. 확인을 누르세요.',
    '확인',
    '지문으로 본인 확인',
    '오른손 엄지를 화면 아래 지문 인식기에 올려 주세요.',
    '남은 기회 3번',
    '본인인지 확인하고 있습니다. 잠시만 기다려 주세요.',
    '발급 내용을 확인하세요',
    '합계 200원',
    '결제하기 200원',
    '수수료를 내 주세요',
    '낼 돈 200원',
    '넣은 돈 0원',
    '남은 돈 200원',
    '지폐를 넣어 주세요.',
    '넣은 돈 1,000원',
    '결제가 끝났습니다. 서류를 인쇄합니다.',
    '서류를 인쇄하고 있습니다',
    '주민등록표 등본',
    /^1쪽 중 [01]쪽$/,
    '거스름돈을 받으세요',
    '거스름돈 800원',
    '발급된 서류와 거스름돈을 꼭 가져가세요.',
    '이용해 주셔서 감사합니다',
    '서류와 영수증을 꼭 챙겨 가세요.',
    '끝내기',
  ]);
  const said = await spoken(page);
  // Privacy (ui.md): the number's digits are never said, only the keys' own names as the focus passes them.
  expect(said.join(' ')).not.toContain(digits.slice(7));
  expect(said.join(' ')).not.toContain(digits.slice(0, 6));
});

test('keys pressed faster than the screen draws are each acted on', async ({ page, kiosk }) => {
  const world = new KioskCitizen(kiosk.url);
  await page.goto(kiosk.url);
  await world.do({ type: 'touch' });
  await world.do({ type: 'chooseLanguage', language: 'ko' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('발급할 서류를 고르세요');
  const tiles = ['주민등록표 등본', '주민등록표 초본', '가족관계증명서', '건축물대장(일반)', '토지(임야)대장', '지방세 납세증명서'];
  let sequence = (await world.view()).keypad?.sequence ?? 0;
  for (const presses of [6, 3, 5]) {
    await page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
    // A burst of "down" (a citizen skipping through the list): all in flight at once, as a fast hand sends them.
    await Promise.all(Array.from({ length: presses }, () => world.simulate('keypad', 'press', { key: 'down' })));
    sequence += presses;
    const read = await world.waitFor(`${presses} keys read`, (view) => (view.keypad?.sequence ?? 0) >= sequence);
    await expect.poll(async () => Number(await page.locator('.kiosk').getAttribute('data-revision'))).toBeGreaterThanOrEqual(read.revision);
    await expect(page.locator(':focus')).toContainText(tiles[presses - 1]!);
  }
});
