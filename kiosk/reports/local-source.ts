import { localTime } from '../../catalog/availability';
import { epochOfLocal } from '../../catalog/opening';
import {
  addDays,
  DOWNTIME_LOOKBACK_MS,
  type DateRange,
  type DeviceEvent,
  type IssuanceAggregate,
  type MoneyAggregate,
  type OperationsSource,
  type PaperAggregate,
} from '../../central-office/contract/operations-report';
import type { KioskDatabase } from '../store/database';

/**
 * The kiosk's own figures, read from its outbox: every issuance-log event stays there after the central office has
 * acknowledged it (only `acked_at` is set), so the kiosk can report without the office — the same events the office
 * ingests, counted the same way (central-office/contract/operations-report.ts).
 */
const LOCAL_DATE_FUNCTION = 'kiosk_local_date';
const HOUR_MS = 3_600_000;

/** Registers `kiosk_local_date(ms)` on the connection: the local calendar date of an event in the kiosk's time zone. */
export function registerLocalDate(db: KioskDatabase, timeZone: string): void {
  // Dates change on the hour in every time zone that matters here; caching per hour keeps a month's scan cheap.
  const cache = new Map<number, string>();
  db.function(LOCAL_DATE_FUNCTION, { deterministic: true }, (ms: unknown) => {
    const hour = Math.floor(Number(ms) / HOUR_MS);
    let date = cache.get(hour);
    if (date === undefined) {
      date = localTime(hour * HOUR_MS, timeZone).date;
      cache.set(hour, date);
    }
    return date;
  });
}

export class KioskOperationsSource implements OperationsSource {
  readonly kind = 'kiosk' as const;

  constructor(
    private readonly db: KioskDatabase,
    private readonly kioskId: string,
    readonly timeZone: string,
  ) {
    registerLocalDate(db, timeZone);
  }

  startOfDay(date: string): number {
    return epochOfLocal(this.timeZone, date, 0);
  }

  private bounds(range: DateRange): [number, number] {
    return [this.startOfDay(range.from), this.startOfDay(addDays(range.to, 1))];
  }

  /** This database holds one kiosk: another kiosk's figures are the central office's. */
  private foreign(kiosk: string | undefined): boolean {
    return kiosk !== undefined && kiosk !== this.kioskId;
  }

  async issuances(range: DateRange, bucket: 'day' | 'month', kiosk: string | undefined): Promise<IssuanceAggregate[]> {
    if (this.foreign(kiosk)) return [];
    const [from, to] = this.bounds(range);
    const bucketSql = bucket === 'day' ? `${LOCAL_DATE_FUNCTION}(occurred_at)` : `substr(${LOCAL_DATE_FUNCTION}(occurred_at), 1, 7)`;
    const rows = this.db
      .prepare(
        `SELECT ${bucketSql} AS bucket, json_extract(payload, '$.documentCode') AS code, count(*) AS issuances,
                coalesce(sum(json_extract(payload, '$.copies')), 0) AS copies, coalesce(sum(json_extract(payload, '$.pages')), 0) AS pages,
                coalesce(sum(json_extract(payload, '$.fee')), 0) AS fees
         FROM outbox WHERE type = 'document.issued' AND occurred_at >= ? AND occurred_at < ?
         GROUP BY bucket, code ORDER BY bucket, code`,
      )
      .all(from, to) as { bucket: string; code: string; issuances: number; copies: number; pages: number; fees: number }[];
    return rows.map((row) => ({ bucket: row.bucket, kioskId: this.kioskId, documentCode: row.code, issuances: row.issuances, copies: row.copies, pages: row.pages, fees: row.fees }));
  }

