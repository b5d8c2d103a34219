import { sql, type Kysely } from 'kysely';
import type { IssuanceReport, IssuanceReportQuery, KioskStatus } from '../contract/api';
import { Heartbeat } from '../contract/api';
import type { CentralSchema } from '../storage/schema';
import type { KeyRing } from './kiosks';

/**
 * What operators read: documents issued per day, month or year, per kiosk and per document type, and the money
 * (fees kept, change paid, refunds owed and paid, vouchers claimed at the office). Grouping uses the local date
 * stored with each event (and with each claim) and `substr`, which SQLite and PostgreSQL spell alike.
 */
export async function issuanceReport(db: Kysely<CentralSchema>, query: IssuanceReportQuery): Promise<IssuanceReport> {
  const length = query.period === 'day' ? 10 : query.period === 'month' ? 7 : 4;
  const bucket = sql<string>`substr(local_date, 1, ${sql.lit(length)})`;
  let base = db.selectFrom('events');
  if (query.from) base = base.where('local_date', '>=', query.from);
  if (query.to) base = base.where('local_date', '<=', query.to);
  if (query.kiosk) base = base.where('kiosk_id', '=', query.kiosk);

  const issued = await base
    .select(({ fn }) => [
      bucket.as('bucket'),
      'kiosk_id',
      'document_code',
      fn.countAll<number>().as('issuances'),
      fn.sum<number>('copies').as('copies'),
      fn.sum<number>('pages').as('pages'),
      fn.sum<number>('amount').as('fees'),
    ])
    .where('type', '=', 'document.issued')
    .groupBy([bucket, 'kiosk_id', 'document_code'])
    .orderBy(bucket)
    .orderBy('kiosk_id')
    .orderBy('document_code')
    .execute();

  const money = await base
    .select(({ fn }) => [bucket.as('bucket'), 'kiosk_id', 'type', fn.sum<number>('amount').as('amount')])
    .where('type', 'in', ['cash.note-stacked', 'cash.fee-kept', 'cash.change-paid', 'cash.refund-owed', 'cash.refund-paid'])
    .groupBy([bucket, 'kiosk_id', 'type'])
    .execute();

  // Claims are the office's own records, not kiosk events: bucketed by the day the counter paid the voucher, under
  // the kiosk that printed it.
  const claimBucket = sql<string>`substr(claimed_date, 1, ${sql.lit(length)})`;
  let claimsQuery = db
    .selectFrom('voucher_claims')
    .select(({ fn }) => [claimBucket.as('bucket'), 'kiosk_id', fn.countAll<number>().as('claims'), fn.sum<number>('amount').as('amount')])
    .groupBy([claimBucket, 'kiosk_id']);
  if (query.from) claimsQuery = claimsQuery.where('claimed_date', '>=', query.from);
  if (query.to) claimsQuery = claimsQuery.where('claimed_date', '<=', query.to);
  if (query.kiosk) claimsQuery = claimsQuery.where('kiosk_id', '=', query.kiosk);
  const claims = await claimsQuery.execute();

  const cash = new Map<string, IssuanceReport['cash'][number]>();
  const cashEntry = (bucket: string, kioskId: string) => {
    const key = `${bucket}\u0000${kioskId}`;
    let entry = cash.get(key);
    if (!entry) {
      entry = { bucket, kioskId, notesStacked: 0, feesKept: 0, changePaid: 0, refundsOwed: 0, refundsPaid: 0, refundsClaimed: 0, vouchersClaimed: 0 };
      cash.set(key, entry);
    }
    return entry;
  };
  for (const row of claims) {
    const entry = cashEntry(row.bucket, row.kiosk_id);
    entry.refundsClaimed += Number(row.amount ?? 0);
    entry.vouchersClaimed += Number(row.claims);
  }
  for (const row of money) {
    const entry = cashEntry(row.bucket, row.kiosk_id);
    const amount = Number(row.amount ?? 0);
    if (row.type === 'cash.note-stacked') entry.notesStacked += amount;
    else if (row.type === 'cash.fee-kept') entry.feesKept += amount;
    else if (row.type === 'cash.change-paid') entry.changePaid += amount;
    else if (row.type === 'cash.refund-owed') entry.refundsOwed += amount;
    else if (row.type === 'cash.refund-paid') entry.refundsPaid += amount;
  }
  const issuances = issued.map((row) => ({
    bucket: row.bucket,
    kioskId: row.kiosk_id,
    documentCode: row.document_code ?? '(unknown)',
    issuances: Number(row.issuances),
    copies: Number(row.copies ?? 0),
    pages: Number(row.pages ?? 0),
    fees: Number(row.fees ?? 0),
  }));
  const cashRows = [...cash.values()].sort((a, b) => a.bucket.localeCompare(b.bucket) || a.kioskId.localeCompare(b.kioskId));
  const sum = <T>(rows: readonly T[], pick: (row: T) => number) => rows.reduce((total, row) => total + pick(row), 0);
  return {
    period: query.period,
    from: query.from ?? null,
    to: query.to ?? null,
    issuances,
    cash: cashRows,
    totals: {
      issuances: sum(issuances, (row) => row.issuances),
      copies: sum(issuances, (row) => row.copies),
      fees: sum(issuances, (row) => row.fees),
      changePaid: sum(cashRows, (row) => row.changePaid),
      refundsOwed: sum(cashRows, (row) => row.refundsOwed),
      refundsPaid: sum(cashRows, (row) => row.refundsPaid),
      refundsClaimed: sum(cashRows, (row) => row.refundsClaimed),
      vouchersClaimed: sum(cashRows, (row) => row.vouchersClaimed),
    },
  };
}

