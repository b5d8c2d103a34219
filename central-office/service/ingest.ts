import { CompiledQuery, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { EventBatchAck } from '../contract/api';
import { EventPayloads, IssuanceEvent, type EventPayload, type EventType } from '../contract/events';
import type { CentralSchema, EventsTable, RefundVouchersTable } from '../storage/schema';
import { localDate } from './time';

/**
 * Issuance-log ingest. Idempotent by event id: a re-sent batch (the ack was lost, the link duplicated the request,
 * the kiosk restarted mid-send) is acknowledged again and never stored twice, because each event goes in with
 * `INSERT … ON CONFLICT DO NOTHING` and what was not inserted is looked up. Out-of-order batches are fine: the
 * per-kiosk sequence numbers tell the office which seqs it holds, and `contiguous_seq` only advances over seqs that
 * have arrived, so a gap stays visible until it is filled.
 *
 * One batch is one transaction. It starts by upserting the kiosk's progress row, which (on PostgreSQL) locks it, so
 * that two batches of the same kiosk are applied one after the other and arrival numbers are in order. A
 * `cash.refund-owed` event stored for the first time also records its voucher (`refund_vouchers`) in that
 * transaction, for the office counter to look up and claim (service/vouchers.ts).
 */
export const MAX_EVENTS_PER_BATCH = 1000;

type EventRow = Insertable<EventsTable>;

export async function ingestEvents(db: Kysely<CentralSchema>, kioskId: string, rawEvents: readonly unknown[], now: number): Promise<EventBatchAck> {
  const rejected: { eventId: string; reason: string }[] = [];
  const duplicates: string[] = [];
  const rows: EventRow[] = [];
  const vouchers = new Map<string, Insertable<RefundVouchersTable>>();
  const seen = new Set<string>();
  for (const raw of rawEvents) {
    const parsed = IssuanceEvent.safeParse(raw);
    if (!parsed.success) {
      rejected.push({ eventId: eventIdOf(raw), reason: `invalid event: ${summarise(parsed.error.issues)}` });
      continue;
    }
    const event = parsed.data;
    if (event.kioskId !== kioskId) {
      rejected.push({ eventId: event.eventId, reason: `kiosk-mismatch: the event names ${event.kioskId}, the signature ${kioskId}` });
      continue;
    }
    const payload = EventPayloads[event.type].safeParse(event.payload);
    if (!payload.success) {
      rejected.push({ eventId: event.eventId, reason: `invalid-payload for ${event.type}: ${summarise(payload.error.issues)}` });
      continue;
    }
    if (seen.has(event.eventId)) {
      duplicates.push(event.eventId);
      continue;
    }
    seen.add(event.eventId);
    const occurredAt = Date.parse(event.occurredAt);
    rows.push({
      event_id: event.eventId,
      kiosk_id: kioskId,
      seq: event.seq,
      type: event.type,
      occurred_at: occurredAt,
      local_date: localDate(occurredAt),
      session_id: event.sessionId,
      payload: JSON.stringify(payload.data),
      ...reportColumns(event.type, payload.data as Record<string, unknown>),
      received_at: now,
      arrival: 0,
    });
    if (event.type === 'cash.refund-owed') {
      const owed = payload.data as EventPayload<'cash.refund-owed'>;
      vouchers.set(event.eventId, {
        kiosk_id: kioskId,
        voucher_code: owed.voucherCode,
        event_id: event.eventId,
        amount: owed.amount,
        reason: owed.reason,
        session_id: event.sessionId,
        issued_at: occurredAt,
        issued_date: localDate(occurredAt),
      });
    }
  }
  if (rows.length === 0) return { accepted: [], duplicates, rejected };

  return db.transaction().execute(async (trx) => {
    const progress = await trx
      .insertInto('kiosk_progress')
      .values({ kiosk_id: kioskId, contiguous_seq: 0, max_seq: 0, event_count: 0, arrivals: 0, updated_at: now })
      .onConflict((conflict) => conflict.column('kiosk_id').doUpdateSet({ updated_at: now }))
      .returning(['contiguous_seq', 'max_seq', 'event_count', 'arrivals'])
      .executeTakeFirstOrThrow();
    const arrivals = Number(progress.arrivals);
    rows.forEach((row, index) => (row.arrival = arrivals + index + 1));

    const inserted = await insertEvents(db, trx, rows);
    const insertedIds = new Set(inserted.map((row) => row.event_id));
    const insertedRows = rows.filter((row) => insertedIds.has(row.event_id));
    const notInserted = rows.filter((row) => !insertedIds.has(row.event_id));
    if (notInserted.length > 0) {
      const existing = await trx
        .selectFrom('events')
        .select('event_id')
        .where(
          'event_id',
          'in',
          notInserted.map((row) => row.event_id),
        )
        .execute();
      const existingIds = new Set(existing.map((row) => row.event_id));
      for (const row of notInserted) {
        if (existingIds.has(row.event_id)) duplicates.push(row.event_id);
        // The kiosk re-used a sequence number for another event (a restored database?): keep both visible.
        else rejected.push({ eventId: row.event_id, reason: `seq-already-used: ${kioskId} seq ${row.seq} already holds another event` });
      }
    }

    // Only vouchers of events stored now: a re-sent batch brings none twice, and a voucher is claimable once it
    // is acknowledged. DO NOTHING also keeps the first voucher if a kiosk ever re-used a code under a new event.
    const newVouchers = insertedRows.flatMap((row) => vouchers.get(row.event_id) ?? []);
    if (newVouchers.length > 0) {
      await trx
        .insertInto('refund_vouchers')
        .values(newVouchers)
        .onConflict((conflict) => conflict.columns(['kiosk_id', 'voucher_code']).doNothing())
        .execute();
    }

    const previousMax = Number(progress.max_seq);
    const maxSeq = Math.max(previousMax, ...insertedRows.map((row) => row.seq));
    const contiguous = advanceContiguous(Number(progress.contiguous_seq), previousMax, insertedRows);
    const walked = contiguous.complete ? contiguous.seq : await walkContiguous(trx, kioskId, contiguous.seq);
    const eventCount = Number(progress.event_count) + insertedRows.length;
    await trx
      .updateTable('kiosk_progress')
      .set({ contiguous_seq: walked, max_seq: maxSeq, event_count: eventCount, arrivals: arrivals + rows.length, updated_at: now })
      .where('kiosk_id', '=', kioskId)
      .execute();
    return {
      accepted: insertedRows.map((row) => row.event_id),
      duplicates,
      rejected,
      progress: { contiguousSeq: walked, maxSeq, missing: Math.max(0, maxSeq - eventCount) },
    };
  });
}

const WALK_CHUNK = 2000;

/** Column order of the cached insert; every row is built with exactly these keys in this order. */
const EVENT_COLUMNS = [
  'event_id',
  'kiosk_id',
  'seq',
  'type',
  'occurred_at',
  'local_date',
  'session_id',
  'payload',
  'document_code',
  'issuance_number',
  'amount',
  'copies',
  'pages',
  'received_at',
  'arrival',
] as const satisfies readonly (keyof EventRow)[];
const INSERT_CACHE_SIZE = 32;
const insertSql = new WeakMap<Kysely<CentralSchema>, Map<number, string>>();

/**
 * One multi-row `INSERT … ON CONFLICT DO NOTHING RETURNING event_id` per batch. Building a 1,000-row insert with the
 * query builder costs tens of milliseconds, so its SQL (which depends only on the row count and the dialect) is
 * built once per size by kysely itself and reused with fresh parameters: the query-builder equivalent of a
 * prepared statement, identical on SQLite and PostgreSQL.
 */
async function insertEvents(db: Kysely<CentralSchema>, trx: Transaction<CentralSchema>, rows: readonly EventRow[]): Promise<{ event_id: string }[]> {
  let cache = insertSql.get(db);
  if (!cache) {
    cache = new Map();
    insertSql.set(db, cache);
  }
  const parameters: unknown[] = [];
  for (const row of rows) for (const column of EVENT_COLUMNS) parameters.push(row[column] ?? null);
  let text = cache.get(rows.length);
  if (!text) {
    const ordered = rows.map((row) => Object.fromEntries(EVENT_COLUMNS.map((column) => [column, row[column] ?? null])) as EventRow);
    const compiled = trx.insertInto('events').values(ordered).onConflict((conflict) => conflict.doNothing()).returning('event_id').compile();
    if (compiled.parameters.length !== parameters.length || compiled.parameters.some((value, index) => value !== parameters[index])) {
      throw new Error('the cached event insert would bind parameters in another order than kysely');
    }
    text = compiled.sql;
    if (cache.size >= INSERT_CACHE_SIZE) cache.delete(cache.keys().next().value as number);
    cache.set(rows.length, text);
  }
  const result = await trx.executeQuery<{ event_id: string }>(CompiledQuery.raw(text, parameters));
  return result.rows;
}

/**
 * The contiguous mark after this batch, from the batch alone when it can be known: the batch's own seqs continue
 * the mark, and no seq above them had arrived earlier. Otherwise (a gap filled) the database is walked.
 */
function advanceContiguous(contiguous: number, previousMax: number, inserted: readonly EventRow[]): { seq: number; complete: boolean } {
  const seqs = inserted.map((row) => row.seq).sort((a, b) => a - b);
  let mark = contiguous;
  for (const seq of seqs) {
    if (seq === mark + 1) mark = seq;
    else if (seq > mark + 1) break;
  }
  if (mark === contiguous) return { seq: contiguous, complete: true };
  return { seq: mark, complete: previousMax <= mark };
}

async function walkContiguous(trx: Transaction<CentralSchema>, kioskId: string, from: number): Promise<number> {
  let contiguous = from;
  for (;;) {
    const seqs = await trx
      .selectFrom('events')
      .select('seq')
      .where('kiosk_id', '=', kioskId)
      .where('seq', '>', contiguous)
      .orderBy('seq')
      .limit(WALK_CHUNK)
      .execute();
    let advanced = 0;
    for (const { seq } of seqs) {
      if (Number(seq) !== contiguous + 1) break;
      contiguous++;
      advanced++;
    }
    if (advanced < WALK_CHUNK) return contiguous;
  }
}

/** Amounts and counts copied out of the payload so that reports are plain SQL sums over columns. */
function reportColumns(type: EventType, payload: Record<string, unknown>): Pick<EventRow, 'document_code' | 'issuance_number' | 'amount' | 'copies' | 'pages'> {
  const num = (key: string) => (typeof payload[key] === 'number' ? (payload[key] as number) : null);
  const str = (key: string) => (typeof payload[key] === 'string' ? (payload[key] as string) : null);
  switch (type) {
    case 'document.issued':
      return { document_code: str('documentCode'), issuance_number: str('issuanceNumber'), amount: num('fee'), copies: num('copies'), pages: num('pages') };
    case 'document.failed':
      return { document_code: str('documentCode'), issuance_number: str('issuanceNumber'), amount: null, copies: null, pages: num('pagesPrinted') };
    case 'cash.note-stacked':
    case 'cash.note-returned':
    case 'cash.note-jammed':
      return { document_code: null, issuance_number: null, amount: num('value'), copies: null, pages: null };
    case 'cash.change-paid':
    case 'cash.refund-owed':
    case 'cash.refund-paid':
    case 'cash.fee-kept':
      return { document_code: null, issuance_number: null, amount: num('amount'), copies: null, pages: null };
    case 'cash.box-collected':
      return { document_code: null, issuance_number: null, amount: num('total'), copies: null, pages: null };
    case 'cash.hopper-refilled': {
      const value = num('coinValue');
      const coins = num('coins');
      return { document_code: null, issuance_number: null, amount: value !== null && coins !== null ? value * coins : null, copies: null, pages: null };
    }
    case 'paper.refilled':
      return { document_code: null, issuance_number: null, amount: null, copies: null, pages: num('sheets') };
    case 'document.released':
      return { document_code: str('documentCode'), issuance_number: str('issuanceNumber'), amount: null, copies: null, pages: null };
    case 'device.fault':
    case 'device.recovered':
    case 'session.completed':
    case 'day.closed':
      return { document_code: null, issuance_number: null, amount: null, copies: null, pages: null };
  }
}

function eventIdOf(raw: unknown): string {
  if (raw !== null && typeof raw === 'object' && typeof (raw as { eventId?: unknown }).eventId === 'string') {
    return (raw as { eventId: string }).eventId;
  }
  return '(no event id)';
}

function summarise(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || '(event)'}: ${issue.message}`)
    .join('; ');
}
