import { measureLayout } from '../support/layout-checks';
import { recordSpeech, spoken } from '../support/speech';
import { expect, test } from './fixtures';

/**
 * The touch UI against the live kiosk (the browser host with the demo configuration): language switch, pages of
 * documents by touch, the first screens by a keypad that arrives as a keyboard, with voice guidance (the spoken log
 * in order), display modes and their reset, a document's options, the simulator panel. Whole issuances in the
 * browser have their own files: by touch (ui-issuance-touch.spec.ts), by the accessible keypad with voice
 * (ui-issuance-keypad.spec.ts), and the time-out warning with its extensions (ui-timeout.spec.ts).
 */

test('switches language: English from the first screen, Korean again from the language screen', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('무인민원발급기');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choose a document');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('navigation')).toContainText('HomeBackHelpDisplay');

  await page.getByRole('button', { name: 'Back' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choose your language');
  await page.getByRole('button', { name: '한국어' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('발급할 서류를 고르세요');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
});

test('pages through the documents by touch, eight at most to a screen, and opens one', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  await page.getByRole('button', { name: '화면을 눌러 시작하세요' }).click();
  await page.getByRole('button', { name: '한국어' }).click();
  await page.getByRole('button', { name: /첫 글자로 찾기/ }).click();
  const tiles = page.locator('.tiles .tile-name');
  await expect(tiles).toHaveText(['ㄱ', 'ㄴ', 'ㄷ', 'ㅂ', 'ㅅ', 'ㅇ', 'ㅈ', 'ㅊ']);
  await expect(page.getByText('1/2 쪽')).toBeVisible();
  await page.getByRole('button', { name: /다음 목록/ }).click();
  await expect(page.getByText('2/2 쪽')).toBeVisible();
  await expect(tiles).toHaveText(['ㅌ', 'ㅎ']);
  await page.getByRole('button', { name: /^ㅌ/ }).click();
  await expect(tiles).toHaveText(['토지(임야)대장', '토지이용계획확인서']);
  expect(await page.evaluate(() => document.scrollingElement?.scrollHeight ?? 0)).toBeLessThanOrEqual(1920);

  await page.getByRole('button', { name: /토지\(임야\)대장/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('토지(임야)대장');
  await expect(page.getByText('수수료 1통 500원')).toBeVisible();
  await page.getByRole('button', { name: '이전' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('발급할 서류를 고르세요');
});

test('goes through the first screens by keypad alone with voice guidance, saying what it shows, in order', async ({ page, kiosk }) => {
  await recordSpeech(page);
  await page.goto(kiosk.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('무인민원발급기');
  expect(await spoken(page)).toEqual([]);

  // The help key turns voice guidance on and says the help; back closes it.
  await page.keyboard.press('F1');
  await expect(page.getByRole('dialog', { name: '도움말' })).toBeVisible();
  await expect.poll(() => spoken(page)).toContain('직원의 도움이 필요하면 민원실 안내 창구에 말씀해 주세요.');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();

  const mark = (await spoken(page)).length;
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('언어를 고르세요');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('발급할 서류를 고르세요');
  for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('서류 이름의 첫 글자를 고르세요');
  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByText('2/2 쪽')).toBeVisible();
  await expect.poll(async () => (await spoken(page)).slice(mark)).toEqual([
    '화면을 눌러 시작하세요',
    '언어를 고르세요',
    '한국어',
    '발급할 서류를 고르세요',
    '자주 찾는 서류',
    '주민등록표 등본 200원 지문 확인 필요',
    '주민등록표 초본 200원 지문 확인 필요',
    // Family-relation certificates come from the court's system, open on weekday office hours only.
    expect.stringMatching(/^가족관계증명서 500원 (지문 확인 필요|평일 9–18시에만)$/),
    '건축물대장(일반) 500원 지문 없이 발급',
    '토지(임야)대장 500원 지문 없이 발급',
    '지방세 납세증명서 무료 지문 확인 필요',
    '분야별 전체 보기 6개 분야',
    '첫 글자로 찾기 ㄱ ㄴ ㄷ …',
    '서류 이름의 첫 글자를 고르세요',
    '1/2 쪽',
    'ㄱ 9종',
    'ㄴ 3종',
    'ㄷ 1종',
    'ㅂ 2종',
    'ㅅ 3종',
    'ㅇ 2종',
    'ㅈ 10종',
    'ㅊ 1종',
    '이전 목록',
    '다음 목록',
    '2/2 쪽',
  ]);
});

test('display modes: 200 % text, high contrast, and the low-position layout, until the citizen leaves', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  await page.getByRole('button', { name: '화면을 눌러 시작하세요' }).click();
  await page.getByRole('button', { name: '한국어' }).click();
  // The document list is drawn before measuring (the language screen's tiles would be measured as they leave).
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('발급할 서류를 고르세요');
  const root = page.locator('.kiosk');
  const textSize = () => page.locator('.tile-name').first().evaluate((element) => getComputedStyle(element).fontSize);
  expect(await textSize()).toBe('51px');

  await page.getByRole('button', { name: '화면 설정' }).click();
  const settings = page.getByRole('dialog', { name: '화면 설정' });
  await settings.getByRole('button', { name: /크게 보기/ }).click();
  await expect(root).toHaveAttribute('data-scale', '2');
  await settings.getByRole('button', { name: /검은 바탕/ }).click();
  await expect(root).toHaveAttribute('data-contrast', 'high-dark');
  await settings.getByRole('button', { name: '닫기' }).click();
  expect(await textSize()).toBe('102px');
  expect(await root.evaluate((element) => getComputedStyle(element).backgroundColor)).toBe('rgb(0, 0, 0)');
  // 1 × 4 at most at 200 % (fewer when a tile's text wraps, as office-hours notes do).
  const largeTiles = await page.locator('.tiles .tile').count();
  expect(largeTiles).toBeGreaterThanOrEqual(2);
  expect(largeTiles).toBeLessThanOrEqual(4);

  await page.getByRole('button', { name: '화면 설정' }).click();
  await settings.getByRole('button', { name: /크게 보기/ }).click();
  await settings.getByRole('button', { name: /^기본/ }).click();
  await settings.getByRole('button', { name: /낮은 화면/ }).click();
  await settings.getByRole('button', { name: '닫기' }).click();
  await expect(root).toHaveAttribute('data-low', 'true');
  const layout = await measureLayout(page);
  expect(layout.outOfReach).toEqual([]);
  expect(layout.clipped).toEqual([]);
  const highestControl = await page.locator('button').evaluateAll((buttons) => Math.min(...buttons.map((button) => button.getBoundingClientRect().top)));
  // 370 mm of a 3.64 px/mm panel whose lower edge is 850 mm from the floor: nothing to press above 1,220 mm.
  expect(highestControl).toBeGreaterThanOrEqual(1920 - Math.round(370 * 3.64));

  // The session ends: the next citizen starts with the normal display.
  await page.getByRole('button', { name: '처음으로' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('무인민원발급기');
  await expect(root).toHaveAttribute('data-low', 'false');
  await expect(root).toHaveAttribute('data-contrast', 'default');
});

test('opens a document by touch: the step indicator, the fee and the options with their defaults', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  await page.getByRole('button', { name: '화면을 눌러 시작하세요' }).click();
  await page.getByRole('button', { name: '한국어' }).click();
  await expect(page.locator('[aria-current="step"]')).toHaveText('1서류 선택');
  await page.getByRole('button', { name: /주민등록표 등본/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('주민등록표 등본');
  await expect(page.getByText('수수료 1통 200원')).toBeVisible();
  await expect(page.getByRole('button', { name: /과거 주소 변동사항 포함/ })).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByRole('button', { name: /동거인 포함/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('button', { name: '확인' })).toBeVisible();
});

test('the simulator panel renders the devices the kiosk lists and posts an action', async ({ page, kiosk }) => {
  const posted: string[] = [];
  await page.route('**/api/sim', (route) =>
    route.fulfill({
      json: {
        devices: [
          {
            device: 'bill-acceptor',
            label: { ko: '지폐 투입기', en: 'Bill acceptor' },
            state: { stacked: 0 },
            actions: [{ action: 'insert', label: { ko: '지폐 넣기', en: 'Insert a note' }, params: [{ name: 'value', label: { ko: '금액', en: 'Value' }, kind: 'choice', choices: [1000, 5000] }] }],
          },
        ],
        residents: [],
      },
    }),
  );
  await page.route('**/api/sim/*/*', async (route) => {
    posted.push(`${new URL(route.request().url()).pathname} ${route.request().postData() ?? ''}`);
    await route.fulfill({ json: { ok: true, device: { device: 'bill-acceptor', label: { ko: '', en: '' }, state: {}, actions: [] } } });
  });
  await page.goto(`${kiosk.url}/sim.html`);
  await page.getByRole('button', { name: '지폐 넣기' }).click();
  await expect(page.getByText('완료: 지폐 투입기 · 지폐 넣기')).toBeVisible();
  expect(posted).toEqual(['/api/sim/bill-acceptor/insert {"params":{"value":1000}}']);
});
