import { z } from 'zod';
import { CertificateRecord } from '../../catalog/records';
import { IssuanceEvent } from './events';

/**
 * The central office's HTTP API as the kiosk sees it: paths, request and response bodies (zod). Both ends import
 * these schemas, so a change here is a change of contract and must be documented in docs/central-office-api.md.
 *
 * Every request is signed per kiosk (HMAC, see auth in central-office/); bodies are JSON; all paths under /v1.
 * Failures the kiosk must handle come back as `{ error: { code, message } }` with a 4xx/5xx status.
 */

export const ApiError = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ApiError = z.infer<typeof ApiError>;

// ---- identity: POST /v1/identity/verify -------------------------------------------------------------------
export const IdentityVerifyRequest = z.object({
  /** The full resident number, only ever in transit (TLS) and only to this endpoint. */
  residentNumber: z.string().regex(/^\d{6}-\d{7}$/),
  /** The fingerprint template uploaded from the reader (R30x character file), base64. */
  template: z.string().min(1),
  /** The documents the citizen asked for, so the token is scoped to them. */
  documentCodes: z.array(z.string()).min(1),
});
export type IdentityVerifyRequest = z.infer<typeof IdentityVerifyRequest>;

export const IdentityVerdict = z.discriminatedUnion('verified', [
  z.object({
    verified: z.literal(true),
    /** Short-lived token that record requests carry. */
    token: z.string(),
    expiresAt: z.string().datetime(),
    /** The citizen's fee entitlements (e.g. basic-livelihood-recipient). */
    entitlements: z.array(z.string()),
    /** The name shown on the confirmation screen ("홍길동 님"), never stored by the kiosk. */
    displayName: z.string(),
  }),
  z.object({
    verified: z.literal(false),
    reason: z.enum(['no-match', 'unknown-resident', 'poor-template', 'locked']),
    /** Attempts left for this resident number before it is locked for the day (0 = use the counter). */
    attemptsLeft: z.number().int().nonnegative(),
  }),
]);
export type IdentityVerdict = z.infer<typeof IdentityVerdict>;

// ---- records: POST /v1/records ----------------------------------------------------------------------------
export const RecordRequest = z.object({
  documentCode: z.string(),
  options: z.record(z.string(), z.union([z.boolean(), z.string(), z.number()])),
  /** Required for identity documents; absent for public records (land, building, registry). */
  token: z.string().optional(),
  copies: z.number().int().positive(),
});
export type RecordRequest = z.infer<typeof RecordRequest>;

export const RecordResponse = z.object({
  record: CertificateRecord,
  /** Reserved for this document: printed on every page and confirmed by the `document.issued` event. */
  issuanceNumber: z.string(),
  verificationNumber: z.string(),
  /** Whether the record belongs to the kiosk's own district (in-district fee). */
  inDistrict: z.boolean(),
});
export type RecordResponse = z.infer<typeof RecordResponse>;

// ---- the same record again: POST /v1/records/reserved --------------------------------------------------------
/**
 * The record reserved earlier under `issuanceNumber` by the calling kiosk, to print it again (the rendered
 * certificate was lost, or the kiosk restarted mid-print). Answered with a `RecordResponse` carrying the same
 * numbers, only while the number is neither issued nor released; no token (the citizen was verified when the
 * number was reserved). `options` must be the options of the reservation.
 */
export const RecordRefetchRequest = z.object({
  documentCode: z.string(),
  issuanceNumber: z.string().min(1).max(40),
  options: z.record(z.string(), z.union([z.boolean(), z.string(), z.number()])),
});
export type RecordRefetchRequest = z.infer<typeof RecordRefetchRequest>;

// ---- issuance-log ingest: POST /v1/events -----------------------------------------------------------------
export const EventBatch = z.object({ events: z.array(IssuanceEvent).min(1).max(1000) });
export type EventBatch = z.infer<typeof EventBatch>;

export const EventBatchAck = z.object({
  /** Newly stored. */
  accepted: z.array(z.string()),
  /** Already stored earlier (a re-sent batch): acknowledged, not counted again. */
  duplicates: z.array(z.string()),
  /** Refused for good (invalid payload); the kiosk keeps them for a technician, never re-sends them blindly. */
  rejected: z.array(z.object({ eventId: z.string(), reason: z.string() })),
  /**
   * The kiosk's sequence as the central office holds it after this batch: every seq up to `contiguousSeq` has
   * arrived; `missing` counts the seqs below `maxSeq` that have not (gaps are visible, never silently closed).
   * Optional so that an older central office's ack still parses.
   */
  progress: z
    .object({
      contiguousSeq: z.number().int().nonnegative(),
      maxSeq: z.number().int().nonnegative(),
      missing: z.number().int().nonnegative(),
    })
    .optional(),
});
export type EventBatchAck = z.infer<typeof EventBatchAck>;

