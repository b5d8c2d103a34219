import { Journal, Outbox, openDatabase } from '../../kiosk/store';

/**
 * A child process that writes to a kiosk database as fast as it can, the way a busy kiosk journals money: each
 * step is a journal row and its outbox event in one transaction, then a confirmation. It prints the number of
 * committed steps after each commit so that the parent knows what must survive a SIGKILL.
 */
const file = process.argv[2];
if (!file) throw new Error('usage: store-writer <database file>');
const opened = openDatabase(file);
if (!opened.ok) {
  console.error(`cannot open: ${opened.error.kind} ${opened.error.detail}`);
  process.exit(2);
}
const db = opened.value;
const journal = new Journal(db, Date.now);
const outbox = new Outbox(db, 'GJ-HALL-01', Date.now);
const step = db.transaction((n: number) => {
  const id = journal.begin(`crash-${process.pid}`, 'cash.stack', { value: 1000, n });
  outbox.append('cash.note-stacked', { value: 1000 }, `crash-${process.pid}`);
  return id;
});
let committed = db.prepare('SELECT count(*) FROM journal').pluck().get() as number;
for (;;) {
  const id = step(committed);
  journal.confirm(id);
  committed += 1;
  process.stdout.write(`committed ${committed}\n`);
}
