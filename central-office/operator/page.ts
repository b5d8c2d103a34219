import { localTime } from '../../catalog/availability';
import type { RefundVoucherStatus } from '../contract/api';
import { CENTRAL_TIME_ZONE } from './central-source';
import type { Dashboard, KioskRow } from './dashboard';
import { html, raw, type Html } from './html';
import { colourOf, pairedBarChart, stackedColumnChart } from './svg';

/**
 * The operator page's HTML: server-rendered, no script at all (the strict policy forbids any), refreshed by the
 * browser every minute. Korean first, English on request (`?lang=en`).
 */
export type PageLanguage = 'ko' | 'en';
export const REFRESH_SECONDS = 60;

const WORDS = {
  title: { ko: '무인민원발급기 운영 현황', en: 'Kiosk operations' },
  signOut: { ko: '로그아웃', en: 'Sign out' },
  show: { ko: '보기', en: 'Show' },
  date: { ko: '기준일', en: 'Date' },
  today: { ko: '발급기별 발급 건수', en: 'Issuances per kiosk' },
  kiosk: { ko: '발급기', en: 'Kiosk' },
  issued: { ko: '발급', en: 'Issued' },
  lastYear: { ko: '작년 같은 날', en: 'Same day last year' },
  fees: { ko: '수수료(원)', en: 'Fees (won)' },
  queue: { ko: '전송 대기', en: 'Queue' },
  heartbeat: { ko: '마지막 신호', en: 'Last heartbeat' },
  lastClose: { ko: '마지막 마감', en: 'Last close' },
  balanced: { ko: '일치', en: 'balanced' },
  never: { ko: '없음', en: 'never' },
  total: { ko: '계', en: 'Total' },
  attention: { ko: '점검이 필요한 발급기', en: 'Kiosks that need attention' },
  allWell: { ko: '모든 발급기가 정상입니다.', en: 'Every kiosk is working.' },
  perDay: { ko: '일별 발급 건수 (최근 30일)', en: 'Issuances per day (last 30 days)' },
  perDocument: { ko: '종류별 발급 건수', en: 'Issuances per document type' },
  thisMonth: { ko: '이번 달', en: 'This month' },
  sameMonthLastYear: { ko: '작년 같은 달', en: 'Same month last year' },
  document: { ko: '민원 종류', en: 'Document' },
  change: { ko: '증감', en: 'Change' },
  levels: { ko: '용지·동전·현금함', en: 'Paper, coins and cash box' },
  a4: { ko: 'A4 용지(매)', en: 'A4 sheets' },
  receipt: { ko: '영수증 용지', en: 'Receipt paper' },
  low: { ko: '부족', en: 'low' },
  ok: { ko: '정상', en: 'ok' },
  unknown: { ko: '모름', en: 'unknown' },
  coins: { ko: '동전(개)', en: 'Coins' },
  cashBox: { ko: '현금함', en: 'Cash box' },
  notes: { ko: '장', en: 'notes' },
  downloads: { ko: 'CSV 내려받기', en: 'Download CSV' },
  daily: { ko: '일간', en: 'daily' },
  monthly: { ko: '월간', en: 'monthly' },
  yearly: { ko: '연간', en: 'yearly' },
  generated: { ko: '작성 시각', en: 'Generated' },
  signIn: { ko: '운영자 로그인', en: 'Operator sign-in' },
  keyId: { ko: '운영자 키 ID', en: 'Operator key id' },
  secret: { ko: '비밀 키', en: 'Secret' },
  signInButton: { ko: '로그인', en: 'Sign in' },
  wrong: { ko: '키 ID 또는 비밀 키가 맞지 않습니다.', en: 'The key id or the secret is wrong.' },
  locked: { ko: '잘못된 시도가 많아 잠시 잠겼습니다. 나중에 다시 시도하세요.', en: 'Too many wrong attempts: try again later.' },
  readOnly: { ko: '조회 화면입니다. 기록하는 것은 환불 확인증 지급뿐입니다.', en: 'A read-only page, except that it records refund vouchers paid at the counter.' },
  money: { ko: '현금 (이번 달)', en: 'Money (this month)' },
  feesKept: { ko: '수수료 수입', en: 'Fees collected' },
  changePaid: { ko: '거스름돈 지급', en: 'Change paid' },
  refundsOwed: { ko: '환불 확인증 발급', en: 'Refunds owed (vouchers)' },
  refundsClaimed: { ko: '환불 확인증 지급', en: 'Refunds claimed' },
  claimsCount: { ko: '건', en: 'vouchers' },
  downtime: { ko: '장치 고장 시간(분, 이번 달)', en: 'Device downtime (minutes, this month)' },
  voucherTitle: { ko: '환불 확인증 지급', en: 'Refund voucher claim' },
  voucherIntro: {
    ko: '시민이 가져온 환불 확인증의 QR을 스캔하거나 번호를 입력하세요. 지급할 금액은 발급기가 기록한 금액입니다.',
    en: "Scan the voucher's QR code or type its code. The amount paid is the one the kiosk recorded.",
  },
  voucherCode: { ko: '확인증 번호 또는 QR', en: 'Voucher code or QR' },
  voucherNumber: { ko: '확인증 번호', en: 'Voucher code' },
  voucherKiosk: { ko: '발급기 ID (번호가 겹칠 때만)', en: 'Kiosk id (only when two kiosks share the code)' },
  lookUp: { ko: '조회', en: 'Look up' },
  backToDashboard: { ko: '운영 현황', en: 'Operations' },
  voucherAmount: { ko: '지급할 금액', en: 'Amount to pay' },
  voucherIssued: { ko: '발급 일시', en: 'Printed' },
  voucherReason: { ko: '사유', en: 'Reason' },
  voucherState: { ko: '상태', en: 'Status' },
  unpaid: { ko: '미지급', en: 'not paid' },
  paid: { ko: '지급됨', en: 'paid' },
  claimButton: { ko: '지급 처리', en: 'Record as paid' },
  claimHint: {
    ko: '지급 처리를 누르고 "지급 처리되었습니다"가 나온 뒤에 돈을 내주세요. 한 확인증은 한 번만 지급됩니다.',
    en: 'Press the button, and hand over the money once the page says it is recorded. A voucher is paid once only.',
  },
  claimDone: { ko: '지급 처리되었습니다. 아래 금액을 내주세요.', en: 'Recorded as paid: hand over the amount below.' },
  alreadyClaimed: { ko: '이미 지급된 확인증입니다. 다시 지급하지 마세요.', en: 'This voucher has already been paid: do not pay it again.' },
  unknownVoucher: {
    ko: '등록되지 않은 확인증 번호입니다. 번호를 확인하세요. 발급기가 아직 전송하지 않았다면 전송 후에 지급할 수 있습니다.',
    en: 'No such voucher has reached the office. Check the code; a voucher whose kiosk has not sent it yet can be paid once it has.',
  },
  ambiguousVoucher: { ko: '여러 발급기에 같은 번호가 있습니다. 확인증에 적힌 발급기를 고르세요:', en: 'Several kiosks printed this code. Choose the kiosk printed on the voucher:' },
  invalidVoucher: { ko: '확인증 번호 형식이 아닙니다 (예: RV-261125-ABCDEF).', en: 'That is not a voucher code (e.g. RV-261125-ABCDEF).' },
  expiredForm: { ko: '화면이 오래되었습니다. 다시 조회한 뒤 지급 처리하세요.', en: 'This page has expired: look the voucher up again, then record it.' },
  asTable: { ko: '표로 보기', en: 'Show as a table' },
} as const;