// ---- heartbeat: POST /v1/heartbeat ------------------------------------------------------------------------
export const Heartbeat = z.object({
  softwareVersion: z.string(),
  devices: z.record(z.string(), z.object({ state: z.string(), detail: z.string().optional() })),
  paper: z.object({ a4Sheets: z.number().int().nullable(), receiptLow: z.boolean() }),
  coins: z.record(z.string(), z.number().int()),
  cashBox: z.object({ notes: z.number().int(), total: z.number().int() }),
  queue: z.object({ depth: z.number().int(), oldestUnsentAgeSeconds: z.number().nullable() }),
});
export type Heartbeat = z.infer<typeof Heartbeat>;

export const HeartbeatAck = z.object({ receivedAt: z.string().datetime() });
export type HeartbeatAck = z.infer<typeof HeartbeatAck>;

// ---- document verification: GET /v1/documents/verify?issuance=…&code=… -----------------------------------
/** What a bank clerk's check returns. Public: a verifier is not a kiosk (no signature needed). */
export const DocumentVerification = z.discriminatedUnion('valid', [
  z.object({
    valid: z.literal(true),
    issuanceNumber: z.string(),
    documentCode: z.string(),
    documentName: z.string(),
    issuedAt: z.string().datetime(),
    kioskId: z.string(),
    kioskName: z.string(),
    pages: z.number().int().positive(),
    copies: z.number().int().positive(),
  }),
  z.object({ valid: z.literal(false), reason: z.enum(['unknown', 'mismatch', 'not-issued']) }),
]);
export type DocumentVerification = z.infer<typeof DocumentVerification>;

/**
 * What the QR code on every page carries: enough to call the verification endpoint.
 * `KRDOC1|<issuanceNumber>|<verificationNumber>|<kioskId>`
 */
export const QR_PREFIX = 'KRDOC1';
export function verificationQrText(issuanceNumber: string, verificationNumber: string, kioskId: string): string {
  return [QR_PREFIX, issuanceNumber, verificationNumber, kioskId].join('|');
}
export function parseVerificationQr(text: string): { issuanceNumber: string; verificationNumber: string; kioskId: string } | null {
  const parts = text.split('|');
  if (parts.length !== 4 || parts[0] !== QR_PREFIX) return null;
  const [, issuanceNumber, verificationNumber, kioskId] = parts as [string, string, string, string];
  return { issuanceNumber, verificationNumber, kioskId };
}

// ---- reports (operators): GET /v1/reports/issuances?period=day|month|year&from=…&to=…&kiosk=… ------------
const reportDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const ReportPeriod = z.enum(['day', 'month', 'year']);
export type ReportPeriod = z.infer<typeof ReportPeriod>;

export const IssuanceReportQuery = z.object({
  period: ReportPeriod,
  /** Local dates (Asia/Seoul), inclusive. */
  from: reportDate.optional(),
  to: reportDate.optional(),
  kiosk: z.string().optional(),
});
export type IssuanceReportQuery = z.infer<typeof IssuanceReportQuery>;

export const IssuanceReport = z.object({
  period: ReportPeriod,
  from: reportDate.nullable(),
  to: reportDate.nullable(),
  /** Documents issued per period bucket (`2026-11-25`, `2026-11`, `2026`), kiosk and document type. */
  issuances: z.array(
    z.object({
      bucket: z.string(),
      kioskId: z.string(),
      documentCode: z.string(),
      issuances: z.number().int().nonnegative(),
      copies: z.number().int().nonnegative(),
      pages: z.number().int().nonnegative(),
      fees: z.number().int().nonnegative(),
    }),
  ),
  /**
   * Money per period bucket and kiosk, in won. The kiosk's figures are bucketed by the events' local dates; refunds
   * claimed (vouchers paid at an office counter, recorded by the office) by the claim's local date, under the kiosk
   * that printed the voucher.
   */
  cash: z.array(
    z.object({
      bucket: z.string(),
      kioskId: z.string(),
      notesStacked: z.number().int().nonnegative(),
      feesKept: z.number().int().nonnegative(),
      changePaid: z.number().int().nonnegative(),
      refundsOwed: z.number().int().nonnegative(),
      refundsPaid: z.number().int().nonnegative(),
      refundsClaimed: z.number().int().nonnegative(),
      vouchersClaimed: z.number().int().nonnegative(),
    }),
  ),
  totals: z.object({
    issuances: z.number().int().nonnegative(),
    copies: z.number().int().nonnegative(),
    fees: z.number().int().nonnegative(),
    changePaid: z.number().int().nonnegative(),
    refundsOwed: z.number().int().nonnegative(),
    refundsPaid: z.number().int().nonnegative(),
    refundsClaimed: z.number().int().nonnegative(),
    vouchersClaimed: z.number().int().nonnegative(),
  }),
});
export type IssuanceReport = z.infer<typeof IssuanceReport>;

