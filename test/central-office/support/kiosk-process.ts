import { openDatabase, Outbox } from '../../../kiosk/store';
import { createCentralClient } from '../../../kiosk/central-client/client';
import { SyncClient } from '../../../kiosk/sync/sync-client';
import { systemClock } from '../../../common/clock';
import { SeededRandom } from '../../../central-office/population/random';

/**
 * The kiosk side as a separate process, so that a test can kill it with SIGKILL at any point: it appends issuance
 * events to its outbox (each append its own transaction, as the journal steps would) until the outbox holds
 * `total`, while the sync client ships them; it exits 0 once every event is acknowledged. Restarted, it carries on
 * from what its database holds.
 *
 * Arguments: dbFile centralUrl keyId secret kioskId total seed
 */
const [dbFile, url, keyId, secret, kioskId, totalText, seed] = process.argv.slice(2);
if (!dbFile || !url || !keyId || !secret || !kioskId || !totalText || !seed) {
  console.error('usage: kiosk-process <db> <url> <keyId> <secret> <kioskId> <total> <seed>');
  process.exit(2);
}
const total = Number(totalText);
const opened = openDatabase(dbFile);
if (!opened.ok) {
  console.error(`cannot open ${dbFile}: ${opened.error.detail}`);
  process.exit(3);
}
const db = opened.value;
const outbox = new Outbox(db, kioskId, () => Date.now());
const client = createCentralClient({ baseUrl: url, keyId, secret, timeoutMs: 400 });
const sync = new SyncClient({ db, outbox, sender: client, clock: systemClock, batchSize: 40, backoff: { initialMs: 10, maxMs: 200 }, idlePollMs: 20 });
const rng = new SeededRandom(`${seed}:${process.pid}`);
const count = () => (db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

sync.start();
console.log(JSON.stringify({ ready: true, have: count() }));
let session = 0;
for (let have = count(); have < total; have = count()) {
  const n = Math.min(total - have, rng.int(1, 8));
  db.transaction(() => {
    session++;
    const sessionId = `S-${process.pid}-${session}`;
    for (let i = 0; i < n; i++) {
      if (i % 2 === 0) outbox.append('cash.note-stacked', { value: 1000 }, sessionId);
      else outbox.append('cash.change-paid', { amount: 300, coins: { '100': 3 } }, sessionId);
    }
  })();
  sync.notify();
  await pause(rng.int(0, 12));
}
while (outbox.depth().depth > 0) await pause(20);
await sync.stop();
console.log(JSON.stringify({ done: true, total: count() }));
db.close();
process.exit(0);
