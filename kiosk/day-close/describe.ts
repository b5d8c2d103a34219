import { formatWon } from '../../common/money';
import type { CloseFlag, DayCloseSummary } from './close';

/** A close in plain words, for `kiosk close-day` and the service-mode screen. */
export type Lang = 'ko' | 'en';

export function describeFlag(flag: CloseFlag, lang: Lang): string {
  const won = (amount: number) => formatWon(Math.abs(amount), lang);
  switch (flag.code) {
    case 'count-differs-from-ledger':
      return flag.denominations
        .map((d) =>
          lang === 'ko'
            ? `${won(d.denomination)}권: 센 장수 ${d.counted}장, 장부 ${d.ledger}장 (${d.counted - d.ledger > 0 ? '+' : ''}${d.counted - d.ledger}장)`
            : `${won(d.denomination)} notes: counted ${d.counted}, ledger ${d.ledger} (${d.counted - d.ledger > 0 ? '+' : ''}${d.counted - d.ledger})`,
        )
        .join('; ');
    case 'ledger-does-not-balance':
      return lang === 'ko'
        ? `장부상 현금함 ${won(flag.ledger)}이 거래 기록으로 계산한 ${won(flag.expected)}과 다릅니다`
        : `the ledger's cash box (${won(flag.ledger)}) differs from what the sessions add up to (${won(flag.expected)})`;
    case 'notes-without-session':
      return lang === 'ko' ? `거래 없이 들어온 지폐 ${won(flag.amount)} (확인 필요)` : `${won(flag.amount)} in notes arrived with no session (to explain)`;
    case 'open-sessions':
      return lang === 'ko' ? `진행 중인 거래의 돈 ${won(flag.held)}이 포함되어 있습니다` : `${won(flag.held)} belongs to sessions still open`;
    case 'not-counted':
      return lang === 'ko' ? '현금함을 세지 않았습니다 (장부 기준으로 마감)' : 'the cash box was not counted (closed on the ledger’s count)';
  }
}

export function describeClose(summary: DayCloseSummary, lang: Lang): string[] {
  const won = (amount: number) => formatWon(amount, lang);
  const signed = (amount: number) => (amount === 0 ? won(0) : `${amount > 0 ? '+' : '-'}${won(Math.abs(amount))}`);
  const box = summary.box.counted ?? summary.box.ledger;
  const lines =
    lang === 'ko'
      ? [
          `마감 ${summary.businessDate} (기록 ${summary.firstSeq}–${summary.lastSeq})`,
          `발급 ${summary.issuances}건, A4 용지 ${summary.a4SheetsUsed}매`,
          `수수료 ${won(summary.feesKept)}, 거스름돈 ${won(summary.changePaid)}, 동전 환불 ${won(summary.refundsPaidInCoins)}, 환불 확인증 ${won(summary.refundsOwed)}`,
          `현금함: 전 마감 ${won(summary.box.opening)}, 있어야 할 금액 ${won(summary.box.expected)}, ${summary.box.counted ? '센 금액' : '장부 금액'} ${won(box.total)}`,
          `차액 ${signed(summary.discrepancy)} ${summary.balanced ? '(일치)' : '(불일치: 확인하세요)'}`,
        ]
      : [
          `Close of ${summary.businessDate} (events ${summary.firstSeq}–${summary.lastSeq})`,
          `${summary.issuances} documents issued, ${summary.a4SheetsUsed} A4 sheets`,
          `fees ${won(summary.feesKept)}, change ${won(summary.changePaid)}, refunds in coins ${won(summary.refundsPaidInCoins)}, refunds owed ${won(summary.refundsOwed)}`,
          `cash box: at the last close ${won(summary.box.opening)}, should hold ${won(summary.box.expected)}, ${summary.box.counted ? 'counted' : 'ledger'} ${won(box.total)}`,
          `discrepancy ${signed(summary.discrepancy)} ${summary.balanced ? '(balanced)' : '(DOES NOT BALANCE: check it)'}`,
        ];
  for (const flag of summary.flags) if (flag.code !== 'not-counted' || !summary.box.counted) lines.push(`  - ${describeFlag(flag, lang)}`);
  return lines;
}
