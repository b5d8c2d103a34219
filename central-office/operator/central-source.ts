import { sql, type Kysely } from 'kysely';
import { epochOfLocal } from '../../catalog/opening';
import {
  DOWNTIME_LOOKBACK_MS,
  type DateRange,
  type DeviceEvent,
  type IssuanceAggregate,
  type MoneyAggregate,
  type OperationsSource,
  type PaperAggregate,
} from '../contract/operations-report';
import type { KeyRing } from '../service/kiosks';
import type { CentralSchema } from '../storage/schema';

/**
 * The operators' figures across kiosks, from the events the office ingested. The events table keeps each event's
 * Asia/Seoul date (`local_date`) and the amounts, copies and pages copied out of the payload, so grouping is plain
 * SQL that SQLite and PostgreSQL spell alike; only the few refund, paper and device rows are read one by one.
 * Refunds claimed come from the office's own claims (`voucher_claims`, by the day of the claim).
 */
export const CENTRAL_TIME_ZONE = 'Asia/Seoul';

const num = (value: unknown) => Number(value ?? 0);

function payloadOf(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export class CentralOperationsSource implements OperationsSource {
  readonly kind = 'central-office' as const;
  readonly timeZone = CENTRAL_TIME_ZONE;

  constructor(
    private readonly db: Kysely<CentralSchema>,
    private readonly keys: KeyRing,
  ) {}

  startOfDay(date: string): number {
    return epochOfLocal(this.timeZone, date, 0);
  }

  private events(range: DateRange, kiosk: string | undefined) {
    let query = this.db.selectFrom('events').where('local_date', '>=', range.from).where('local_date', '<=', range.to);
    if (kiosk) query = query.where('kiosk_id', '=', kiosk);
    return query;
  }

  async issuances(range: DateRange, bucket: 'day' | 'month', kiosk: string | undefined): Promise<IssuanceAggregate[]> {
    const bucketSql = sql<string>`substr(local_date, 1, ${sql.lit(bucket === 'day' ? 10 : 7)})`;
    const rows = await this.events(range, kiosk)
      .select(({ fn }) => [
        bucketSql.as('bucket'),
        'kiosk_id',
        'document_code',
        fn.countAll<number>().as('issuances'),
        fn.sum<number>('copies').as('copies'),
        fn.sum<number>('pages').as('pages'),
        fn.sum<number>('amount').as('fees'),
      ])
      .where('type', '=', 'document.issued')
      .groupBy([bucketSql, 'kiosk_id', 'document_code'])
      .execute();
    return rows.map((row) => ({
      bucket: row.bucket,
      kioskId: row.kiosk_id,
      documentCode: row.document_code ?? '(unknown)',
      issuances: num(row.issuances),
      copies: num(row.copies),
      pages: num(row.pages),
      fees: num(row.fees),
    }));
  }

  async money(range: DateRange, kiosk: string | undefined): Promise<MoneyAggregate> {
    const sums = await this.events(range, kiosk)
      .select(({ fn }) => ['type', fn.sum<number>('amount').as('amount')])
      .where('type', 'in', ['cash.note-stacked', 'cash.fee-kept', 'cash.change-paid', 'cash.refund-owed'])
      .groupBy('type')
      .execute();
    const total = (type: string) => num(sums.find((row) => row.type === type)?.amount);
    const refunds = await this.events(range, kiosk).select(['amount', 'payload']).where('type', '=', 'cash.refund-paid').execute();
    let refundsPaidInCoins = 0;
    for (const row of refunds) {
      // Vouchers are paid at the office, recorded as claims below; a kiosk only ever pays refunds in coins.
      if (payloadOf(row.payload).method !== 'voucher-claimed') refundsPaidInCoins += num(row.amount);
    }
    let claims = this.db
      .selectFrom('voucher_claims')
      .select(({ fn }) => [fn.countAll<number>().as('n'), fn.sum<number>('amount').as('amount')])
      .where('claimed_date', '>=', range.from)
      .where('claimed_date', '<=', range.to);
    if (kiosk) claims = claims.where('kiosk_id', '=', kiosk);
    const claimed = await claims.executeTakeFirst();
    return {
      notesIn: total('cash.note-stacked'),
      feesKept: total('cash.fee-kept'),
      changePaid: total('cash.change-paid'),
      refundsPaidInCoins,
      refundsOwed: total('cash.refund-owed'),
      refundsClaimed: num(claimed?.amount),
      vouchersClaimed: num(claimed?.n),
    };
  }

  async paper(range: DateRange, kiosk: string | undefined): Promise<PaperAggregate> {
    const sums = await this.events(range, kiosk)
      .select(({ fn }) => ['type', fn.countAll<number>().as('n'), fn.sum<number>('pages').as('pages')])
      .where('type', 'in', ['document.issued', 'document.failed'])
      .groupBy('type')
      .execute();
    const of = (type: string) => sums.find((row) => row.type === type);
    const refills = await this.events(range, kiosk).select(['pages', 'payload']).where('type', '=', 'paper.refilled').execute();
    let a4SheetsLoaded = 0;
    let receiptRollsLoaded = 0;
    for (const row of refills) {
      if (payloadOf(row.payload).printer === 'receipt') receiptRollsLoaded += 1;
      else a4SheetsLoaded += num(row.pages);
    }
    return {
      a4SheetsIssued: num(of('document.issued')?.pages),
      a4SheetsSpoiled: num(of('document.failed')?.pages),
      documentsFailed: num(of('document.failed')?.n),
      a4SheetsLoaded,
      receiptRollsLoaded,
    };
  }

  async deviceEvents(from: number, to: number, kiosk: string | undefined): Promise<DeviceEvent[]> {
    let query = this.db
      .selectFrom('events')
      .select(['kiosk_id', 'type', 'occurred_at', 'payload'])
      .where('type', 'in', ['device.fault', 'device.recovered'])
      .where('occurred_at', '>=', from - DOWNTIME_LOOKBACK_MS)
      .where('occurred_at', '<', to);
    if (kiosk) query = query.where('kiosk_id', '=', kiosk);
    const rows = await query.orderBy('occurred_at').orderBy('seq').execute();
    return rows.map((row) => {
      const payload = payloadOf(row.payload);
      return {
        kioskId: row.kiosk_id,
        device: typeof payload.device === 'string' ? payload.device : '(unknown)',
        type: row.type === 'device.fault' ? ('fault' as const) : ('recovered' as const),
        code: typeof payload.code === 'string' ? payload.code : null,
        at: num(row.occurred_at),
      };
    });
  }

  async kioskIds(kiosk: string | undefined): Promise<string[]> {
    if (kiosk) return [kiosk];
    return this.keys.kiosks.map((entry) => entry.kioskId);
  }
}
