import { z } from 'zod';

/**
 * Issuance-log events: what the kiosk tells the central office about money, paper and devices. Written to the
 * kiosk's outbox in the same transaction as the journal step they describe and shipped by the sync client.
 * They carry codes, amounts, counts and issuance numbers — never a resident number, a fingerprint template or a
 * document's contents (domain.md, "Privacy").
 */
const won = z.number().int().nonnegative();
const documentCode = z.string().min(1);

export const EventPayloads = {
  /** A certificate was printed and handed over (one event per document line, all copies). */
  'document.issued': z.object({
    documentCode,
    issuanceNumber: z.string(),
    verificationNumber: z.string(),
    copies: z.number().int().positive(),
    pages: z.number().int().positive(),
    fee: won,
    waivedBy: z.string().nullable(),
  }),
  /** Printing failed for good (after the recovery limit); pages already printed belong to the citizen. */
  'document.failed': z.object({
    documentCode,
    issuanceNumber: z.string().nullable(),
    reason: z.string(),
    pagesPrinted: z.number().int().nonnegative(),
    pagesExpected: z.number().int().positive(),
  }),
  /** A note reached VEND VALID and was stacked: money received. */
  'cash.note-stacked': z.object({ value: won }),
  /** A note in escrow was given back (never counted as received). */
  'cash.note-returned': z.object({ value: won, reason: z.string() }),
  /**
   * A note stuck in the acceptor after escrow (jam, failure) before VEND VALID: counted as the citizen's money
   * taken in, and refunded; the technician recovers the note when clearing the jam. value 0 = read before escrow.
   */
  'cash.note-jammed': z.object({ value: won, stage: z.string() }),
  'cash.change-paid': z.object({ amount: won, coins: z.record(z.string(), z.number().int().nonnegative()) }),
  /** Money the kiosk owes and could not pay in coins: a voucher to claim at the office. */
  'cash.refund-owed': z.object({ amount: won, voucherCode: z.string(), reason: z.string() }),
  'cash.refund-paid': z.object({ amount: won, method: z.enum(['coins', 'voucher-claimed']), voucherCode: z.string().nullable() }),
  /** A fee kept for a session (the sum of the documents issued). */
  'cash.fee-kept': z.object({ amount: won }),
  'cash.box-collected': z.object({ byDenomination: z.record(z.string(), z.number().int().nonnegative()), total: won }),
  'cash.hopper-refilled': z.object({ coinValue: won, coins: z.number().int().positive() }),
  'device.fault': z.object({ device: z.string(), code: z.string(), detail: z.string() }),
  'device.recovered': z.object({ device: z.string() }),
  'paper.refilled': z.object({ printer: z.enum(['a4', 'receipt']), sheets: z.number().int().positive() }),
  /**
   * Reserved numbers that were never printed on (the citizen cancelled or left after the records were fetched, or
   * removed the document): the central office frees them.
   */
  'document.released': z.object({ documentCode, issuanceNumber: z.string(), reason: z.string() }),
  'session.completed': z.object({
    outcome: z.enum(['issued', 'partly-issued', 'cancelled', 'abandoned', 'refunded', 'recovered', 'identity-failed', 'failed']),
    /** The session's accounts from its journal, for reconciliation: in = feesKept + changePaid + refundPaid + refundOwed. */
    money: z
      .object({ in: won, feesKept: won, changePaid: won, refundPaid: won, refundOwed: won })
      .optional(),
  }),
  'day.closed': z.object({
    businessDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    issuances: z.number().int().nonnegative(),
    feesKept: won,
    changePaid: won,
    refundsOwed: won,
    cashBox: won,
    discrepancy: z.number().int(),
  }),
} as const;

export type EventType = keyof typeof EventPayloads;
export type EventPayload<T extends EventType> = z.infer<(typeof EventPayloads)[T]>;

export const EVENT_TYPES = Object.keys(EventPayloads) as EventType[];

/** An event as it travels: the envelope the central office ingests. */
export const IssuanceEvent = z.object({
  eventId: z.string().uuid(),
  kioskId: z.string(),
  /** The kiosk's outbox sequence number: gaps are visible at the central office. */
  seq: z.number().int().positive(),
  type: z.enum(EVENT_TYPES as [EventType, ...EventType[]]),
  occurredAt: z.string().datetime(),
  sessionId: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
});
export type IssuanceEvent = z.infer<typeof IssuanceEvent>;

/** Validate a payload against its type's schema (used at both ends). */
export function parsePayload<T extends EventType>(type: T, payload: unknown): EventPayload<T> {
  return EventPayloads[type].parse(payload) as EventPayload<T>;
}