  async money(range: DateRange, kiosk: string | undefined): Promise<MoneyAggregate> {
    // Vouchers are paid at the district office counter and recorded by the central office, which tells the kiosk
    // nothing back: the kiosk cannot know what was claimed, so it says "not known" (null), never 0.
    const unknownClaims = { refundsClaimed: null, vouchersClaimed: null };
    const zero = { notesIn: 0, feesKept: 0, changePaid: 0, refundsPaidInCoins: 0, refundsOwed: 0, ...unknownClaims };
    if (this.foreign(kiosk)) return zero;
    const [from, to] = this.bounds(range);
    const row = this.db
      .prepare(
        `SELECT
           coalesce(sum(CASE WHEN type = 'cash.note-stacked' THEN json_extract(payload, '$.value') END), 0) AS notesIn,
           coalesce(sum(CASE WHEN type = 'cash.fee-kept' THEN json_extract(payload, '$.amount') END), 0) AS feesKept,
           coalesce(sum(CASE WHEN type = 'cash.change-paid' THEN json_extract(payload, '$.amount') END), 0) AS changePaid,
           coalesce(sum(CASE WHEN type = 'cash.refund-paid' AND json_extract(payload, '$.method') = 'coins' THEN json_extract(payload, '$.amount') END), 0) AS refundsPaidInCoins,
           coalesce(sum(CASE WHEN type = 'cash.refund-owed' THEN json_extract(payload, '$.amount') END), 0) AS refundsOwed
         FROM outbox WHERE type LIKE 'cash.%' AND occurred_at >= ? AND occurred_at < ?`,
      )
      .get(from, to) as Omit<MoneyAggregate, keyof typeof unknownClaims> | undefined;
    return row ? { ...row, ...unknownClaims } : zero;
  }

  async paper(range: DateRange, kiosk: string | undefined): Promise<PaperAggregate> {
    const zero = { a4SheetsIssued: 0, a4SheetsSpoiled: 0, documentsFailed: 0, a4SheetsLoaded: 0, receiptRollsLoaded: 0 };
    if (this.foreign(kiosk)) return zero;
    const [from, to] = this.bounds(range);
    const row = this.db
      .prepare(
        `SELECT
           coalesce(sum(CASE WHEN type = 'document.issued' THEN json_extract(payload, '$.pages') END), 0) AS a4SheetsIssued,
           coalesce(sum(CASE WHEN type = 'document.failed' THEN json_extract(payload, '$.pagesPrinted') END), 0) AS a4SheetsSpoiled,
           coalesce(sum(CASE WHEN type = 'document.failed' THEN 1 END), 0) AS documentsFailed,
           coalesce(sum(CASE WHEN type = 'paper.refilled' AND json_extract(payload, '$.printer') = 'a4' THEN json_extract(payload, '$.sheets') END), 0) AS a4SheetsLoaded,
           coalesce(sum(CASE WHEN type = 'paper.refilled' AND json_extract(payload, '$.printer') = 'receipt' THEN 1 END), 0) AS receiptRollsLoaded
         FROM outbox WHERE type IN ('document.issued', 'document.failed', 'paper.refilled') AND occurred_at >= ? AND occurred_at < ?`,
      )
      .get(from, to) as PaperAggregate | undefined;
    return row ?? zero;
  }

  async deviceEvents(from: number, to: number, kiosk: string | undefined): Promise<DeviceEvent[]> {
    if (this.foreign(kiosk)) return [];
    const rows = this.db
      .prepare(
        `SELECT type, occurred_at AS at, json_extract(payload, '$.device') AS device, json_extract(payload, '$.code') AS code
         FROM outbox WHERE type IN ('device.fault', 'device.recovered') AND occurred_at >= ? AND occurred_at < ? ORDER BY occurred_at, seq`,
      )
      .all(from - DOWNTIME_LOOKBACK_MS, to) as { type: string; at: number; device: string; code: string | null }[];
    return rows.map((row) => ({ kioskId: this.kioskId, device: row.device, type: row.type === 'device.fault' ? 'fault' : 'recovered', code: row.code, at: row.at }));
  }

  async kioskIds(kiosk: string | undefined): Promise<string[]> {
    return this.foreign(kiosk) ? [] : [this.kioskId];
  }
}
