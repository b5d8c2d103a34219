import { screen, within } from '@testing-library/react';
import { fixtureView } from '../fixtures/views';
import { renderKiosk } from '../test-utils';

describe('loading records', () => {
  it.each([
    ['ko', '서류를 준비하고 있습니다', '2건 중 1건 준비됨'],
    ['en', 'Preparing your documents', '1 of 2 ready'],
  ] as const)('shows the progress in words and as a bar (%s)', (language, title, progress) => {
    renderKiosk(fixtureView('loading-records', { language }));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(title);
    expect(screen.getByText(progress)).toBeInTheDocument();
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '1');
  });
});

describe('summary', () => {
  it.each([
    ['ko', '발급 내용을 확인하세요', '1,100원', '1쪽 · 1통 200원 · 소계 400원', '2통', '결제하기 1,100원', '다른 서류 추가'],
    ['en', 'Check your order', '₩1,100', 'Pages: 1 · ₩200 per copy · subtotal ₩400', 'Copies: 2', 'Pay ₩1,100', 'Add a document'],
  ] as const)('shows copies, pages and fees, and sends changes (%s)', async (language, title, total, facts, copies, pay, add) => {
    const kiosk = renderKiosk(fixtureView('summary', { language }));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(title);
    expect(document.querySelector('.total')).toHaveTextContent(total);
    const line = document.querySelector<HTMLElement>('[data-code="resident-copy"]');
    if (!line) throw new Error('no basket line');
    expect(line).toHaveTextContent(facts);
    expect(line).toHaveTextContent(copies);
    const buttons = within(line).getAllByRole('button');
    for (const button of buttons) await kiosk.user.click(button);
    await kiosk.user.click(screen.getByRole('button', { name: add }));
    await kiosk.user.click(screen.getByRole('button', { name: pay }));
    expect(kiosk.sent).toEqual([
      { type: 'setCopies', code: 'resident-copy', copies: 1 },
      { type: 'setCopies', code: 'resident-copy', copies: 3 },
      { type: 'removeDocument', code: 'resident-copy' },
      { type: 'addAnother' },
      { type: 'pay' },
    ]);
  });

  it('shows waivers and the documents that cannot be issued, and issues free of charge', async () => {
    const kiosk = renderKiosk(fixtureView('summary-problem'));
    expect(screen.getByText('기초생활수급자 수수료 면제')).toBeInTheDocument();
    expect(screen.getByText('농지대장: 해당하는 기록이 없어 발급할 수 없습니다')).toBeInTheDocument();
    expect(document.querySelector('[data-code="farmland-ledger"]')).toHaveTextContent('발급할 수 없음');
    await kiosk.user.click(screen.getByRole('button', { name: '무료로 발급하기' }));
    expect(kiosk.sent).toEqual([{ type: 'pay' }]);
  });
});

describe('payment', () => {
  it.each([
    ['ko', '수수료를 내 주세요', ['낼 돈1,100원', '넣은 돈1,000원', '남은 돈100원'], '넣을 수 있는 지폐: 1,000원, 5,000원, 10,000원', '취소하고 환불받기'],
    ['en', 'Please pay the fee', ['To pay₩1,100', 'Inserted₩1,000', 'Still to pay₩100'], 'Notes accepted: ₩1,000, ₩5,000, ₩10,000', 'Cancel & refund'],
  ] as const)('shows the fee, what went in and what is left, the notes taken, and the lit slot (%s)', async (language, title, amounts, notes, cancel) => {
    const kiosk = renderKiosk(fixtureView('payment', { language }));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(title);
    expect([...document.querySelectorAll('.amounts > div')].map((row) => row.textContent)).toEqual(amounts);
    expect(screen.getByText(notes)).toBeInTheDocument();
    expect(screen.getByTestId('note-slot')).toHaveClass('lit');
    await kiosk.user.click(screen.getByRole('button', { name: cancel }));
    expect(kiosk.sent).toEqual([{ type: 'cancel' }]);
  });

  it('explains a returned note; no cancelling while a note moves', () => {
    renderKiosk(fixtureView('payment-returning'));
    expect(screen.getByRole('alert')).toHaveTextContent('거스름돈이 모자라 이 지폐는 받을 수 없습니다.');
    expect(screen.getByTestId('note-slot')).not.toHaveClass('lit');
    expect(screen.queryByRole('button', { name: /돌려받기|취소/ })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: '처음으로' })).toHaveAttribute('aria-disabled', 'true');
  });
});

