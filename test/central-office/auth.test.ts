import { API_PATHS } from '../../central-office/contract/api';
import { REPLAY_WINDOW_MS } from '../../central-office/contract/signature';
import type { RunningCentralOffice } from '../../central-office/start';
import type { FakeClock } from '../../common/clock';
import { HALL, OPERATOR, startTestOffice } from './support/office';
import { makeEvents, rawRequest } from './support/requests';
import { STORAGE_KINDS, useStorage } from './support/storages';

/**
 * Every request to the office is signed per kiosk. Forged, replayed, stale, unknown, oversized and malformed
 * requests are refused with a reason a technician can act on — and leave no trace in any table.
 */
describe.each(STORAGE_KINDS)('central office authentication over %s', (kind) => {
  const storage = useStorage(kind);
  let office: RunningCentralOffice;
  let clock: FakeClock;
  const key = { keyId: HALL.keyId, secret: HALL.secret };

  beforeEach(async () => {
    const started = await startTestOffice(await storage.fresh());
    office = started.running;
    clock = started.clock;
  });
  afterEach(() => office.close());

  const batch = (fromSeq = 1, count = 3) => JSON.stringify({ events: makeEvents(HALL.kioskId, fromSeq, count, clock.now()) });
  const refusedWithNothingStored = async (send: () => Promise<{ status: number; body: unknown }>, status: number, code: string) => {
    const before = await office.office.rowCounts();
    const answer = await send();
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject({ error: { code } });
    expect((answer.body as { error: { message: string } }).error.message.length).toBeGreaterThan(10);
    expect(await office.office.rowCounts()).toEqual(before);
  };

  it('accepts a correctly signed batch', async () => {
    const answer = await rawRequest(office.url, { method: 'POST', path: API_PATHS.events, body: batch(), key, timestamp: clock.now() });
    expect(answer.status).toBe(200);
    expect(await office.office.eventCount()).toBe(3);
  });

  it('refuses a forged signature (wrong secret)', async () => {
    await refusedWithNothingStored(
      () => rawRequest(office.url, { method: 'POST', path: API_PATHS.events, body: batch(), key: { keyId: HALL.keyId, secret: 'someone-guessing-the-secret' }, timestamp: clock.now() }),
      401,
      'bad-signature',
    );
  });

  it('refuses a body changed after signing', async () => {
    await refusedWithNothingStored(
      () => rawRequest(office.url, { method: 'POST', path: API_PATHS.events, body: batch(1, 3), signedBody: batch(1, 1), key, timestamp: clock.now() }),
      401,
      'bad-signature',
    );
  });

  it('refuses a request signed for another path', async () => {
    await refusedWithNothingStored(
      async () => {
        const body = batch();
        const signed = await rawRequest(office.url, { method: 'POST', path: API_PATHS.heartbeat, body: '{}', key, timestamp: clock.now() });
        return rawRequest(office.url, { method: 'POST', path: API_PATHS.events, body, headers: signed.headers });
      },
      401,
      'bad-signature',
    );
  });

  it('refuses a replayed request within the window, though the first copy was stored', async () => {
    const body = batch();
    const first = await rawRequest(office.url, { method: 'POST', path: API_PATHS.events, body, key, timestamp: clock.now(), nonce: 'aaaabbbbccccdddd' });
    expect(first.status).toBe(200);
    await clock.advance(30_000);
    await refusedWithNothingStored(() => rawRequest(office.url, { method: 'POST', path: API_PATHS.events, body, headers: first.headers }), 401, 'replayed');
    expect(await office.office.eventCount()).toBe(3);
  });

  it('refuses a replay after the window as stale', async () => {
    const body = batch();
    const first = await rawRequest(office.url, { method: 'POST', path: API_PATHS.events, body, key, timestamp: clock.now() });
    expect(first.status).toBe(200);
    await clock.advance(REPLAY_WINDOW_MS + 1_000);
    await refusedWithNothingStored(() => rawRequest(office.url, { method: 'POST', path: API_PATHS.events, body, headers: first.headers }), 401, 'stale-timestamp');
  });

  it('refuses a stale or future timestamp', async () => {
    await refusedWithNothingStored(
      () => rawRequest(office.url, { method: 'POST', path: API_PATHS.events, body: batch(), key, timestamp: clock.now() - REPLAY_WINDOW_MS - 1 }),
      401,
      'stale-timestamp',
    );
    await refusedWithNothingStored(
      () => rawRequest(office.url, { method: 'POST', path: API_PATHS.events, body: batch(), key, timestamp: clock.now() + REPLAY_WINDOW_MS + 1 }),
      401,
      'stale-timestamp',
    );
  });

  it('refuses an unknown kiosk', async () => {
    await refusedWithNothingStored(
      () => rawRequest(office.url, { method: 'POST', path: API_PATHS.events, body: batch(), key: { keyId: 'GJ-NOWHERE-99', secret: 'a-secret-of-some-length' }, timestamp: clock.now() }),
      401,
      'unknown-key',
    );
  });

  it('refuses an unsigned request, naming the missing headers', async () => {
    const answer = await rawRequest(office.url, { method: 'POST', path: API_PATHS.events, body: batch() });
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ error: { code: 'missing-credentials', message: expect.stringContaining('x-kiosk-signature') } });
    expect(await office.office.eventCount()).toBe(0);
  });

  it('refuses an oversized body with 413', async () => {
    const huge = JSON.stringify({ events: [], padding: 'x'.repeat(3 * 1024 * 1024) });
    await refusedWithNothingStored(() => rawRequest(office.url, { method: 'POST', path: API_PATHS.events, body: huge, key, timestamp: clock.now() }), 413, 'body-too-large');
  });

  it('refuses malformed JSON with 400, even when correctly signed', async () => {
    await refusedWithNothingStored(
      () => rawRequest(office.url, { method: 'POST', path: API_PATHS.events, body: '{"events": [ {"eventId": ', key, timestamp: clock.now() }),
      400,
      'malformed-json',
    );
  });

  it('refuses a well-formed body of the wrong shape with 400', async () => {
    await refusedWithNothingStored(
      () => rawRequest(office.url, { method: 'POST', path: API_PATHS.events, body: JSON.stringify({ events: 'none' }), key, timestamp: clock.now() }),
      400,
      'invalid-request',
    );
  });

  it('keeps kiosk and operator keys to their own endpoints', async () => {
    await refusedWithNothingStored(
      () => rawRequest(office.url, { method: 'POST', path: API_PATHS.events, body: batch(), key: { keyId: OPERATOR.keyId, secret: OPERATOR.secret }, timestamp: clock.now() }),
      403,
      'forbidden',
    );
    const reports = await rawRequest(office.url, { method: 'GET', path: `${API_PATHS.reports}?period=day`, key, timestamp: clock.now() });
    expect(reports.status).toBe(403);
    const asOperator = await rawRequest(office.url, { method: 'GET', path: `${API_PATHS.reports}?period=day`, key: { keyId: OPERATOR.keyId, secret: OPERATOR.secret }, timestamp: clock.now() });
    expect(asOperator.status).toBe(200);
  });

  it('answers document verification without a signature (a bank clerk is not a kiosk)', async () => {
    const answer = await rawRequest(office.url, { method: 'GET', path: `${API_PATHS.documentVerify}?issuance=2026-1125-0000-0001&code=1111-2222-3333-4444` });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ valid: false, reason: 'unknown' });
  });
});
