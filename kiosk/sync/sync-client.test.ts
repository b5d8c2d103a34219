import type { EventBatchAck } from '../../central-office/contract/api';
import type { IssuanceEvent } from '../../central-office/contract/events';
import { FakeClock } from '../../common/clock';
import { err, ok } from '../../common/result';
import type { CentralResult } from '../central-client/client';
import { Outbox, openDatabase, type KioskDatabase } from '../store';
import { SyncClient, type EventSender } from './sync-client';
import { recentRejections } from './sync-state';

/**
 * The sync client against a scripted office: batches in order, acked only after the ack, exponential backoff with
 * jitter on the fake clock, rejected events set aside, and a restart that resumes where the outbox stands.
 */
type Script = (events: readonly IssuanceEvent[]) => CentralResult<EventBatchAck> | Promise<CentralResult<EventBatchAck>>;

const ackAll: Script = (events) => ok({ accepted: events.map((event) => event.eventId), duplicates: [], rejected: [] });
const unreachable: Script = () => err({ kind: 'unreachable', cause: 'network', message: 'ECONNREFUSED' });

class ScriptedOffice implements EventSender {
  readonly batches: { at: number; seqs: number[] }[] = [];
  script: Script = ackAll;
  constructor(private readonly clock: FakeClock) {}
  async sendEvents(events: readonly IssuanceEvent[]): Promise<CentralResult<EventBatchAck>> {
    this.batches.push({ at: this.clock.now(), seqs: events.map((event) => event.seq) });
    return this.script(events);
  }
}

