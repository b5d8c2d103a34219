import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { API_PATHS, IssuanceReport, parseVoucherQr, RefundVoucherStatus, voucherPath } from '../../central-office/contract/api';
import type { IssuanceEvent } from '../../central-office/contract/events';
import { OperationsReport } from '../../central-office/contract/operations-report';
import type { RunningCentralOffice } from '../../central-office/start';
import { CENTRAL_MIGRATIONS } from '../../central-office/storage/migrations';
import type { StorageConfig } from '../../central-office/storage/open';
import { FakeClock } from '../../common/clock';
import type { CentralOfficeClient } from '../../kiosk/central-client/client';
import { refundVoucherQrText } from '../../printer-templates/receipt';
import { HALL, OPERATOR, PNU, startTestOffice } from './support/office';
import { makeEvent, rawRequest } from './support/requests';
import { STORAGE_KINDS, useStorage } from './support/storages';

/**
 * Refund vouchers at the district office counter: the clerk looks a voucher up by its code and records it as paid —
 * once, with the office's time and the operator's key id, for the amount the kiosk recorded — and the reports count
 * the claims per day, month and year and per kiosk. Over SQLite and PostgreSQL.
 */
const operator = { keyId: OPERATOR.keyId, secret: OPERATOR.secret };
const KST = 9 * 3600_000;
/** Epoch milliseconds of a local (Asia/Seoul) wall-clock time, by plain arithmetic: Korea keeps UTC+9 all year. */
const kst = (date: string, time = '00:00') => Date.parse(`${date}T${time}:00Z`) - KST;

const owed = (kioskId: string, seq: number, at: number, voucherCode: string, amount: number, reason = 'change-short'): IssuanceEvent =>
  makeEvent(kioskId, seq, at, { type: 'cash.refund-owed', sessionId: `S-${seq}`, payload: { amount, voucherCode, reason } });

