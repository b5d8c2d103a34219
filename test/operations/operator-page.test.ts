import { sql } from 'kysely';
import { OperationsReport } from '../../central-office/contract/operations-report';
import { DEMO_KIOSKS, DEMO_OPERATOR } from '../../central-office/demo';
import { MAX_LOGIN_FAILURES } from '../../central-office/operator/sessions';
import { FakeClock } from '../../common/clock';
import { refundVoucherQrText } from '../../printer-templates/receipt';
import { rawRequest } from '../central-office/support/requests';
import { SEEDED_TODAY, startSeededOffice, type SeededOffice } from './support/operator-office';

/**
 * The operator page served by the central office: behind a login with the operator key, read-only, no script and
 * nothing from elsewhere; it shows today's counts per kiosk, the charts, and the kiosks that need someone. Its
 * numbers are checked against the office's own report.
 */
let seeded: SeededOffice;
const clock = new FakeClock(Date.parse(`${SEEDED_TODAY}T15:30:00+09:00`));

beforeAll(async () => {
  seeded = await startSeededOffice(clock);
}, 60_000);
afterAll(() => seeded.close());

const url = () => seeded.running.url;

async function login(keyId: string, secret: string): Promise<Response> {
  return fetch(`${url()}/operator/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ keyId, secret }).toString(),
    redirect: 'manual',
  });
}

function cookieOf(response: Response): string {
  const header = response.headers.get('set-cookie') ?? '';
  return header.split(';')[0] ?? '';
}

describe('the operator page', () => {
  it('sends a visitor without a session to the login form', async () => {
    const response = await fetch(`${url()}/operator`, { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/operator/login');
    const form = await fetch(`${url()}/operator/login`);
    expect(form.status).toBe(200);
    expect(form.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await form.text()).toContain('name="secret"');
  });

  it('refuses a wrong secret and a kiosk key, and locks a key id out after repeated failures', async () => {
    expect((await login(DEMO_OPERATOR.keyId, 'not-the-secret-at-all')).status).toBe(401);
    const kiosk = DEMO_KIOSKS[0]!;
    expect((await login(kiosk.keyId, kiosk.secret)).status).toBe(401);
    for (let i = 1; i < MAX_LOGIN_FAILURES; i++) await login(kiosk.keyId, 'wrong-wrong-wrong-wrong');
    const locked = await login(kiosk.keyId, kiosk.secret);
    expect(locked.status).toBe(429);
    expect(await locked.text()).toContain('잠시 잠겼습니다');
  });

  it('shows today’s counts per kiosk, the charts and the kiosks that need attention, with no script', async () => {
    const signedIn = await login(DEMO_OPERATOR.keyId, DEMO_OPERATOR.secret);
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict; Path=\/operator/);
    const cookie = cookieOf(signedIn);
    const response = await fetch(`${url()}/operator`, { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("form-action 'self'");
    const page = await response.text();
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);

    const report = OperationsReport.parse(
      (await rawRequest(url(), { method: 'GET', path: `/v1/operator/report?period=daily&date=${SEEDED_TODAY}`, key: DEMO_OPERATOR, timestamp: clock.now() })).body,
    );
    for (const kiosk of report.kiosks) {
      const row = new RegExp(`data-kiosk="${kiosk.kioskId}">.*?<td class="num count">([\\d,]+)</td>`).exec(page);
      expect(row?.[1]?.replace(/,/g, '')).toBe(String(kiosk.issuances));
    }
    expect(report.totals.issuances).toBeGreaterThan(0);
    expect(page).toContain(`id="today-total">${report.totals.issuances.toLocaleString('en-US')}<`);
    expect(page.match(/<svg class="chart"/g)).toHaveLength(2);
    expect(page).toContain('일별 발급 건수');
    expect(page).toContain('주민등록표 등본');
    // The kiosks that need someone.
    expect(page).toContain('media-jam');
    expect(page).toMatch(/전송 지연.*42건 대기/);
    expect(page).toMatch(/동전 부족.*500원 동전 12개 남음/);
    expect(page).toMatch(/GS-마트 금정점<\/strong> <span class="kind">연결된 적 없음/);
    expect(page).toMatch(/A4 용지 부족.*38매 남음/);
    // Last night's close: a discrepancy is on the page, flagged, never hidden.
    expect(page).toMatch(/현금 차액<\/span> cash-box: 2026-11-24 마감 차액 -1,000원/);
    expect(page).toMatch(/data-kiosk="GJ-HALL-01">.*<td class="off">11-24 -1,000원<\/td>/);
    expect(page).toMatch(/data-kiosk="GJ-EMART-01">.*<td class="">11-24 일치<\/td>/);
  });

  it('serves the report as CSV to a signed-in operator, and the signed JSON report only to operator keys', async () => {
    const cookie = cookieOf(await login(DEMO_OPERATOR.keyId, DEMO_OPERATOR.secret));
    const csv = await fetch(`${url()}/operator/report.csv?period=monthly&date=${SEEDED_TODAY}`, { headers: { cookie } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toContain('kiosk-report-monthly-2026-11.csv');
    const bytes = Buffer.from(await csv.arrayBuffer());
    // UTF-8 byte-order mark first: what makes a Korean Excel read the Hangul names.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8').split('\r\n')[0]).toBe('period,from,to,kiosk,document_no,document_code,document_name,issuances,copies,pages,fees_won,last_year_from,last_year_to,last_year_issuances');
    const asKiosk = await rawRequest(url(), { method: 'GET', path: '/v1/operator/report?period=daily', key: DEMO_KIOSKS[0]!, timestamp: clock.now() });
    expect(asKiosk.status).toBe(403);
    const bad = await rawRequest(url(), { method: 'GET', path: '/v1/operator/report?period=weekly', key: DEMO_OPERATOR, timestamp: clock.now() });
    expect(bad.status).toBe(400);
  });

  it('signs out', async () => {
    const cookie = cookieOf(await login(DEMO_OPERATOR.keyId, DEMO_OPERATOR.secret));
    const out = await fetch(`${url()}/operator/logout`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: '', redirect: 'manual' });
    expect(out.status).toBe(303);
    expect((await fetch(`${url()}/operator`, { headers: { cookie }, redirect: 'manual' })).status).toBe(303);
  });
});

describe('the voucher page at the district office counter', () => {
  const db = () => seeded.running.office.storage.db;
  const claims = async () => (await db().selectFrom('voucher_claims').selectAll().execute()).map((row) => ({ ...row, amount: Number(row.amount), claimed_at: Number(row.claimed_at) }));
  /** Vouchers the seeded kiosks printed (from the office's table), with a code no other voucher shares, or one that is shared. */
  const voucher = async (shared: boolean) => {
    const codes = await db()
      .selectFrom('refund_vouchers')
      .select(['voucher_code', sql<number>`count(*)`.as('n')])
      .groupBy('voucher_code')
      .having(sql<number>`count(*)`, shared ? '>' : '=', 1)
      .orderBy('voucher_code')
      .execute();
    const code = codes[0]?.voucher_code;
    if (!code) throw new Error(`the seeded office has no ${shared ? 'shared' : 'unique'} voucher code`);
    return db().selectFrom('refund_vouchers').selectAll().where('voucher_code', '=', code).orderBy('kiosk_id').execute();
  };
  const claimForm = (page: string) => ({
    code: /name="code" value="([^"]*)"/.exec(page.slice(page.indexOf('class="claim"')))?.[1] ?? '',
    kiosk: /name="kiosk" value="([^"]*)"/.exec(page.slice(page.indexOf('class="claim"')))?.[1] ?? '',
    token: /name="token" value="([^"]*)"/.exec(page)?.[1] ?? '',
  });
  const post = (cookie: string, form: Record<string, string>, lang = '') =>
    fetch(`${url()}/operator/voucher/claim${lang}`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString(), redirect: 'manual' });

  it('is behind the login, and linked from the dashboard', async () => {
    expect((await fetch(`${url()}/operator/voucher?code=RV-1`, { redirect: 'manual' })).status).toBe(303);
    const noSession = await post('', { code: 'RV-1', kiosk: 'GJ-HALL-01', token: 'x' });
    expect(noSession.status).toBe(303);
    expect(await claims()).toEqual([]);
    const cookie = cookieOf(await login(DEMO_OPERATOR.keyId, DEMO_OPERATOR.secret));
    const dashboard = await (await fetch(`${url()}/operator`, { headers: { cookie } })).text();
    expect(dashboard).toContain('href="/operator/voucher"');
    const form = await fetch(`${url()}/operator/voucher`, { headers: { cookie } });
    expect(form.status).toBe(200);
    expect(form.headers.get('content-security-policy')).toContain("default-src 'none'");
    const page = await form.text();
    expect(page).not.toMatch(/<script/i);
    // The counter's page must not reload itself while a clerk types.
    expect(page).not.toContain('http-equiv="refresh"');
    expect(page).toContain('환불 확인증 지급');
  });

  it('looks a scanned voucher up and records it as paid once, for the recorded amount, by the signed-in operator', async () => {
    const [printed] = await voucher(false);
    if (!printed) throw new Error('no voucher');
    const cookie = cookieOf(await login(DEMO_OPERATOR.keyId, DEMO_OPERATOR.secret));
    // A scanner types the QR text into the field; its amount (here a wrong one) is not what gets paid.
    const scanned = refundVoucherQrText(printed.voucher_code, 99_000, printed.kiosk_id);
    const looked = await fetch(`${url()}/operator/voucher?code=${encodeURIComponent(scanned)}`, { headers: { cookie } });
    expect(looked.status).toBe(200);
    const page = await looked.text();
    expect(page).toContain(`id="voucher-amount">${Number(printed.amount).toLocaleString('en-US')}원`);
    expect(page).toContain('미지급');
    const form = claimForm(page);
    expect(form).toMatchObject({ code: printed.voucher_code, kiosk: printed.kiosk_id });

    const before = await claims();
    const paid = await post(cookie, form);
    expect(paid.status).toBe(200);
    const done = await paid.text();
    expect(done).toContain('지급 처리되었습니다');
    expect(done).toContain(`${DEMO_OPERATOR.name} (${DEMO_OPERATOR.keyId})`);
    expect(await claims()).toEqual([
      ...before,
      {
        kiosk_id: printed.kiosk_id,
        voucher_code: printed.voucher_code,
        amount: Number(printed.amount),
        claimed_at: clock.now(),
        claimed_date: SEEDED_TODAY,
        claimed_by: DEMO_OPERATOR.keyId,
        claimed_by_name: DEMO_OPERATOR.name,
      },
    ]);

    // Pressed again (or the page reloaded and re-posted): refused, with the claim that stands, and nothing stored.
    const again = await post(cookie, form);
    expect(again.status).toBe(409);
    const refused = await again.text();
    expect(refused).toContain('이미 지급된 확인증입니다');
    expect(refused).not.toContain('class="claim"');
    expect(await claims()).toHaveLength(before.length + 1);
    // Looked up again later: paid, and no button to pay it again.
    const later = await (await fetch(`${url()}/operator/voucher?code=${printed.voucher_code.toLowerCase()}&kiosk=${printed.kiosk_id}&lang=en`, { headers: { cookie } })).text();
    expect(later).toContain('already been paid');
    expect(later).not.toContain('class="claim"');

    // The dashboard's money shows the claims of the month, as the report counts them.
    const report = OperationsReport.parse(
      (await rawRequest(url(), { method: 'GET', path: `/v1/operator/report?period=monthly&date=${SEEDED_TODAY}`, key: DEMO_OPERATOR, timestamp: clock.now() })).body,
    );
    expect(report.money.vouchersClaimed).toBe(before.length + 1);
    const dashboard = await (await fetch(`${url()}/operator`, { headers: { cookie } })).text();
    expect(dashboard).toContain(`id="refunds-claimed">${(report.money.refundsClaimed ?? -1).toLocaleString('en-US')}원 (${report.money.vouchersClaimed}건)<`);
  });

  it('refuses a claim without the session’s form token, an unknown code, and asks which kiosk for a shared code', async () => {
    const cookie = cookieOf(await login(DEMO_OPERATOR.keyId, DEMO_OPERATOR.secret));
    const shared = await voucher(true);
    expect(shared.length).toBeGreaterThan(1);
    const before = await claims();
    const [first] = shared;
    const forged = await post(cookie, { code: first!.voucher_code, kiosk: first!.kiosk_id, token: 'a-token-from-another-site' });
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain('화면이 오래되었습니다');
    // Another operator's session token does not do either: each session has its own.
    const other = cookieOf(await login(DEMO_OPERATOR.keyId, DEMO_OPERATOR.secret));
    const otherPage = await (await fetch(`${url()}/operator/voucher?code=${first!.voucher_code}&kiosk=${first!.kiosk_id}`, { headers: { cookie: other } })).text();
    const otherToken = claimForm(otherPage).token;
    expect(otherToken).toMatch(/^[0-9a-f]{64}$/);
    expect((await post(cookie, { code: first!.voucher_code, kiosk: first!.kiosk_id, token: otherToken })).status).toBe(403);
    expect(await claims()).toEqual(before);

    const unknown = await fetch(`${url()}/operator/voucher?code=RV-991231-NOSUCH`, { headers: { cookie } });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('등록되지 않은 확인증 번호입니다');
    const invalid = await fetch(`${url()}/operator/voucher?code=${encodeURIComponent('<b>RV</b>')}`, { headers: { cookie } });
    expect(invalid.status).toBe(400);
    expect(await invalid.text()).not.toContain('<b>RV</b>');

    const ambiguous = await fetch(`${url()}/operator/voucher?code=${first!.voucher_code}`, { headers: { cookie } });
    expect(ambiguous.status).toBe(409);
    const choose = await ambiguous.text();
    for (const row of shared) expect(choose).toContain(`kiosk=${row.kiosk_id}`);
    expect(choose).not.toContain('class="claim"');
    expect(await claims()).toEqual(before);
  });
});