describe('the sync client', () => {
  let clock: FakeClock;
  let db: KioskDatabase;
  let outbox: Outbox;
  let office: ScriptedOffice;
  const clients: SyncClient[] = [];

  beforeEach(() => {
    clock = new FakeClock();
    const opened = openDatabase(':memory:');
    if (!opened.ok) throw new Error(opened.error.detail);
    db = opened.value;
    outbox = new Outbox(db, 'GJ-HALL-01', () => clock.now());
    office = new ScriptedOffice(clock);
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.stop();
    db.close();
  });

  const append = (count: number) => {
    for (let i = 0; i < count; i++) outbox.append('cash.note-stacked', { value: 1000 });
  };
  const sync = (options: Partial<ConstructorParameters<typeof SyncClient>[0]> = {}) => {
    const client = new SyncClient({ db, outbox, sender: office, clock, batchSize: 3, backoff: { initialMs: 1000, maxMs: 16_000 }, idlePollMs: 5_000, random: () => 1, ...options });
    clients.push(client);
    return client;
  };

  it('ships the outbox oldest first in batches and marks rows only after the ack', async () => {
    append(7);
    const client = sync();
    const result = await client.drain();
    expect(result).toEqual({ ok: true, value: { batches: 3, acked: 7, duplicates: 0, rejected: 0 } });
    expect(office.batches.map((batch) => batch.seqs)).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    expect(client.status()).toMatchObject({ depth: 0, oldestUnsentAgeSeconds: null, consecutiveFailures: 0, lastError: null });
  });

  it('keeps every row while the office has not answered, and all of them when it fails', async () => {
    append(4);
    let answer!: (result: CentralResult<EventBatchAck>) => void;
    office.script = () => new Promise((resolve) => (answer = resolve));
    const client = sync();
    const pending = client.drain();
    await clock.advance(0);
    expect(outbox.depth().depth).toBe(4);
    answer(unreachable([]) as CentralResult<EventBatchAck>);
    expect(await pending).toMatchObject({ ok: false, error: { message: expect.stringContaining('unreachable') } });
    expect(outbox.depth().depth).toBe(4);
    expect(client.status()).toMatchObject({ depth: 4, consecutiveFailures: 1, lastError: expect.stringContaining('ECONNREFUSED') });
  });

  it('backs off exponentially with jitter on its clock, capped', async () => {
    append(1);
    office.script = unreachable;
    const client = sync({ random: () => 1 });
    client.start();
    for (let i = 0; i < 7; i++) await clock.step();
    const gaps = office.batches.slice(1).map((batch, index) => batch.at - office.batches[index]!.at);
    expect(gaps).toEqual([1000, 2000, 4000, 8000, 16000, 16000, 16000]);
    expect(client.status()).toMatchObject({ state: 'backing-off', consecutiveFailures: 8, nextAttemptAt: clock.now() + 16000 });
  });

  it('jitters between half and all of the delay', async () => {
    append(1);
    office.script = unreachable;
    const client = sync({ random: () => 0 });
    client.start();
    for (let i = 0; i < 3; i++) await clock.step();
    const gaps = office.batches.slice(1).map((batch, index) => batch.at - office.batches[index]!.at);
    expect(gaps).toEqual([500, 1000, 2000]);
  });

  it('drains as soon as the office is back, and `sync now` cuts a backoff short', async () => {
    append(2);
    office.script = unreachable;
    const client = sync();
    client.start();
    for (let i = 0; i < 4; i++) await clock.step();
    expect(client.status().state).toBe('backing-off');
    office.script = ackAll;
    const attemptsBefore = office.batches.length;
    const result = await client.syncNow();
    expect(result.ok).toBe(true);
    expect(office.batches.length).toBe(attemptsBefore + 1);
    expect(client.status()).toMatchObject({ depth: 0, consecutiveFailures: 0 });
  });

  it('wakes when told of a new event while idle, but not during a backoff', async () => {
    const client = sync();
    client.start();
    await clock.advance(0);
    expect(client.status().state).toBe('idle');
    append(1);
    client.notify();
    await clock.advance(0);
    await client.settled();
    expect(office.batches.map((batch) => batch.seqs)).toEqual([[1]]);

    office.script = unreachable;
    append(1);
    await clock.advance(5_000);
    await client.settled();
    expect(client.status().state).toBe('backing-off');
    const attempts = office.batches.length;
    append(1);
    client.notify();
    await clock.advance(0);
    expect(office.batches.length).toBe(attempts);
  });

  it('polls for new events while idle', async () => {
    const client = sync();
    client.start();
    await clock.advance(0);
    append(2);
    await clock.advance(5_000);
    await client.settled();
    expect(office.batches.map((batch) => batch.seqs)).toEqual([[1, 2]]);
  });

  it('sets refused events aside for a technician and does not send them again', async () => {
    append(3);
    office.script = (events) => ok({ accepted: [events[0]!.eventId, events[2]!.eventId], duplicates: [], rejected: [{ eventId: events[1]!.eventId, reason: 'invalid-payload' }] });
    const client = sync();
    expect(await client.drain()).toMatchObject({ ok: true, value: { acked: 2, rejected: 1 } });
    expect(client.status()).toMatchObject({ depth: 0, rejected: 1 });
    expect(recentRejections(db)).toEqual([{ eventId: expect.any(String), seq: 2, reason: 'invalid-payload', rejectedAt: clock.now() }]);
    append(1);
    office.script = ackAll;
    await client.drain();
    expect(office.batches.at(-1)!.seqs).toEqual([4]);
  });

  it('counts duplicates as acknowledged (a batch the office already had)', async () => {
    append(2);
    office.script = (events) => ok({ accepted: [], duplicates: events.map((event) => event.eventId), rejected: [] });
    expect(await sync().drain()).toMatchObject({ ok: true, value: { acked: 0, duplicates: 2 } });
    expect(outbox.depth().depth).toBe(0);
  });

  it('backs off when the office acknowledges only part of a batch, keeping the rest', async () => {
    append(3);
    office.script = (events) => ok({ accepted: [events[0]!.eventId], duplicates: [], rejected: [] });
    const result = await sync().drain();
    expect(result).toMatchObject({ ok: false, error: { error: { kind: 'incomplete-ack' } } });
    expect(outbox.unacked(10).map((row) => row.seq)).toEqual([2, 3]);
  });

  it('resumes after a restart where the outbox stands, with its bookkeeping', async () => {
    append(5);
    let calls = 0;
    office.script = (events) => (++calls === 1 ? ackAll(events) : unreachable(events));
    const first = sync();
    await first.drain();
    expect(outbox.depth().depth).toBe(2);
    const lastSuccess = first.status().lastSuccessAt;

    office.script = ackAll;
    const second = sync();
    expect(second.status()).toMatchObject({ lastSuccessAt: lastSuccess, consecutiveFailures: 1 });
    await second.drain();
    expect(office.batches.map((batch) => batch.seqs)).toEqual([[1, 2, 3], [4, 5], [4, 5]]);
    expect(outbox.depth().depth).toBe(0);
  });

  it('reports queue depth and the age of the oldest unsent event', async () => {
    append(2);
    await clock.advance(90_000);
    append(1);
    expect(sync().status()).toMatchObject({ depth: 3, oldestUnsentAgeSeconds: 90 });
  });
});