type Word = keyof typeof WORDS;

const ATTENTION_WORDS: Record<string, { ko: string; en: string }> = {
  'cash-discrepancy': { ko: '현금 차액', en: 'Cash discrepancy' },
  'device-fault': { ko: '장치 고장', en: 'Device fault' },
  'device-warning': { ko: '장치 경고', en: 'Device warning' },
  'stale-queue': { ko: '전송 지연', en: 'Queue not draining' },
  silent: { ko: '신호 없음', en: 'Silent' },
  'never-heard': { ko: '연결된 적 없음', en: 'Never reported' },
  'sequence-gap': { ko: '누락된 기록', en: 'Missing events' },
  'low-paper': { ko: 'A4 용지 부족', en: 'A4 paper low' },
  'receipt-paper-low': { ko: '영수증 용지 부족', en: 'Receipt paper low' },
  'low-coins': { ko: '동전 부족', en: 'Coins low' },
};

const n = (value: number) => value.toLocaleString('en-US');

function change(now: number, before: number): string {
  if (before === 0) return now === 0 ? '-' : 'new';
  const percent = ((now - before) / before) * 100;
  return `${percent >= 0 ? '+' : ''}${percent.toFixed(1)}%`;
}

function localStamp(epochMs: number): string {
  const at = localTime(epochMs, CENTRAL_TIME_ZONE);
  return `${at.date} ${String(Math.floor(at.minutes / 60)).padStart(2, '0')}:${String(at.minutes % 60).padStart(2, '0')}`;
}

