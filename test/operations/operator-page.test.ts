import { OperationsReport } from '../../central-office/contract/operations-report';
import { DEMO_KIOSKS, DEMO_OPERATOR } from '../../central-office/demo';
import { MAX_LOGIN_FAILURES } from '../../central-office/operator/sessions';
import { FakeClock } from '../../common/clock';
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
