import type { Clock } from '../common/clock';
import type { Result } from '../common/result';
import type {
  DocumentVerification,
  EventBatchAck,
  Heartbeat,
  HeartbeatAck,
  IdentityVerdict,
  IdentityVerifyRequest,
  IssuanceReport,
  IssuanceReportQuery,
  KioskStatus,
  RecordRefetchRequest,
  RecordRequest,
  RecordResponse,
  RefundVoucherStatus,
} from './contract/api';
import type { Registry } from './population/registry';
import type { CentralStorage } from './storage/open';
import type { ApiFailure } from './service/failure';
import { IdentityService } from './service/identity';
import { ingestEvents } from './service/ingest';
import type { Caller, KeyRing } from './service/kiosks';
import { RecordService } from './service/records';
import { issuanceReport, kioskStatuses, sequenceGaps } from './service/reports';
import { verifyDocument } from './service/verification';
import { claimVoucher, lookupVoucher, type Claimant, type VoucherKey, type VoucherRefusal } from './service/vouchers';

type KioskCaller = Extract<Caller, { role: 'kiosk' }>;

/**
 * The central office without its HTTP skin: what each endpoint does, callable in-process (tests, the CLI's
 * reports). The HTTP layer (http/server.ts) authenticates, validates and calls these.
 */
export class CentralOffice {
  readonly identity: IdentityService;
  private readonly records: RecordService;

  constructor(
    readonly storage: CentralStorage,
    readonly registry: Registry,
    readonly keys: KeyRing,
    private readonly clock: Clock,
    pepper: string,
  ) {
    this.identity = new IdentityService(storage.db, registry, pepper);
    this.records = new RecordService(storage.db, registry, this.identity);
  }

  now(): number {
    return this.clock.now();
  }

  verifyIdentity(kiosk: KioskCaller, request: IdentityVerifyRequest): Promise<Result<IdentityVerdict, ApiFailure>> {
    return this.identity.verify(kiosk.kioskId, request, this.clock.now());
  }

  fetchRecord(kiosk: KioskCaller, request: RecordRequest): Promise<Result<RecordResponse, ApiFailure>> {
    return this.records.fetch(kiosk, request, this.clock.now());
  }

  /** The record reserved earlier under an issuance number, for a print again (POST /v1/records/reserved). */
  fetchReservedRecord(kiosk: KioskCaller, request: RecordRefetchRequest): Promise<Result<RecordResponse, ApiFailure>> {
    return this.records.fetchReserved(kiosk, request);
  }

  ingest(kiosk: KioskCaller, events: readonly unknown[]): Promise<EventBatchAck> {
    return ingestEvents(this.storage.db, kiosk.kioskId, events, this.clock.now());
  }

  async heartbeat(kiosk: KioskCaller, heartbeat: Heartbeat): Promise<HeartbeatAck> {
    const now = this.clock.now();
    await this.storage.db
      .insertInto('heartbeats')
      .values({ kiosk_id: kiosk.kioskId, received_at: now, body: JSON.stringify(heartbeat) })
      .onConflict((conflict) => conflict.column('kiosk_id').doUpdateSet({ received_at: now, body: JSON.stringify(heartbeat) }))
      .execute();
    return { receivedAt: new Date(now).toISOString() };
  }

  verifyDocument(issuanceNumber: string, verificationNumber: string): Promise<DocumentVerification> {
    return verifyDocument(this.storage.db, this.keys, issuanceNumber, verificationNumber);
  }

  report(query: IssuanceReportQuery): Promise<IssuanceReport> {
    return issuanceReport(this.storage.db, query);
  }

  kioskStatuses(): Promise<KioskStatus[]> {
    return kioskStatuses(this.storage.db, this.keys);
  }

  /** A refund voucher and whether it was paid (GET /v1/vouchers/{code}, the operator page's voucher form). */
  lookupVoucher(key: VoucherKey): Promise<Result<RefundVoucherStatus, VoucherRefusal>> {
    return lookupVoucher(this.storage.db, this.keys, key);
  }

  /** Pays a voucher once, recorded with the operator's key id and the office's time (POST /v1/vouchers/{code}/claim). */
  claimVoucher(key: VoucherKey, operator: Claimant): Promise<Result<RefundVoucherStatus, VoucherRefusal>> {
    return claimVoucher(this.storage.db, this.keys, key, operator, this.clock.now());
  }

  // ---- read-outs for tests and the operator CLI --------------------------------------------------------------

  async eventCount(kioskId?: string): Promise<number> {
    let query = this.storage.db.selectFrom('events').select(({ fn }) => fn.countAll<number>().as('n'));
    if (kioskId) query = query.where('kiosk_id', '=', kioskId);
    const row = await query.executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** A kiosk's sequence numbers in the order the office received them. */
  async seqsInArrivalOrder(kioskId: string): Promise<number[]> {
    const rows = await this.storage.db.selectFrom('events').select('seq').where('kiosk_id', '=', kioskId).orderBy('arrival').execute();
    return rows.map((row) => Number(row.seq));
  }

  gaps(kioskId: string): Promise<{ from: number; to: number }[]> {
    return sequenceGaps(this.storage.db, kioskId);
  }

  /** Every table's row count: tests prove that a refused request stored nothing. */
  async rowCounts(): Promise<Record<string, number>> {
    const tables = ['events', 'kiosk_progress', 'issuances', 'identity_attempts', 'identity_tokens', 'heartbeats', 'refund_vouchers', 'voucher_claims'] as const;
    const counts: Record<string, number> = {};
    for (const table of tables) {
      const row = await this.storage.db.selectFrom(table).select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirst();
      counts[table] = Number(row?.n ?? 0);
    }
    return counts;
  }
}