const MAX_GAPS_LISTED = 100;

/** Gaps in a kiosk's sequence numbers, found with a window function both engines support. */
export async function sequenceGaps(db: Kysely<CentralSchema>, kioskId: string): Promise<{ from: number; to: number }[]> {
  const result = await sql<{ gap_from: number; gap_to: number }>`
    SELECT prev + 1 AS gap_from, seq - 1 AS gap_to
    FROM (SELECT seq, LAG(seq, 1, 0) OVER (ORDER BY seq) AS prev FROM events WHERE kiosk_id = ${kioskId}) AS ordered
    WHERE seq - prev > 1
    ORDER BY seq
    LIMIT ${MAX_GAPS_LISTED}`.execute(db);
  return result.rows.map((row) => ({ from: Number(row.gap_from), to: Number(row.gap_to) }));
}

export async function kioskStatuses(db: Kysely<CentralSchema>, keys: KeyRing): Promise<KioskStatus[]> {
  const statuses: KioskStatus[] = [];
  for (const kiosk of keys.kiosks) {
    const progress = await db.selectFrom('kiosk_progress').selectAll().where('kiosk_id', '=', kiosk.kioskId).executeTakeFirst();
    const heartbeat = await db.selectFrom('heartbeats').selectAll().where('kiosk_id', '=', kiosk.kioskId).executeTakeFirst();
    const parsed = heartbeat ? Heartbeat.safeParse(JSON.parse(heartbeat.body)) : null;
    statuses.push({
      kioskId: kiosk.kioskId,
      name: kiosk.name,
      lastHeartbeatAt: heartbeat ? new Date(Number(heartbeat.received_at)).toISOString() : null,
      heartbeat: parsed?.success ? parsed.data : null,
      events: {
        received: Number(progress?.event_count ?? 0),
        contiguousSeq: Number(progress?.contiguous_seq ?? 0),
        maxSeq: Number(progress?.max_seq ?? 0),
        gaps: progress ? await sequenceGaps(db, kiosk.kioskId) : [],
      },
    });
  }
  return statuses;
}
