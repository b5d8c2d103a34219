/**
 * The central office's tables, as kysely sees them. The same schema and the same queries serve SQLite (one district,
 * embedded) and PostgreSQL (a country). Times are milliseconds since the epoch in `bigint` columns; JSON is stored
 * as text so that both engines treat it alike. Operational tables hold no resident numbers: identity attempts are
 * keyed by a one-way digest, tokens by their digest and a person id of the registry.
 */
export interface EventsTable {
  event_id: string;
  kiosk_id: string;
  seq: number;
  type: string;
  occurred_at: number;
  /** Asia/Seoul calendar date of `occurred_at`, so that reports group by local day in portable SQL. */
  local_date: string;
  session_id: string | null;
  payload: string;
  /** Denormalised from the payload for reports: document code, amount in won, copies, pages. */
  document_code: string | null;
  /** The issuance number of a `document.issued` / `document.failed` event (what document verification looks up). */
  issuance_number: string | null;
  amount: number | null;
  copies: number | null;
  pages: number | null;
  received_at: number;
  /** Per-kiosk arrival order at the central office (proves in-order draining). */
  arrival: number;
}

export interface KioskProgressTable {
  kiosk_id: string;
  /** Every seq up to this one has arrived. */
  contiguous_seq: number;
  max_seq: number;
  event_count: number;
  arrivals: number;
  updated_at: number;
}

export interface IssuancesTable {
  issuance_number: string;
  verification_number: string;
  kiosk_id: string;
  document_code: string;
  reserved_at: number;
  /** The registry's person id the record was built for (identity documents); null for public records. */
  subject_id: string | null;
  /** The resolved options of the reservation (JSON), so that a record fetched again is the same record. */
  options: string | null;
}

export interface IssuanceCountersTable {
  /** `YYYYMMDD`, local date. */
  day: string;
  last: number;
}

export interface IdentityAttemptsTable {
  attempt_id: string;
  /** SHA-256 of the resident number with the office's pepper: limits without keeping the number here. */
  subject_digest: string;
  kiosk_id: string;
  at: number;
  outcome: string;
}

export interface IdentityTokensTable {
  token_digest: string;
  person_id: string;
  kiosk_id: string;
  /** JSON array of document codes the token may fetch. */
  document_codes: string;
  expires_at: number;
  created_at: number;
}

export interface HeartbeatsTable {
  kiosk_id: string;
  received_at: number;
  body: string;
}

/**
 * Refund vouchers the kiosks printed, one per `cash.refund-owed` event, written by the ingest in the event's
 * transaction (and back-filled from the events by migration 006). Keyed by kiosk and code: codes are random per
 * kiosk, not across kiosks.
 */
export interface RefundVouchersTable {
  kiosk_id: string;
  voucher_code: string;
  /** The `cash.refund-owed` event that brought it. */
  event_id: string;
  amount: number;
  reason: string;
  session_id: string | null;
  issued_at: number;
  /** Asia/Seoul date of `issued_at`. */
  issued_date: string;
}

/**
 * Vouchers paid at an office counter: at most one row per voucher (the primary key is what refuses a second claim,
 * also when two clerks press the button at once). The amount is copied from the voucher so that reports sum claims
 * without a join; `claimed_by` is the operator key id.
 */
export interface VoucherClaimsTable {
  kiosk_id: string;
  voucher_code: string;
  amount: number;
  claimed_at: number;
  /** Asia/Seoul date of `claimed_at`: reports count a claim on the day the office paid it. */
  claimed_date: string;
  claimed_by: string;
  /** The operator's name as configured at the time (key ids may be re-issued; the name is what a person reads). */
  claimed_by_name: string;
}

export interface CentralSchema {
  events: EventsTable;
  kiosk_progress: KioskProgressTable;
  issuances: IssuancesTable;
  issuance_counters: IssuanceCountersTable;
  identity_attempts: IdentityAttemptsTable;
  identity_tokens: IdentityTokensTable;
  heartbeats: HeartbeatsTable;
  refund_vouchers: RefundVouchersTable;
  voucher_claims: VoucherClaimsTable;
}
