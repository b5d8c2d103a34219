import { screen, within } from '@testing-library/react';
import { fixtureView } from '../fixtures/views';
import { renderKiosk } from '../test-utils';

const tileNames = () => [...document.querySelectorAll('.tiles .tile-name')].map((name) => name.textContent);

describe('choosing a document', () => {
  it.each([
    ['ko', '자주 찾는 서류', '주민등록표 등본', '200원', '지문 확인 필요', '분야별 전체 보기', '첫 글자로 찾기'],
    ['en', 'Most requested', 'Resident registration copy (household)', '₩200', 'Fingerprint check', 'All by category', 'Find by first letter'],
  ] as const)('starts with the most requested documents, their fees and whether a fingerprint is needed (%s)', (language, heading, first, fee, fingerprint, groups, initials) => {
    renderKiosk(fixtureView('choose-document', { language }));
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent(heading);
    const items = [...document.querySelectorAll('.tiles > li')];
    expect(items).toHaveLength(8);
    expect(items[0]).toHaveTextContent(first);
    expect(items[0]).toHaveTextContent(fee);
    expect(items[0]).toHaveTextContent(fingerprint);
    expect(items[6]).toHaveTextContent(groups);
    expect(items[7]).toHaveTextContent(initials);
  });

  it('sends the chosen document, and nothing for one that cannot be issued now', async () => {
    const kiosk = renderKiosk(fixtureView('choose-document'));
    const family = screen.getByRole('button', { name: /가족관계증명서/ });
    expect(family).toHaveAttribute('aria-disabled', 'true');
    expect(family).toHaveTextContent('평일 9–18시에만');
    await kiosk.user.click(family);
    await kiosk.user.click(screen.getByRole('button', { name: /주민등록표 초본/ }));
    expect(kiosk.sent).toEqual([{ type: 'selectDocument', code: 'resident-abstract' }]);
  });

  it('browses the six categories and a category, and comes back with 이전 without asking the kiosk', async () => {
    const kiosk = renderKiosk(fixtureView('choose-document'));
    await kiosk.user.click(screen.getByRole('button', { name: /분야별 전체 보기/ }));
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('분야를 고르세요');
    expect(tileNames()).toEqual(['주민등록·병무', '가족관계', '토지·건축·등기', '세금', '자동차·농어업', '복지·교육·건강보험']);
    await kiosk.user.click(screen.getByRole('button', { name: /자동차·농어업/ }));
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('자동차·농어업');
    expect(tileNames()).toEqual(['농지대장', '농업경영체등록확인서', '자동차등록원부(갑)', '자동차등록원부(을)', '건설기계등록원부', '어선원부']);
    await kiosk.user.click(screen.getByRole('button', { name: '이전' }));
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('분야를 고르세요');
    await kiosk.user.click(screen.getByRole('button', { name: '이전' }));
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('자주 찾는 서류');
    expect(kiosk.sent).toEqual([]);
    await kiosk.user.click(screen.getByRole('button', { name: '이전' }));
    expect(kiosk.sent).toEqual([{ type: 'back' }]);
  });

  it('finds documents by their initial consonant (초성), in pages of 8', async () => {
    const kiosk = renderKiosk(fixtureView('choose-document'));
    await kiosk.user.click(screen.getByRole('button', { name: /첫 글자로 찾기/ }));
    expect(tileNames()).toEqual(['ㄱ', 'ㄴ', 'ㄷ', 'ㅂ', 'ㅅ', 'ㅇ', 'ㅈ', 'ㅊ']);
    expect(screen.getByText('1/2 쪽')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /이전 목록/ })).toHaveAttribute('aria-disabled', 'true');
    await kiosk.user.click(screen.getByRole('button', { name: /다음 목록/ }));
    expect(screen.getByText('2/2 쪽')).toBeInTheDocument();
    expect(tileNames()).toEqual(['ㅌ', 'ㅎ']);
    expect(screen.getByRole('button', { name: /다음 목록/ })).toHaveAttribute('aria-disabled', 'true');
    await kiosk.user.click(screen.getByRole('button', { name: /^ㅌ/ }));
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('‘ㅌ’(으)로 시작하는 서류');
    expect(tileNames()).toEqual(['토지(임야)대장', '토지이용계획확인서']);
  });

  it('finds documents by their first letter in English', async () => {
    const kiosk = renderKiosk(fixtureView('choose-document', { language: 'en' }));
    await kiosk.user.click(screen.getByRole('button', { name: /Find by first letter/ }));
    await kiosk.user.click(screen.getByRole('button', { name: /Next/ }));
    await kiosk.user.click(screen.getByRole('button', { name: /^V/ }));
    expect(tileNames()).toEqual(['Vehicle register A', 'Vehicle register B']);
  });

  it('shows what is in the basket and proceeds with it', async () => {
    const kiosk = renderKiosk(fixtureView('choose-document-basket'));
    expect(screen.getByText('담은 서류 2건: 주민등록표 등본, 토지(임야)대장')).toBeInTheDocument();
    expect(within(screen.getByRole('button', { name: /주민등록표 등본/ })).getByText(/담음/)).toBeInTheDocument();
    await kiosk.user.click(screen.getByRole('button', { name: '담은 서류 2건 발급하기' }));
    expect(kiosk.sent).toEqual([{ type: 'proceed' }]);
  });

  it('shows four to a page at 200 % text', () => {
    renderKiosk(fixtureView('choose-document', { display: { textScale: 2 } }));
    expect(tileNames()).toHaveLength(4);
    expect(screen.getByText('1/2')).toBeInTheDocument();
  });
});