describe.each(STORAGE_KINDS)('refund vouchers at the office counter over %s', (kind) => {
  const storage = useStorage(kind);
  let office: RunningCentralOffice;
  let clock: FakeClock;
  let hall: CentralOfficeClient;
  let pnu: CentralOfficeClient;

  const start = async (at = kst('2026-11-25', '10:00')) => {
    const started = await startTestOffice(await storage.fresh(), new FakeClock(at));
    office = started.running;
    clock = started.clock;
    hall = started.client(HALL);
    pnu = started.client(PNU);
  };
  afterEach(() => office?.close());

  // `null`: an unsigned request.
  const lookup = (code: string, kiosk?: string, key: { keyId: string; secret: string } | null = operator) =>
    rawRequest(office.url, { method: 'GET', path: `${voucherPath(code)}${kiosk ? `?kiosk=${kiosk}` : ''}`, ...(key ? { key } : {}), timestamp: clock.now() });
  const claim = (code: string, body: Record<string, unknown> = {}, key: { keyId: string; secret: string } | null = operator) =>
    rawRequest(office.url, { method: 'POST', path: voucherPath(code, true), body: JSON.stringify(body), ...(key ? { key } : {}), timestamp: clock.now() });
  const claimRows = async () =>
    (await office.office.storage.db.selectFrom('voucher_claims').selectAll().orderBy('kiosk_id').orderBy('voucher_code').execute()).map((row) => ({
      ...row,
      amount: Number(row.amount),
      claimed_at: Number(row.claimed_at),
    }));
  const sendOk = async (client: CentralOfficeClient, events: IssuanceEvent[]) => {
    const ack = await client.sendEvents(events);
    if (!ack.ok) throw new Error(`the batch was not acknowledged: ${JSON.stringify(ack.error)}`);
    expect(ack.value.rejected).toEqual([]);
    return ack.value;
  };

  describe('looking up and claiming', () => {
    const printedAt = kst('2026-11-24', '21:40');
    beforeEach(async () => {
      await start();
      await sendOk(hall, [owed(HALL.kioskId, 1, printedAt, 'RV-261124-ABCDEF', 1200, 'refund-short'), owed(HALL.kioskId, 2, printedAt + 60_000, 'RV-261124-GHJKMN', 300)]);
    });

    it('looks a voucher up by its code: which kiosk, when, how much, not yet claimed', async () => {
      const answer = await lookup('RV-261124-ABCDEF');
      expect(answer.status).toBe(200);
      expect(RefundVoucherStatus.parse(answer.body)).toEqual({
        voucherCode: 'RV-261124-ABCDEF',
        kioskId: HALL.kioskId,
        kioskName: HALL.name,
        amount: 1200,
        reason: 'refund-short',
        issuedAt: new Date(printedAt).toISOString(),
        claim: null,
      });
      // Looking up records nothing.
      expect(await claimRows()).toEqual([]);
    });

    it('claims a voucher once, for the recorded amount, with the office’s time and the operator key id', async () => {
      const first = await claim('RV-261124-ABCDEF');
      expect(first.status).toBe(200);
      const claimedAt = new Date(clock.now()).toISOString();
      expect(RefundVoucherStatus.parse(first.body)).toMatchObject({ amount: 1200, kioskId: HALL.kioskId, claim: { claimedAt, claimedBy: OPERATOR.keyId, claimedByName: OPERATOR.name } });
      expect(await claimRows()).toEqual([
        { kiosk_id: HALL.kioskId, voucher_code: 'RV-261124-ABCDEF', amount: 1200, claimed_at: clock.now(), claimed_date: '2026-11-25', claimed_by: OPERATOR.keyId, claimed_by_name: OPERATOR.name },
      ]);

      await clock.advance(90_000);
      const second = await claim('RV-261124-ABCDEF');
      expect(second.status).toBe(409);
      expect(second.body).toMatchObject({ error: { code: 'already-claimed' } });
      const message = (second.body as { error: { message: string } }).error.message;
      expect(message).toContain(claimedAt);
      expect(message).toContain(OPERATOR.keyId);
      expect(await claimRows()).toHaveLength(1);
      // The look-up now shows the claim that stands; the other voucher is untouched.
      expect(RefundVoucherStatus.parse((await lookup('RV-261124-ABCDEF')).body).claim).toEqual({ claimedAt, claimedBy: OPERATOR.keyId, claimedByName: OPERATOR.name });
      expect(RefundVoucherStatus.parse((await lookup('RV-261124-GHJKMN')).body).claim).toBeNull();
    });

    it('pays the recorded amount only: a claim that names an amount is refused and stores nothing', async () => {
      const before = await office.office.rowCounts();
      const answer = await claim('RV-261124-ABCDEF', { amount: 5000 });
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ error: { code: 'invalid-request', message: expect.stringContaining('amount') } });
      expect(await office.office.rowCounts()).toEqual(before);
    });

    it('answers 404 for an unknown code, or a code under the wrong kiosk, and stores nothing', async () => {
      const before = await office.office.rowCounts();
      for (const answer of [await lookup('RV-261124-ZZZZZZ'), await claim('RV-261124-ZZZZZZ'), await lookup('RV-261124-ABCDEF', PNU.kioskId), await claim('RV-261124-ABCDEF', { kiosk: PNU.kioskId })]) {
        expect(answer.status).toBe(404);
        expect(answer.body).toMatchObject({ error: { code: 'unknown-voucher', message: expect.stringContaining('has reached the office') } });
      }
      const malformed = await lookup('RV 261124/ABC');
      expect(malformed).toMatchObject({ status: 400, body: { error: { code: 'invalid-request' } } });
      expect(await office.office.rowCounts()).toEqual(before);
    });

    it('refuses a claim without an operator’s credentials, and a replayed claim', async () => {
      const refusals: [Awaited<ReturnType<typeof claim>>, number, string][] = [
        [await claim('RV-261124-ABCDEF', {}, null), 401, 'missing-credentials'],
        [await claim('RV-261124-ABCDEF', {}, { keyId: OPERATOR.keyId, secret: 'not-the-operator-secret' }), 401, 'bad-signature'],
        [await claim('RV-261124-ABCDEF', {}, { keyId: 'GJ-NOBODY', secret: 'a-secret-of-some-length' }), 401, 'unknown-key'],
        [await claim('RV-261124-ABCDEF', {}, { keyId: HALL.keyId, secret: HALL.secret }), 403, 'forbidden'],
        [await lookup('RV-261124-ABCDEF', undefined, { keyId: HALL.keyId, secret: HALL.secret }), 403, 'forbidden'],
        [await lookup('RV-261124-ABCDEF', undefined, null), 401, 'missing-credentials'],
      ];
      for (const [answer, status, code] of refusals) {
        expect({ status: answer.status, body: answer.body }).toMatchObject({ status, body: { error: { code } } });
      }
      expect(await claimRows()).toEqual([]);

      const body = '{}';
      const first = await rawRequest(office.url, { method: 'POST', path: voucherPath('RV-261124-GHJKMN', true), body, key: operator, timestamp: clock.now() });
      expect(first.status).toBe(200);
      const replay = await rawRequest(office.url, { method: 'POST', path: voucherPath('RV-261124-GHJKMN', true), body, headers: first.headers });
      expect(replay.status).toBe(401);
      expect(replay.body).toMatchObject({ error: { code: 'replayed' } });
      expect(await claimRows()).toHaveLength(1);
    });

    it('records one claim when several arrive at once (two clerks, a double click)', async () => {
      const answers = await Promise.all(Array.from({ length: 6 }, () => claim('RV-261124-GHJKMN')));
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
      expect(await claimRows()).toHaveLength(1);
    });

    it('takes the code and kiosk from the voucher’s QR as the receipt printer writes it', () => {
      expect(parseVoucherQr(refundVoucherQrText('RV-261124-ABCDEF', 1200, HALL.kioskId))).toEqual({ voucherCode: 'RV-261124-ABCDEF', kioskId: HALL.kioskId });
      expect(parseVoucherQr('KRDOC1|a|b|c')).toBeNull();
    });
  });

  it('tells apart two kiosks that printed the same code', async () => {
    await start();
    await sendOk(hall, [owed(HALL.kioskId, 1, clock.now() - 3_600_000, 'RV-TEST-00001', 500)]);
    await sendOk(pnu, [owed(PNU.kioskId, 1, clock.now() - 1_800_000, 'RV-TEST-00001', 800)]);
    const ambiguous = await lookup('RV-TEST-00001');
    expect(ambiguous.status).toBe(409);
    expect(ambiguous.body).toMatchObject({ error: { code: 'voucher-ambiguous', message: expect.stringContaining(PNU.kioskId) } });
    expect((await claim('RV-TEST-00001')).status).toBe(409);
    expect(await claimRows()).toEqual([]);

    const pnuClaim = await claim('RV-TEST-00001', { kiosk: PNU.kioskId });
    expect(pnuClaim.status).toBe(200);
    expect(RefundVoucherStatus.parse(pnuClaim.body)).toMatchObject({ kioskId: PNU.kioskId, amount: 800 });
    expect(RefundVoucherStatus.parse((await lookup('RV-TEST-00001', HALL.kioskId)).body)).toMatchObject({ amount: 500, claim: null });
    expect((await claim('RV-TEST-00001', { kiosk: HALL.kioskId })).status).toBe(200);
    expect((await claim('RV-TEST-00001', { kiosk: PNU.kioskId })).status).toBe(409);
  });

  it('keeps a voucher from a re-sent, replayed or duplicated batch claimable exactly once', async () => {
    await start();
    const events = [owed(HALL.kioskId, 1, clock.now() - 600_000, 'RV-261125-PQRSTU', 700), makeEvent(HALL.kioskId, 2, clock.now() - 590_000)];
    const body = JSON.stringify({ events });
    const first = await rawRequest(office.url, { method: 'POST', path: API_PATHS.events, body, key: HALL, timestamp: clock.now() });
    expect(first.status).toBe(200);
    // The link delivered the same request twice: refused as a replay.
    expect((await rawRequest(office.url, { method: 'POST', path: API_PATHS.events, body, headers: first.headers })).status).toBe(401);
    // The kiosk lost the answer and sent the batch again, signed afresh, then once more inside a larger batch.
    expect((await sendOk(hall, events)).duplicates).toEqual(events.map((event) => event.eventId));
    const again = await sendOk(hall, [...events, owed(HALL.kioskId, 3, clock.now() - 500_000, 'RV-261125-VWXYZ2', 200)]);
    expect(again.duplicates).toHaveLength(2);
    expect(again.accepted).toHaveLength(1);

    const vouchers = await office.office.storage.db.selectFrom('refund_vouchers').select(['voucher_code', 'event_id']).orderBy('voucher_code').execute();
    expect(vouchers).toEqual([
      { voucher_code: 'RV-261125-PQRSTU', event_id: events[0]!.eventId },
      { voucher_code: 'RV-261125-VWXYZ2', event_id: expect.any(String) },
    ]);
    expect((await claim('RV-261125-PQRSTU')).status).toBe(200);
    expect((await claim('RV-261125-PQRSTU')).status).toBe(409);
    expect(await claimRows()).toHaveLength(1);
  });

  it('counts claims per day, month and year and per kiosk, as independent SQL over the claims does', async () => {
    await start(kst('2026-11-24', '09:00'));
    await sendOk(hall, [
      owed(HALL.kioskId, 1, kst('2026-11-20', '10:00'), 'RV-A', 300),
      owed(HALL.kioskId, 2, kst('2026-11-20', '11:00'), 'RV-B', 500),
      owed(HALL.kioskId, 3, kst('2026-11-21', '12:00'), 'RV-C', 1000),
      owed(HALL.kioskId, 4, kst('2026-11-22', '12:00'), 'RV-D', 4000),
    ]);
    await sendOk(pnu, [owed(PNU.kioskId, 1, kst('2026-11-23', '15:00'), 'RV-E', 700), owed(PNU.kioskId, 2, kst('2026-11-23', '16:00'), 'RV-F', 100)]);
    const claimAt = async (at: number, code: string) => {
      await clock.advance(at - clock.now());
      expect((await claim(code)).status).toBe(200);
    };
    // Late on the 24th (local), early on the 25th, the next month, and the next year: the day is the office's day
    // of the claim, not the day the voucher was printed.
    await claimAt(kst('2026-11-24', '23:59'), 'RV-A');
    await claimAt(kst('2026-11-25', '00:01'), 'RV-B');
    await claimAt(kst('2026-11-25', '10:30'), 'RV-E');
    await claimAt(kst('2026-12-01', '09:00'), 'RV-C');
    await claimAt(kst('2027-01-04', '09:00'), 'RV-F');
    // RV-D is never claimed: owed, not claimed.

    /** Written here, independent of the report: epoch bounds of local days by UTC+9 arithmetic, no stored dates. */
    const independent = async (from: string, toExclusive: string, kiosk?: string) => {
      const rows = await sql<{ kiosk_id: string; n: number; amount: number }>`
        SELECT kiosk_id, count(*) AS n, sum(amount) AS amount FROM voucher_claims
        WHERE claimed_at >= ${kst(from)} AND claimed_at < ${kst(toExclusive)} ${kiosk ? sql`AND kiosk_id = ${kiosk}` : sql``}
        GROUP BY kiosk_id ORDER BY kiosk_id`.execute(office.office.storage.db);
      return rows.rows.map((row) => ({ kioskId: row.kiosk_id, vouchersClaimed: Number(row.n), refundsClaimed: Number(row.amount) }));
    };
    const asOperator = (path: string) => rawRequest(office.url, { method: 'GET', path, key: operator, timestamp: clock.now() });
    const issuanceReport = async (query: string) => {
      const answer = await asOperator(`${API_PATHS.reports}?${query}`);
      expect(answer.status).toBe(200);
      return IssuanceReport.parse(answer.body);
    };
    const claimsIn = (report: IssuanceReport, bucket: string) =>
      report.cash.filter((row) => row.bucket === bucket && row.vouchersClaimed > 0).map((row) => ({ kioskId: row.kioskId, vouchersClaimed: row.vouchersClaimed, refundsClaimed: row.refundsClaimed }));

    const daily = await issuanceReport('period=day');
    expect(claimsIn(daily, '2026-11-24')).toEqual(await independent('2026-11-24', '2026-11-25'));
    expect(claimsIn(daily, '2026-11-25')).toEqual(await independent('2026-11-25', '2026-11-26'));
    expect(claimsIn(daily, '2026-11-25')).toEqual([
      { kioskId: HALL.kioskId, vouchersClaimed: 1, refundsClaimed: 500 },
      { kioskId: PNU.kioskId, vouchersClaimed: 1, refundsClaimed: 700 },
    ]);
    // The day a voucher was printed has no claim unless one was made that day.
    expect(claimsIn(daily, '2026-11-20')).toEqual([]);
    expect(daily.cash.find((row) => row.bucket === '2026-11-20' && row.kioskId === HALL.kioskId)).toMatchObject({ refundsOwed: 800, refundsClaimed: 0, vouchersClaimed: 0 });
    expect(daily.totals).toMatchObject({ refundsOwed: 6600, refundsClaimed: 2600, vouchersClaimed: 5 });

    const monthly = await issuanceReport('period=month');
    expect(claimsIn(monthly, '2026-11')).toEqual(await independent('2026-11-01', '2026-12-01'));
    expect(claimsIn(monthly, '2026-12')).toEqual(await independent('2026-12-01', '2027-01-01'));
    expect(claimsIn(monthly, '2026-11')).toEqual([
      { kioskId: HALL.kioskId, vouchersClaimed: 2, refundsClaimed: 800 },
      { kioskId: PNU.kioskId, vouchersClaimed: 1, refundsClaimed: 700 },
    ]);

    const yearly = await issuanceReport('period=year');
    expect(claimsIn(yearly, '2026')).toEqual(await independent('2026-01-01', '2027-01-01'));
    expect(claimsIn(yearly, '2027')).toEqual([{ kioskId: PNU.kioskId, vouchersClaimed: 1, refundsClaimed: 100 }]);
    const hallOnly = await issuanceReport(`period=year&kiosk=${HALL.kioskId}&from=2026-11-25&to=2026-12-31`);
    expect(hallOnly.totals).toMatchObject({ vouchersClaimed: 2, refundsClaimed: 1500 });
    expect(claimsIn(hallOnly, '2026')).toEqual(await independent('2026-11-25', '2027-01-01', HALL.kioskId));

    // The operators' report (operator page, `kiosk report --kiosk`): the same claims in its money figures.
    const operations = async (query: string) => OperationsReport.parse((await asOperator(`/v1/operator/report?${query}`)).body);
    const november = await operations('period=monthly&date=2026-11-15');
    const novemberSql = await independent('2026-11-01', '2026-12-01');
    expect(november.money).toMatchObject({
      refundsOwed: 6600,
      refundsClaimed: novemberSql.reduce((sum, row) => sum + row.refundsClaimed, 0),
      vouchersClaimed: novemberSql.reduce((sum, row) => sum + row.vouchersClaimed, 0),
    });
    expect(november.money).toMatchObject({ refundsClaimed: 1500, vouchersClaimed: 3 });
    expect((await operations(`period=daily&date=2026-11-25&kiosk=${PNU.kioskId}`)).money).toMatchObject({ refundsClaimed: 700, vouchersClaimed: 1 });
    expect((await operations('period=yearly&date=2027-06-01')).money).toMatchObject({ refundsClaimed: 100, vouchersClaimed: 1 });
  });

  it('makes vouchers that arrived before the claims existed (migration 006) claimable', async () => {
    const config = await storage.fresh();
    const db = rawKysely(config);
    try {
      const migrator = new Migrator({ db, provider: { getMigrations: async () => CENTRAL_MIGRATIONS } });
      expect((await migrator.migrateTo('005-reservation-subject')).error).toBeUndefined();
      const occurredAt = kst('2026-11-20', '18:00');
      await sql`INSERT INTO events (event_id, kiosk_id, seq, type, occurred_at, local_date, session_id, payload, amount, received_at, arrival)
                VALUES ('0b8f2d7e-8a6a-4f43-9c55-1f0c6f2e9d10', ${HALL.kioskId}, 1, 'cash.refund-owed', ${occurredAt}, '2026-11-20', 'S-old',
                        ${JSON.stringify({ amount: 900, voucherCode: 'RV-261120-OLDONE', reason: 'late-note' })}, 900, ${occurredAt}, 1)`.execute(db);
    } finally {
      await db.destroy();
    }
    const started = await startTestOffice(config);
    office = started.running;
    clock = started.clock;
    expect(RefundVoucherStatus.parse((await lookup('RV-261120-OLDONE')).body)).toMatchObject({ kioskId: HALL.kioskId, amount: 900, reason: 'late-note', claim: null });
    expect((await claim('RV-261120-OLDONE')).status).toBe(200);
    expect((await claim('RV-261120-OLDONE')).status).toBe(409);
  });
});

/** A kysely over the test database without the office's migrate-on-open, to stop at an earlier migration. */
function rawKysely(config: StorageConfig): Kysely<unknown> {
  return config.kind === 'sqlite'
    ? new Kysely({ dialect: new SqliteDialect({ database: new Database(config.file) }) })
    : new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: config.url, max: 1 }) }) });
}
