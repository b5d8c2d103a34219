import { DEMO_KIOSKS } from '../../central-office/demo';
import { startCentralOffice, type RunningCentralOffice } from '../../central-office/start';
import type { StorageConfig } from '../../central-office/storage/open';
import { FakeClock } from '../../common/clock';
import { createCentralClient } from '../../kiosk/central-client/client';
import { Outbox, openDatabase, type KioskDatabase } from '../../kiosk/store';
import { SyncClient } from '../../kiosk/sync/sync-client';
import { NO_FAULTS, startFaultyLink, type FaultyLink } from './support/faulty-link';
import { STORAGE_KINDS, useStorage } from './support/storages';

/**
 * The central office is down for a simulated day while two kiosks keep issuing (what does not need the office):
 * their queues grow and age, the sync clients back off; when the office is back (restarted on the same storage)
 * the backlogs drain, each kiosk's events arriving in sequence order.
 */
const HOUR = 60 * 60 * 1000;
const EVENTS_PER_HOUR = 25;
const KIOSKS = [DEMO_KIOSKS[0]!, DEMO_KIOSKS[1]!];

type Kiosk = { id: string; db: KioskDatabase; outbox: Outbox; sync: SyncClient };

describe.each(STORAGE_KINDS)('a day without the central office over %s', (kind) => {
  const storage = useStorage(kind);
  let config: StorageConfig;
  let office: RunningCentralOffice;
  let link: FaultyLink;
  let clock: FakeClock;
  let kiosks: Kiosk[];

  beforeEach(async () => {
    clock = new FakeClock(Date.UTC(2026, 10, 24, 15, 0));
    config = await storage.fresh();
    office = await startCentralOffice({ storage: config, kiosks: DEMO_KIOSKS, clock });
    link = await startFaultyLink(office.url, NO_FAULTS);
    kiosks = KIOSKS.map((credential) => {
      const opened = openDatabase(':memory:');
      if (!opened.ok) throw new Error(opened.error.detail);
      const outbox = new Outbox(opened.value, credential.kioskId, () => clock.now());
      const client = createCentralClient({ baseUrl: link.url, keyId: credential.keyId, secret: credential.secret, clock });
      const sync = new SyncClient({ db: opened.value, outbox, sender: client, clock, batchSize: 200, random: () => 0.5 });
      return { id: credential.kioskId, db: opened.value, outbox, sync };
    });
  });
  afterEach(async () => {
    for (const kiosk of kiosks) {
      await kiosk.sync.stop();
      kiosk.db.close();
    }
    await link.close();
    await office.close();
  });

  const settled = () => Promise.all(kiosks.map((kiosk) => kiosk.sync.settled()));
  const issueFor = (kiosk: Kiosk, count: number) => {
    for (let i = 0; i < count; i++) {
      if (i % 3 === 0) kiosk.outbox.append('session.completed', { outcome: 'issued' });
      else kiosk.outbox.append('cash.note-stacked', { value: 1000 });
    }
    kiosk.sync.notify();
  };

  it('queues a day of events, backs off, and drains them in order per kiosk when the office is back', async () => {
    for (const kiosk of kiosks) kiosk.sync.start();
    issueFor(kiosks[0]!, 10);
    issueFor(kiosks[1]!, 10);
    await clock.advance(0);
    await settled();
    expect(await office.office.eventCount()).toBe(20);

    // The office goes down (process stopped; nothing answers) for a whole day of issuing.
    await office.close();
    link.down = true;
    for (let hour = 0; hour < 24; hour++) {
      for (const kiosk of kiosks) issueFor(kiosk, EVENTS_PER_HOUR);
      await clock.advance(HOUR);
      await settled();
    }
    for (const kiosk of kiosks) {
      const status = kiosk.sync.status();
      expect(status.depth).toBe(24 * EVENTS_PER_HOUR);
      expect(status.oldestUnsentAgeSeconds).toBe(24 * 60 * 60);
      expect(status.state).toBe('backing-off');
      expect(status.consecutiveFailures).toBeGreaterThan(5);
      expect(status.lastError).toMatch(/unreachable/);
      expect(kiosk.sync.status().nextAttemptAt! - clock.now()).toBeLessThanOrEqual(5 * 60 * 1000);
    }

    // Back, restarted on the same storage: the backlogs drain at the next attempts.
    office = await startCentralOffice({ storage: config, kiosks: DEMO_KIOSKS, clock });
    link.target = office.url;
    link.down = false;
    for (let steps = 0; kiosks.some((kiosk) => kiosk.sync.status().depth > 0); steps++) {
      if (steps > 50) throw new Error('the backlog did not drain');
      await clock.step();
      await settled();
    }
    for (const kiosk of kiosks) {
      const total = 10 + 24 * EVENTS_PER_HOUR;
      expect(await office.office.eventCount(kiosk.id)).toBe(total);
      const arrival = await office.office.seqsInArrivalOrder(kiosk.id);
      expect(arrival).toEqual(Array.from({ length: total }, (_, index) => index + 1));
      expect(kiosk.sync.status()).toMatchObject({ depth: 0, oldestUnsentAgeSeconds: null, consecutiveFailures: 0, lastError: null, centralProgress: { contiguousSeq: total, maxSeq: total, missing: 0 } });
    }
  }, 60_000);
});