describe('printing', () => {
  it.each([
    ['ko', '서류를 인쇄하고 있습니다', '주민등록표 등본', '서류 2건 중 1번째 · 2통 중 2번째', '1쪽 중 1쪽'],
    ['en', 'Printing your documents', 'Resident registration copy (household)', 'Document 1 of 2 · copy 2 of 2', 'Page 1 of 1'],
  ] as const)('shows the document, copy and page, and nothing to press (%s)', (language, title, name, where, page) => {
    renderKiosk(fixtureView('printing', { language }));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(title);
    expect(screen.getByText(name)).toBeInTheDocument();
    expect(screen.getByText(where)).toBeInTheDocument();
    expect(screen.getByText(page)).toBeInTheDocument();
    expect(document.querySelectorAll('main button')).toHaveLength(0);
    expect(screen.getByRole('button', { name: language === 'ko' ? '처음으로' : 'Home' })).toHaveAttribute('aria-disabled', 'true');
  });

  it('says why printing waits', () => {
    renderKiosk(fixtureView('printing-waiting'));
    expect(screen.getByRole('alert')).toHaveTextContent('용지가 떨어져 인쇄를 멈췄습니다.');
  });
});

describe('change, receipt and thank-you', () => {
  it.each([
    ['ko', '거스름돈을 받으세요', '3,900원', '발급된 서류와 거스름돈을 꼭 가져가세요.', '거스름돈을 받았습니다'],
    ['en', 'Please take your change', '₩3,900', 'Please take your documents and your change.', 'I have my change'],
  ] as const)('change: the amount, the lit tray and the reminder (%s)', async (language, title, amount, reminder, taken) => {
    const kiosk = renderKiosk(fixtureView('change', { language }));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(title);
    expect(screen.getByText(amount)).toBeInTheDocument();
    expect(screen.getByText(reminder)).toBeInTheDocument();
    await kiosk.user.click(screen.getByRole('button', { name: taken }));
    expect(kiosk.sent).toEqual([{ type: 'acknowledge' }]);
  });

  it.each([
    ['ko', '영수증을 가져가세요.', '영수증을 인쇄하고 있습니다.'],
    ['en', 'Please take your receipt.', 'Printing your receipt.'],
  ] as const)('receipt: printing, then take it (%s)', async (language, take, printing) => {
    const kiosk = renderKiosk({ ...fixtureView('receipt', { language }), printing: true });
    expect(screen.getByText(printing)).toBeInTheDocument();
    expect(document.querySelectorAll('main button')).toHaveLength(0);
    await kiosk.push(fixtureView('receipt', { language, revision: 2 }));
    expect(screen.getByText(take)).toBeInTheDocument();
  });

  it.each([
    ['ko', '이용해 주셔서 감사합니다', '500원은 동전으로 돌려드렸습니다.', '끝내기'],
    ['en', 'Thank you', '₩500 has been returned in coins.', 'Finish'],
  ] as const)('thank-you: the reminder, any refund, and done (%s)', async (language, title, refund, done) => {
    const kiosk = renderKiosk(fixtureView('thank-you-refund', { language }));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(title);
    expect(screen.getByText(refund)).toBeInTheDocument();
    await kiosk.user.click(screen.getByRole('button', { name: done }));
    expect(kiosk.sent).toEqual([{ type: 'acknowledge' }]);
  });
});

describe('error', () => {
  it.each([
    ['ko', '서류를 인쇄하지 못했습니다.', '넣은 돈은 아래와 같이 돌려드립니다.', '4,000원은 영수증 인쇄기에서 나온 환불증을 민원실 창구에 내면 돌려받습니다. (환불증 번호 R-20261125-0042)'],
    ['en', 'Your documents could not be printed.', 'Your money is returned as shown below.', '₩4,000 is paid back at the service counter for the refund slip from the receipt printer. (slip number R-20261125-0042)'],
  ] as const)('says what happened, what to do and how the money comes back (%s)', async (language, what, todo, voucher) => {
    const kiosk = renderKiosk(fixtureView('error', { language }));
    expect(screen.getByText(what)).toBeInTheDocument();
    expect(screen.getByText(new RegExp(todo.replace('.', '\\.')))).toBeInTheDocument();
    expect(screen.getByTestId('refund')).toHaveTextContent(voucher);
    await kiosk.user.click(screen.getByRole('button', { name: language === 'ko' ? '확인' : 'OK' }));
    expect(kiosk.sent).toEqual([{ type: 'acknowledge' }]);
  });

  it('shows a general sentence, never a raw key, for a message this renderer does not know', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    renderKiosk({ ...fixtureView('error'), whatKey: 'error.some-future-problem' });
    expect(screen.getByText('안내할 내용이 있습니다. 도움이 필요하면 민원실 직원에게 말씀해 주세요.')).toBeInTheDocument();
    expect(document.body.textContent).not.toContain('error.some-future-problem');
    warn.mockRestore();
  });
});
