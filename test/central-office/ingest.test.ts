import { randomUUID } from 'node:crypto';
import type { RunningCentralOffice } from '../../central-office/start';
import type { FakeClock } from '../../common/clock';
import { createCentralClient, type CentralOfficeClient } from '../../kiosk/central-client/client';
import { HALL, PNU, startTestOffice } from './support/office';
import { makeEvent, makeEvents } from './support/requests';
import { STORAGE_KINDS, useStorage } from './support/storages';

/** Issuance-log ingest: idempotent by event id, tolerant of order, per-kiosk sequences with visible gaps. */
describe.each(STORAGE_KINDS)('issuance-log ingest over %s', (kind) => {
  const storage = useStorage(kind);
  let office: RunningCentralOffice;
  let clock: FakeClock;
  let hall: CentralOfficeClient;

  beforeEach(async () => {
    const started = await startTestOffice(await storage.fresh());
    office = started.running;
    clock = started.clock;
    hall = started.client(HALL);
  });
  afterEach(() => office.close());

  it('acknowledges a re-sent batch as duplicates and counts each event once', async () => {
    const events = makeEvents(HALL.kioskId, 1, 50, clock.now());
    const first = await hall.sendEvents(events);
    expect(first.ok && first.value.accepted).toHaveLength(50);
    const again = await hall.sendEvents(events);
    expect(again.ok).toBe(true);
    if (!again.ok) return;
    expect(again.value.accepted).toEqual([]);
    expect(new Set(again.value.duplicates)).toEqual(new Set(events.map((event) => event.eventId)));
    expect(await office.office.eventCount(HALL.kioskId)).toBe(50);
  });

  it('stores a batch that overlaps one already stored without doubling the overlap', async () => {
    const events = makeEvents(HALL.kioskId, 1, 20, clock.now());
    await hall.sendEvents(events.slice(0, 12));
    const answer = await hall.sendEvents(events.slice(8));
    expect(answer.ok && answer.value.accepted).toHaveLength(8);
    expect(answer.ok && answer.value.duplicates).toHaveLength(4);
    expect(await office.office.eventCount()).toBe(20);
  });

  it('takes batches out of order and keeps the gap visible until it is filled', async () => {
    const events = makeEvents(HALL.kioskId, 1, 10, clock.now());
    const late = await hall.sendEvents(events.slice(5));
    expect(late.ok && late.value.progress).toEqual({ contiguousSeq: 0, maxSeq: 10, missing: 5 });
    expect(await office.office.gaps(HALL.kioskId)).toEqual([{ from: 1, to: 5 }]);
    const early = await hall.sendEvents(events.slice(0, 5));
    expect(early.ok && early.value.progress).toEqual({ contiguousSeq: 10, maxSeq: 10, missing: 0 });
    expect(await office.office.gaps(HALL.kioskId)).toEqual([]);
  });

  it('reports several gaps at once', async () => {
    const events = makeEvents(HALL.kioskId, 1, 12, clock.now());
    await hall.sendEvents([events[0]!, events[3]!, events[4]!, events[11]!]);
    expect(await office.office.gaps(HALL.kioskId)).toEqual([
      { from: 2, to: 3 },
      { from: 6, to: 11 },
    ]);
  });

  it('keeps sequences per kiosk', async () => {
    await hall.sendEvents(makeEvents(HALL.kioskId, 1, 5, clock.now()));
    const client = createCentralClient({ baseUrl: office.url, keyId: PNU.keyId, secret: PNU.secret, clock });
    const answer = await client.sendEvents(makeEvents(PNU.kioskId, 1, 3, clock.now()));
    expect(answer.ok && answer.value.progress).toEqual({ contiguousSeq: 3, maxSeq: 3, missing: 0 });
    expect(await office.office.eventCount(HALL.kioskId)).toBe(5);
    expect(await office.office.eventCount(PNU.kioskId)).toBe(3);
  });

  it('rejects for good what cannot be stored, with a reason, and stores the rest', async () => {
    const good = makeEvent(HALL.kioskId, 1, clock.now());
    const badPayload = makeEvent(HALL.kioskId, 2, clock.now(), { type: 'document.issued', payload: { documentCode: 'resident-copy' } });
    const otherKiosk = makeEvent(PNU.kioskId, 3, clock.now());
    const answer = await hall.sendEvents([good, badPayload, otherKiosk]);
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    expect(answer.value.accepted).toEqual([good.eventId]);
    expect(answer.value.rejected).toEqual([
      { eventId: badPayload.eventId, reason: expect.stringContaining('invalid-payload for document.issued') },
      { eventId: otherKiosk.eventId, reason: expect.stringContaining('kiosk-mismatch') },
    ]);
    expect(await office.office.eventCount()).toBe(1);
  });

  it('refuses a second event under a sequence number already used', async () => {
    await hall.sendEvents([makeEvent(HALL.kioskId, 7, clock.now())]);
    const impostor = makeEvent(HALL.kioskId, 7, clock.now(), { eventId: randomUUID() });
    const answer = await hall.sendEvents([impostor]);
    expect(answer.ok && answer.value.rejected).toEqual([{ eventId: impostor.eventId, reason: expect.stringContaining('seq-already-used') }]);
    expect(await office.office.eventCount()).toBe(1);
  });

  it('refuses a batch of more than 1,000 events', async () => {
    const answer = await hall.sendEvents(makeEvents(HALL.kioskId, 1, 1001, clock.now()));
    expect(answer).toMatchObject({ ok: false, error: { kind: 'rejected', status: 400, code: 'invalid-request' } });
    expect(await office.office.eventCount()).toBe(0);
  });

  it('records arrival order per kiosk', async () => {
    const events = makeEvents(HALL.kioskId, 1, 6, clock.now());
    await hall.sendEvents(events.slice(3));
    await hall.sendEvents(events.slice(0, 3));
    expect(await office.office.seqsInArrivalOrder(HALL.kioskId)).toEqual([4, 5, 6, 1, 2, 3]);
  });

  it('stores concurrent duplicate batches once', async () => {
    const events = makeEvents(HALL.kioskId, 1, 200, clock.now());
    const answers = await Promise.all([hall.sendEvents(events), hall.sendEvents(events), hall.sendEvents(events)]);
    const accepted = answers.flatMap((answer) => (answer.ok ? answer.value.accepted : []));
    expect(answers.every((answer) => answer.ok)).toBe(true);
    expect(accepted).toHaveLength(200);
    expect(await office.office.eventCount()).toBe(200);
  });
});