function layout(lang: PageLanguage, title: string, body: Html, refresh: boolean): string {
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${refresh ? raw(`<meta http-equiv="refresh" content="${REFRESH_SECONDS}">`) : ''}
<title>${title}</title>
<link rel="stylesheet" href="/operator/operator.css">
<link rel="icon" href="data:,">
</head>
<body>
${body}
</body>
</html>
`.text;
}

export function loginPage(lang: PageLanguage, problem: 'wrong' | 'locked' | null): string {
  const t = (word: Word) => WORDS[word][lang];
  return layout(
    lang,
    t('signIn'),
    html`<main class="login">
<h1>${t('title')}</h1>
<h2>${t('signIn')}</h2>
${problem ? html`<p class="problem" role="alert">${t(problem)}</p>` : ''}
<form method="post" action="/operator/login${lang === 'en' ? '?lang=en' : ''}">
<label>${t('keyId')}<input name="keyId" autocomplete="username" required></label>
<label>${t('secret')}<input name="secret" type="password" autocomplete="current-password" required></label>
<button type="submit">${t('signInButton')}</button>
</form>
<p class="note">${t('readOnly')}</p>
</main>`,
    false,
  );
}

export function dashboardPage(dashboard: Dashboard, operatorName: string, lang: PageLanguage): string {
  const t = (word: Word) => WORDS[word][lang];
  const kioskName = (id: string) => dashboard.kiosks.find((k) => k.kioskId === id)?.name ?? id;
  const totalToday = dashboard.kiosks.reduce((sum, k) => sum + k.today, 0);
  const totalLastYear = dashboard.kiosks.reduce((sum, k) => sum + k.sameDayLastYear, 0);
  const totalFees = dashboard.kiosks.reduce((sum, k) => sum + k.todayFees, 0);

  const perDayChart = stackedColumnChart({
    title: t('perDay'),
    labels: dashboard.perDay.days,
    series: dashboard.perDay.kioskIds.map((id, i) => ({
      name: kioskName(id),
      colour: colourOf(i),
      values: dashboard.perDay.days.map((day) => dashboard.perDay.counts.get(day)?.get(id) ?? 0),
    })),
  });
  const documents = dashboard.month.documents.filter((row) => row.issuances > 0 || row.lastYearIssuances > 0);
  const perDocumentChart = pairedBarChart({
    title: `${t('perDocument')} ${dashboard.month.window.label}`,
    rows: documents.map((row) => ({ label: row.name[lang], value: row.issuances, previous: row.lastYearIssuances })),
    valueName: `${t('thisMonth')} (${dashboard.month.window.label})`,
    previousName: `${t('sameMonthLastYear')} (${dashboard.month.lastYear.label})`,
  });
  const heartbeatAge = (kiosk: KioskRow) => {
    if (!kiosk.lastHeartbeatAt) return t('never');
    const at = localTime(Date.parse(kiosk.lastHeartbeatAt), CENTRAL_TIME_ZONE);
    const time = `${String(Math.floor(at.minutes / 60)).padStart(2, '0')}:${String(at.minutes % 60).padStart(2, '0')}`;
    return at.date === dashboard.date ? time : `${at.date} ${time}`;
  };
  const closeText = (kiosk: KioskRow) => {
    const close = kiosk.lastClose;
    if (!close) return '-';
    if (close.discrepancy === 0) return `${close.businessDate.slice(5)} ${t('balanced')}`;
    return `${close.businessDate.slice(5)} ${close.discrepancy > 0 ? '+' : '-'}${n(Math.abs(close.discrepancy))}원`;
  };
  const coinValues = [...new Set(dashboard.kiosks.flatMap((k) => Object.keys(k.heartbeat?.coins ?? {})))].sort((a, b) => Number(b) - Number(a));
  const m = dashboard.month.money;

  return layout(
    lang,
    t('title'),
    html`<header>
<h1>${t('title')}</h1>
<p class="who">${operatorName}</p>
<form method="get" action="/operator" class="date"><label>${t('date')} <input type="date" name="date" value="${dashboard.date}"></label>${lang === 'en' ? raw('<input type="hidden" name="lang" value="en">') : ''}<button type="submit">${t('show')}</button></form>
<a href="/operator/voucher${lang === 'en' ? '?lang=en' : ''}">${t('voucherTitle')}</a>
<form method="post" action="/operator/logout" class="signout"><button type="submit">${t('signOut')}</button></form>
</header>
<main>
<section id="today" aria-labelledby="today-h">
<h2 id="today-h">${t('today')} · ${dashboard.date}</h2>
<table>
<thead><tr><th scope="col">${t('kiosk')}</th><th scope="col" class="num">${t('issued')}</th><th scope="col" class="num">${t('lastYear')}</th><th scope="col" class="num">${t('change')}</th><th scope="col" class="num">${t('fees')}</th><th scope="col" class="num">${t('queue')}</th><th scope="col">${t('heartbeat')}</th><th scope="col">${t('lastClose')}</th></tr></thead>
<tbody>
${dashboard.kiosks.map(
  (k, i) => html`<tr data-kiosk="${k.kioskId}"><th scope="row"><span class="swatch k${i % 8}"></span>${k.name} <small>${k.kioskId}</small></th><td class="num count">${n(k.today)}</td><td class="num">${n(k.sameDayLastYear)}</td><td class="num">${change(k.today, k.sameDayLastYear)}</td><td class="num">${n(k.todayFees)}</td><td class="num">${k.queueDepth === null ? '-' : n(k.queueDepth)}</td><td>${heartbeatAge(k)}</td><td class="${k.lastClose && k.lastClose.discrepancy !== 0 ? 'off' : ''}">${closeText(k)}</td></tr>`,
)}
</tbody>
<tfoot><tr><th scope="row">${t('total')}</th><td class="num count" id="today-total">${n(totalToday)}</td><td class="num">${n(totalLastYear)}</td><td class="num">${change(totalToday, totalLastYear)}</td><td class="num">${n(totalFees)}</td><td></td><td></td><td></td></tr></tfoot>
</table>
</section>
<section id="attention" aria-labelledby="attention-h">
<h2 id="attention-h">${t('attention')}</h2>
${
  dashboard.attention.length === 0
    ? html`<p class="all-well">${t('allWell')}</p>`
    : html`<ul>${dashboard.attention.map(
        (item) => html`<li class="attention ${item.kind}"><strong>${kioskName(item.kioskId)}</strong> <span class="kind">${ATTENTION_WORDS[item.kind]?.[lang] ?? item.kind}</span> ${item.what}: ${item.detail[lang]}</li>`,
      )}</ul>`
}
</section>
<section id="levels" aria-labelledby="levels-h">
<h2 id="levels-h">${t('levels')}</h2>
<table>
<thead><tr><th scope="col">${t('kiosk')}</th><th scope="col" class="num">${t('a4')}</th><th scope="col">${t('receipt')}</th>${coinValues.map((coin) => html`<th scope="col" class="num">${t('coins')} ${n(Number(coin))}</th>`)}<th scope="col" class="num">${t('cashBox')}</th></tr></thead>
<tbody>${dashboard.kiosks.map((k) => {
      const hb = k.heartbeat;
      return html`<tr><th scope="row">${k.name}</th><td class="num">${hb ? (hb.paper.a4Sheets === null ? t('unknown') : n(hb.paper.a4Sheets)) : '-'}</td><td>${hb ? (hb.paper.receiptLow ? t('low') : t('ok')) : '-'}</td>${coinValues.map((coin) => html`<td class="num">${hb?.coins[coin] === undefined ? '-' : n(hb.coins[coin])}</td>`)}<td class="num">${hb ? `${n(hb.cashBox.total)}원 (${n(hb.cashBox.notes)}${t('notes')})` : '-'}</td></tr>`;
    })}</tbody>
</table>
</section>
<section id="per-day" aria-labelledby="per-day-h">
<h2 id="per-day-h">${t('perDay')}</h2>
${raw(perDayChart)}
</section>
<section id="per-document" aria-labelledby="per-document-h">
<h2 id="per-document-h">${t('perDocument')} · ${dashboard.month.window.label}</h2>
${raw(perDocumentChart)}
<details>
<summary>${t('asTable')}</summary>
<table>
<thead><tr><th scope="col">${t('document')}</th><th scope="col" class="num">${dashboard.month.window.label}</th><th scope="col" class="num">${dashboard.month.lastYear.label}</th><th scope="col" class="num">${t('change')}</th><th scope="col" class="num">${t('fees')}</th></tr></thead>
<tbody>${documents.map((row) => html`<tr><th scope="row">${row.name[lang]}</th><td class="num">${n(row.issuances)}</td><td class="num">${n(row.lastYearIssuances)}</td><td class="num">${change(row.issuances, row.lastYearIssuances)}</td><td class="num">${n(row.fees)}</td></tr>`)}</tbody>
<tfoot><tr><th scope="row">${t('total')}</th><td class="num" id="month-total">${n(dashboard.month.totals.issuances)}</td><td class="num">${n(dashboard.month.totals.lastYearIssuances)}</td><td class="num">${change(dashboard.month.totals.issuances, dashboard.month.totals.lastYearIssuances)}</td><td class="num">${n(dashboard.month.totals.fees)}</td></tr></tfoot>
</table>
</details>
</section>
<section id="money" aria-labelledby="money-h">
<h2 id="money-h">${t('money')}</h2>
<dl class="figures">
<dt>${t('feesKept')}</dt><dd>${n(m.feesKept)}원</dd>
<dt>${t('changePaid')}</dt><dd>${n(m.changePaid)}원</dd>
<dt>${t('refundsOwed')}</dt><dd>${n(m.refundsOwed)}원</dd>
<dt><a href="/operator/voucher${lang === 'en' ? '?lang=en' : ''}">${t('refundsClaimed')}</a></dt><dd id="refunds-claimed">${m.refundsClaimed === null ? '-' : `${n(m.refundsClaimed)}원 (${n(m.vouchersClaimed ?? 0)}${lang === 'en' ? ' ' : ''}${t('claimsCount')})`}</dd>
</dl>
<h3>${t('downtime')}</h3>
${
  dashboard.month.downtime.length === 0
    ? html`<p>-</p>`
    : html`<ul>${dashboard.month.downtime.map((row) => html`<li>${kioskName(row.kioskId)} · ${row.device}: ${n(row.downtimeMinutes)} (${row.faults}×${row.down ? ', DOWN' : ''})</li>`)}</ul>`
}
</section>
</main>
<footer>
<p>${t('downloads')}: ${(['daily', 'monthly', 'yearly'] as const).map(
      (period) => html`<a href="/operator/report.csv?period=${period}&date=${dashboard.date}">${t(period)}</a> `,
    )}· <a href="/operator?date=${dashboard.date}${lang === 'en' ? '' : '&lang=en'}">${lang === 'en' ? '한국어' : 'English'}</a></p>
<p>${t('generated')}: ${localStamp(Date.parse(dashboard.generatedAt))} (${CENTRAL_TIME_ZONE}) · ${t('readOnly')}</p>
</footer>`,
    true,
  );
}

/** What the voucher page shows after a look-up or a claim (routes.ts decides; this only draws it). */
export type VoucherOutcome =
  | { readonly kind: 'none' }
  | { readonly kind: 'found'; readonly voucher: RefundVoucherStatus; readonly justClaimed: boolean }
  | { readonly kind: 'already-claimed'; readonly voucher: RefundVoucherStatus }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'ambiguous'; readonly code: string; readonly kiosks: readonly string[] }
  | { readonly kind: 'invalid' }
  | { readonly kind: 'expired-form' };

export type VoucherView = {
  /** What was typed or scanned, shown back in the field. */
  readonly input: string;
  readonly kiosk: string;
  /** The session's form token, carried by the claim form. */
  readonly formToken: string;
  readonly outcome: VoucherOutcome;
};

const VOUCHER_REASONS: Record<string, { ko: string; en: string }> = {
  'change-short': { ko: '거스름돈 부족', en: 'not enough coins for the change' },
  'refund-short': { ko: '환불 동전 부족', en: 'not enough coins for a refund' },
  'settled-after-restart': { ko: '발급기 재시작 후 정산', en: 'settled after a kiosk restart' },
  'late-note': { ko: '늦게 확인된 지폐', en: 'a note found after the session' },
};

/**
 * The counter's voucher page: look a voucher up (a GET form, so a scanner's Enter looks it up and nothing is
 * recorded), then record it as paid (a POST form with the session's form token). Not refreshed by the browser, unlike
 * the dashboard, so that a refresh never wipes what a clerk is typing.
 */
export function voucherPage(view: VoucherView, operatorName: string, lang: PageLanguage): string {
  const t = (word: Word) => WORDS[word][lang];
  const langQuery = lang === 'en' ? '?lang=en' : '';
  const outcome = view.outcome;
  const details = (voucher: RefundVoucherStatus) => html`<dl class="figures voucher">
<dt>${t('voucherNumber')}</dt><dd id="voucher-code">${voucher.voucherCode}</dd>
<dt>${t('kiosk')}</dt><dd>${voucher.kioskName} <small>${voucher.kioskId}</small></dd>
<dt>${t('voucherIssued')}</dt><dd>${localStamp(Date.parse(voucher.issuedAt))}</dd>
<dt>${t('voucherReason')}</dt><dd>${VOUCHER_REASONS[voucher.reason]?.[lang] ?? voucher.reason}</dd>
<dt>${t('voucherAmount')}</dt><dd class="amount" id="voucher-amount">${n(voucher.amount)}원</dd>
<dt>${t('voucherState')}</dt><dd id="voucher-state" class="${voucher.claim ? 'paid' : 'unpaid'}">${
    voucher.claim ? `${t('paid')} · ${localStamp(Date.parse(voucher.claim.claimedAt))} · ${voucher.claim.claimedByName} (${voucher.claim.claimedBy})` : t('unpaid')
  }</dd>
</dl>`;
  let result = html``;
  switch (outcome.kind) {
    case 'none':
      break;
    case 'found':
      result = html`${outcome.justClaimed ? html`<p class="done" role="status">${t('claimDone')}</p>` : ''}${details(outcome.voucher)}${
        outcome.voucher.claim
          ? outcome.justClaimed
            ? ''
            : html`<p class="problem" role="alert">${t('alreadyClaimed')}</p>`
          : html`<form method="post" action="/operator/voucher/claim${langQuery}" class="claim">
<input type="hidden" name="code" value="${outcome.voucher.voucherCode}">
<input type="hidden" name="kiosk" value="${outcome.voucher.kioskId}">
<input type="hidden" name="token" value="${view.formToken}">
<p class="note">${t('claimHint')}</p>
<button type="submit" class="primary">${n(outcome.voucher.amount)}원 ${t('claimButton')}</button>
</form>`
      }`;
      break;
    case 'already-claimed':
      result = html`<p class="problem" role="alert">${t('alreadyClaimed')}</p>${details(outcome.voucher)}`;
      break;
    case 'unknown':
      result = html`<p class="problem" role="alert">${t('unknownVoucher')}</p>`;
      break;
    case 'invalid':
      result = html`<p class="problem" role="alert">${t('invalidVoucher')}</p>`;
      break;
    case 'expired-form':
      result = html`<p class="problem" role="alert">${t('expiredForm')}</p>`;
      break;
    case 'ambiguous':
      result = html`<p class="problem" role="alert">${t('ambiguousVoucher')}</p><ul>${outcome.kiosks.map(
        (kiosk) => html`<li><a href="/operator/voucher?code=${encodeURIComponent(outcome.code)}&kiosk=${encodeURIComponent(kiosk)}${lang === 'en' ? '&lang=en' : ''}">${kiosk}</a></li>`,
      )}</ul>`;
      break;
  }
  return layout(
    lang,
    t('voucherTitle'),
    html`<header>
<h1>${t('voucherTitle')}</h1>
<p class="who">${operatorName}</p>
<a href="/operator${langQuery}" class="date">${t('backToDashboard')}</a>
<form method="post" action="/operator/logout" class="signout"><button type="submit">${t('signOut')}</button></form>
</header>
<main class="voucher">
<section id="voucher" aria-labelledby="voucher-h">
<h2 id="voucher-h">${t('voucherTitle')}</h2>
<p>${t('voucherIntro')}</p>
<form method="get" action="/operator/voucher" class="lookup">
<label>${t('voucherCode')}<input name="code" value="${view.input}" required autofocus autocomplete="off" spellcheck="false" autocapitalize="characters"></label>
<label>${t('voucherKiosk')}<input name="kiosk" value="${view.kiosk}" autocomplete="off" spellcheck="false" autocapitalize="characters"></label>
${lang === 'en' ? raw('<input type="hidden" name="lang" value="en">') : ''}<button type="submit">${t('lookUp')}</button>
</form>
${result}
</section>
</main>
<footer>
<p><a href="/operator/voucher${lang === 'en' ? '' : '?lang=en'}">${lang === 'en' ? '한국어' : 'English'}</a> · ${t('readOnly')}</p>
</footer>`,
    false,
  );
}