// ---- kiosk health (operators): GET /v1/kiosks -------------------------------------------------------------
export const KioskStatus = z.object({
  kioskId: z.string(),
  name: z.string(),
  lastHeartbeatAt: z.string().datetime().nullable(),
  heartbeat: Heartbeat.nullable(),
  events: z.object({
    received: z.number().int().nonnegative(),
    contiguousSeq: z.number().int().nonnegative(),
    maxSeq: z.number().int().nonnegative(),
    /** Ranges of sequence numbers not (yet) received, inclusive. */
    gaps: z.array(z.object({ from: z.number().int().positive(), to: z.number().int().positive() })),
  }),
});
export type KioskStatus = z.infer<typeof KioskStatus>;
export const KioskStatusList = z.object({ kiosks: z.array(KioskStatus) });
export type KioskStatusList = z.infer<typeof KioskStatusList>;

// ---- refund vouchers (operators): GET /v1/vouchers/{code}?kiosk=…, POST /v1/vouchers/{code}/claim ------------
/**
 * A refund voucher (환불 확인증) as the office knows it from the kiosk's `cash.refund-owed` event, and whether it has
 * been paid at an office counter. Codes are unique per kiosk only: when two kiosks printed the same code, the
 * kiosk id (the voucher's QR carries it) tells them apart.
 */
export const VoucherClaim = z.object({
  claimedAt: z.string().datetime(),
  /** The operator key id that recorded the claim. */
  claimedBy: z.string(),
  /** The operator's name from the office's configuration, as it was at the claim. */
  claimedByName: z.string(),
});
export type VoucherClaim = z.infer<typeof VoucherClaim>;

export const RefundVoucherStatus = z.object({
  voucherCode: z.string(),
  kioskId: z.string(),
  kioskName: z.string(),
  /** The amount the kiosk recorded in won: what the counter pays, never an amount typed in. */
  amount: z.number().int().nonnegative(),
  /** The kiosk's reason: change-short, refund-short, settled-after-restart, late-note. */
  reason: z.string(),
  /** When the kiosk printed it (the event's `occurredAt`). */
  issuedAt: z.string().datetime(),
  /** null while unpaid. */
  claim: VoucherClaim.nullable(),
});
export type RefundVoucherStatus = z.infer<typeof RefundVoucherStatus>;

/** A voucher code as printed: letters, digits and hyphens (`RV-YYMMDD-XXXXXX`). */
export const VoucherCode = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/, 'a voucher code as printed (letters, digits and hyphens)');
export const VoucherLookupQuery = z.object({ kiosk: z.string().min(1).max(40).optional() }).strict();
/** The claim's body: which kiosk's voucher, when the code alone is ambiguous. No amount: the recorded one is paid. */
export const VoucherClaimRequest = z.object({ kiosk: z.string().min(1).max(40).optional() }).strict();
export type VoucherClaimRequest = z.infer<typeof VoucherClaimRequest>;

/**
 * What the voucher's QR code carries (printer-templates/receipt/refund-voucher.ts writes it):
 * `KRREFUND1|<voucherCode>|<amount>|<kioskId>`. The office reads the code and the kiosk from it and ignores the
 * amount, which it has from the kiosk's event.
 */
export const REFUND_VOUCHER_QR_PREFIX = 'KRREFUND1';
export function parseVoucherQr(text: string): { voucherCode: string; kioskId: string } | null {
  const parts = text.split('|');
  if (parts.length !== 4 || parts[0] !== REFUND_VOUCHER_QR_PREFIX || !parts[1] || !parts[3]) return null;
  return { voucherCode: parts[1], kioskId: parts[3] };
}

export const API_PATHS = {
  identityVerify: '/v1/identity/verify',
  records: '/v1/records',
  recordsReserved: '/v1/records/reserved',
  events: '/v1/events',
  heartbeat: '/v1/heartbeat',
  documentVerify: '/v1/documents/verify',
  reports: '/v1/reports/issuances',
  kiosks: '/v1/kiosks',
  voucher: '/v1/vouchers/:code',
  voucherClaim: '/v1/vouchers/:code/claim',
} as const;

/** The path of one voucher (`API_PATHS.voucher` filled in). */
export const voucherPath = (code: string, claim = false) => `/v1/vouchers/${encodeURIComponent(code)}${claim ? '/claim' : ''}`;

/** `error.code` values the central office answers with (docs/central-office-api.md explains each). */
export const API_ERROR_CODES = [
  'missing-credentials',
  'unknown-key',
  'stale-timestamp',
  'bad-signature',
  'replayed',
  'forbidden',
  'body-too-large',
  'malformed-json',
  'unsupported-media-type',
  'invalid-request',
  'unknown-document',
  'invalid-options',
  'too-many-copies',
  'token-required',
  'token-invalid',
  'token-expired',
  'token-scope',
  'kiosk-attempt-limit',
  'no-record',
  'unknown-reservation',
  'reservation-mismatch',
  'already-issued',
  'unknown-voucher',
  'voucher-ambiguous',
  'already-claimed',
  'not-found',
  'internal',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];
