import { API_PATHS, IssuanceReport, KioskStatusList, type Heartbeat } from '../../central-office/contract/api';
import type { RunningCentralOffice } from '../../central-office/start';
import type { FakeClock } from '../../common/clock';
import type { CentralOfficeClient } from '../../kiosk/central-client/client';
import { HALL, OPERATOR, PNU, startTestOffice } from './support/office';
import { makeEvent, rawRequest } from './support/requests';
import { STORAGE_KINDS, useStorage } from './support/storages';

/** What operators read: issuance reports per day, month and year, and each kiosk's health and sequence gaps. */
describe.each(STORAGE_KINDS)('reports and kiosk health over %s', (kind) => {
  const storage = useStorage(kind);
  let office: RunningCentralOffice;
  let clock: FakeClock;
  let hall: CentralOfficeClient;
  let pnu: CentralOfficeClient;
  const operator = { keyId: OPERATOR.keyId, secret: OPERATOR.secret };

  beforeEach(async () => {
    const started = await startTestOffice(await storage.fresh());
    office = started.running;
    clock = started.clock;
    hall = started.client(HALL);
    pnu = started.client(PNU);
  });
  afterEach(() => office.close());

  const asOperator = (path: string) => rawRequest(office.url, { method: 'GET', path, key: operator, timestamp: clock.now() });
  // 2026-11-24 23:30 KST and 2026-11-25 10:00 KST: two local days, the first one late in the evening (UTC 14:30).
  const lateOn24th = Date.UTC(2026, 10, 24, 14, 30);
  const morningOn25th = Date.UTC(2026, 10, 25, 1, 0);
  const issued = (kioskId: string, seq: number, at: number, documentCode: string, fee: number, copies = 1) =>
    makeEvent(kioskId, seq, at, {
      type: 'document.issued',
      payload: { documentCode, issuanceNumber: `X-${kioskId}-${seq}`, verificationNumber: '0000-0000-0000-0000', copies, pages: copies, fee, waivedBy: null },
    });

  it('counts issuances per local day, month and year, per kiosk and document, with fees and cash', async () => {
    await hall.sendEvents([
      issued(HALL.kioskId, 1, lateOn24th, 'resident-copy', 400, 2),
      makeEvent(HALL.kioskId, 2, lateOn24th, { type: 'cash.note-stacked', payload: { value: 1000 } }),
      makeEvent(HALL.kioskId, 3, lateOn24th, { type: 'cash.fee-kept', payload: { amount: 400 } }),
      makeEvent(HALL.kioskId, 4, lateOn24th, { type: 'cash.change-paid', payload: { amount: 600, coins: { '500': 1, '100': 1 } } }),
      issued(HALL.kioskId, 5, morningOn25th, 'resident-copy', 200),
      issued(HALL.kioskId, 6, morningOn25th, 'land-ledger', 500),
      makeEvent(HALL.kioskId, 7, morningOn25th, { type: 'cash.refund-owed', payload: { amount: 300, voucherCode: 'V-1', reason: 'no coins' } }),
    ]);
    await pnu.sendEvents([issued(PNU.kioskId, 1, morningOn25th, 'resident-copy', 200)]);

    const daily = await asOperator(`${API_PATHS.reports}?period=day`);
    expect(daily.status).toBe(200);
    const day = IssuanceReport.parse(daily.body);
    expect(day.issuances).toEqual([
      { bucket: '2026-11-24', kioskId: HALL.kioskId, documentCode: 'resident-copy', issuances: 1, copies: 2, pages: 2, fees: 400 },
      { bucket: '2026-11-25', kioskId: HALL.kioskId, documentCode: 'land-ledger', issuances: 1, copies: 1, pages: 1, fees: 500 },
      { bucket: '2026-11-25', kioskId: HALL.kioskId, documentCode: 'resident-copy', issuances: 1, copies: 1, pages: 1, fees: 200 },
      { bucket: '2026-11-25', kioskId: PNU.kioskId, documentCode: 'resident-copy', issuances: 1, copies: 1, pages: 1, fees: 200 },
    ]);
    expect(day.cash).toEqual([
      { bucket: '2026-11-24', kioskId: HALL.kioskId, notesStacked: 1000, feesKept: 400, changePaid: 600, refundsOwed: 0, refundsPaid: 0, refundsClaimed: 0, vouchersClaimed: 0 },
      { bucket: '2026-11-25', kioskId: HALL.kioskId, notesStacked: 0, feesKept: 0, changePaid: 0, refundsOwed: 300, refundsPaid: 0, refundsClaimed: 0, vouchersClaimed: 0 },
    ]);
    expect(day.totals).toEqual({ issuances: 4, copies: 5, fees: 1300, changePaid: 600, refundsOwed: 300, refundsPaid: 0, refundsClaimed: 0, vouchersClaimed: 0 });

    const monthly = IssuanceReport.parse((await asOperator(`${API_PATHS.reports}?period=month&kiosk=${HALL.kioskId}`)).body);
    expect(monthly.issuances).toEqual([
      { bucket: '2026-11', kioskId: HALL.kioskId, documentCode: 'land-ledger', issuances: 1, copies: 1, pages: 1, fees: 500 },
      { bucket: '2026-11', kioskId: HALL.kioskId, documentCode: 'resident-copy', issuances: 2, copies: 3, pages: 3, fees: 600 },
    ]);
    const yearly = IssuanceReport.parse((await asOperator(`${API_PATHS.reports}?period=year&from=2026-11-25&to=2026-11-25`)).body);
    expect(yearly.totals.issuances).toBe(3);
  });

  it('refuses a report query it does not understand', async () => {
    const answer = await asOperator(`${API_PATHS.reports}?period=week`);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { code: 'invalid-request' } });
  });

  it('keeps the latest heartbeat and shows each kiosk’s sequence gaps', async () => {
    const heartbeat: Heartbeat = {
      softwareVersion: '0.1.0',
      devices: { billAcceptor: { state: 'ok' }, a4Printer: { state: 'paper-low', detail: '40 sheets' } },
      paper: { a4Sheets: 40, receiptLow: false },
      coins: { '500': 120, '100': 300 },
      cashBox: { notes: 12, total: 34_000 },
      queue: { depth: 3, oldestUnsentAgeSeconds: 42 },
    };
    expect(await hall.heartbeat(heartbeat)).toEqual({ ok: true, value: { receivedAt: new Date(clock.now()).toISOString() } });
    await hall.sendEvents([makeEvent(HALL.kioskId, 1, clock.now()), makeEvent(HALL.kioskId, 4, clock.now())]);
    const answer = await asOperator(API_PATHS.kiosks);
    expect(answer.status).toBe(200);
    const { kiosks } = KioskStatusList.parse(answer.body);
    expect(kiosks.map((kiosk) => kiosk.kioskId)).toEqual(['GJ-HALL-01', 'GJ-PNU-01', 'GJ-EMART-01', 'GJ-GSMART-01']);
    expect(kiosks[0]).toEqual({
      kioskId: HALL.kioskId,
      name: HALL.name,
      lastHeartbeatAt: new Date(clock.now()).toISOString(),
      heartbeat,
      events: { received: 2, contiguousSeq: 1, maxSeq: 4, gaps: [{ from: 2, to: 3 }] },
    });
    expect(kiosks[1]).toMatchObject({ lastHeartbeatAt: null, heartbeat: null, events: { received: 0, gaps: [] } });
  });
});
