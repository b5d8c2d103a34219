import Database from 'better-sqlite3';
import { closeSync, mkdtempSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MIGRATIONS, openDatabase, Journal, Outbox } from '.';

const fresh = () => path.join(mkdtempSync(path.join(tmpdir(), 'store-')), 'kiosk.sqlite');

describe('the kiosk database', () => {
  it('opens with WAL and synchronous=FULL, and applies the migrations once', () => {
    const file = fresh();
    const first = openDatabase(file);
    if (!first.ok) throw new Error(first.error.detail);
    expect(first.value.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(first.value.pragma('synchronous', { simple: true })).toBe(2);
    const applied = first.value.prepare('SELECT id FROM schema_migrations ORDER BY rowid').pluck().all();
    expect(applied).toEqual(MIGRATIONS.map((migration) => migration.id));
    first.value.close();

    const second = openDatabase(file);
    if (!second.ok) throw new Error(second.error.detail);
    expect(second.value.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(MIGRATIONS.length);
    second.value.close();
  });

  it('refuses a database written by a newer version', () => {
    const file = fresh();
    const db = openDatabase(file);
    if (!db.ok) throw new Error(db.error.detail);
    db.value.prepare("INSERT INTO schema_migrations VALUES ('future/999-hoverboard', 'x')").run();
    db.value.close();
    expect(openDatabase(file)).toMatchObject({ ok: false, error: { kind: 'newer-schema' } });
  });

  it('refuses a file that is not a database, and says so', () => {
    const file = fresh();
    writeFileSync(file, 'this is not an SQLite database, it is a shopping list: 두부, 김치'.repeat(200));
    expect(openDatabase(file)).toMatchObject({ ok: false, error: { kind: 'corrupt' } });
  });

  it('detects a corrupted page at start-up', () => {
    const file = fresh();
    const raw = new Database(file);
    raw.pragma('journal_mode = DELETE');
    raw.exec('CREATE TABLE filler (x TEXT); CREATE INDEX filler_x ON filler (x);');
    const insert = raw.prepare('INSERT INTO filler VALUES (?)');
    raw.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(`row ${i} ${'x'.repeat(50)}`);
    })();
    raw.close();
    // Overwrite the middle of the file (an index page) with garbage, as a failing disk would.
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, 4096 * 20);
    closeSync(fd);
    expect(openDatabase(file)).toMatchObject({ ok: false, error: { kind: 'corrupt' } });
  });
});

describe('journal and outbox', () => {
  const open = () => {
    const db = openDatabase(':memory:');
    if (!db.ok) throw new Error(db.error.detail);
    let now = 1_000;
    return { db: db.value, journal: new Journal(db.value, () => now), outbox: new Outbox(db.value, 'GJ-HALL-01', () => ++now) };
  };

  it('keeps a step pending until it is confirmed, and the event with it in one transaction', () => {
    const { db, journal, outbox } = open();
    const id = db.transaction(() => {
      const step = journal.begin('s1', 'cash.stack', { value: 1000 });
      outbox.append('cash.note-stacked', { value: 1000 }, 's1');
      return step;
    })();
    expect(journal.pending().map((entry) => entry.id)).toEqual([id]);
    journal.confirm(id, { stacked: true });
    expect(journal.pending()).toEqual([]);
    expect(journal.get(id)).toMatchObject({ status: 'confirmed', detail: { value: 1000, stacked: true } });
    expect(outbox.depth()).toEqual({ depth: 1, oldestUnsentAt: 1001 });
  });

  it('rolls back the journal step when the event cannot be written', () => {
    const { db, journal, outbox } = open();
    expect(() =>
      db.transaction(() => {
        journal.begin('s1', 'cash.stack', { value: 1000 });
        outbox.append('cash.note-stacked', { value: -5 } as never, 's1');
      })(),
    ).toThrow();
    expect(journal.pending()).toEqual([]);
    expect(outbox.depth().depth).toBe(0);
  });

  it('numbers events in order and forgets nothing until acknowledged', () => {
    const { outbox } = open();
    outbox.append('device.fault', { device: 'receipt-printer', code: 'paper-end', detail: 'paper end sensor' });
    outbox.append('device.recovered', { device: 'receipt-printer' });
    const rows = outbox.unacked(10);
    expect(rows.map((row) => row.seq)).toEqual([1, 2]);
    expect(outbox.toWire(rows[0]!)).toMatchObject({ kioskId: 'GJ-HALL-01', seq: 1, type: 'device.fault' });
    outbox.markAcked([rows[0]!.eventId]);
    expect(outbox.unacked(10).map((row) => row.seq)).toEqual([2]);
  });

  it('refuses to write a resident number to the journal or the outbox', () => {
    const { journal, outbox } = open();
    expect(() => journal.begin('s1', 'identity', { note: 'citizen 900101-1234567' })).toThrow(/resident number/);
    expect(() =>
      outbox.append('device.fault', { device: 'fingerprint', code: 'x', detail: 'for 9001011234567' }),
    ).toThrow(/resident number/);
    expect(journal.pending()).toEqual([]);
    expect(outbox.depth().depth).toBe(0);
  });
});
