import type { Kysely, Selectable } from 'kysely';
import { err, ok, type Result } from '../../common/result';
import type { RefundVoucherStatus } from '../contract/api';
import type { CentralSchema, RefundVouchersTable, VoucherClaimsTable } from '../storage/schema';
import { failure, type ApiFailure } from './failure';
import type { KeyRing } from './kiosks';
import { localDate } from './time';

/**
 * Refund vouchers at the office counter (docs/central-office-api.md, "Refund vouchers"). A citizen brings the
 * voucher a kiosk printed when its hoppers could not pay; the clerk looks it up by its code (or scans its QR) and
 * pays it. The voucher is what the kiosk's `cash.refund-owed` event recorded, so the amount paid is that amount,
 * never one typed in; the claim is one row keyed like the voucher, so a second claim — a second clerk, a button
 * pressed twice, a retried request — finds the first and is refused with who and when.
 */
export type VoucherKey = { readonly voucherCode: string; readonly kioskId?: string | undefined };
export type Claimant = { readonly keyId: string; readonly name: string };

type VoucherRow = Selectable<RefundVouchersTable>;
type ClaimRow = Selectable<VoucherClaimsTable>;

/** A refusal, with what the operator page shows besides the message: the claim that stands, or the kiosks to pick. */
export type VoucherRefusal = ApiFailure & { readonly voucher?: RefundVoucherStatus; readonly kiosks?: readonly string[] };

/** The voucher, or why it cannot be told: unknown (404), or several kiosks printed this code (409). */
async function findVoucher(db: Kysely<CentralSchema>, key: VoucherKey): Promise<Result<VoucherRow, VoucherRefusal>> {
  let query = db.selectFrom('refund_vouchers').selectAll().where('voucher_code', '=', key.voucherCode);
  if (key.kioskId) query = query.where('kiosk_id', '=', key.kioskId);
  const rows = await query.orderBy('kiosk_id').limit(10).execute();
  const [first] = rows;
  if (!first) {
    return err(
      failure(
        404,
        'unknown-voucher',
        `no refund voucher ${key.voucherCode}${key.kioskId ? ` from kiosk ${key.kioskId}` : ''} has reached the office: check the code as printed; ` +
          'a voucher printed while its kiosk was offline arrives with its queue (GET /v1/kiosks shows what is missing)',
      ),
    );
  }
  if (rows.length > 1) {
    const kiosks = rows.map((row) => row.kiosk_id);
    return err({
      ...failure(409, 'voucher-ambiguous', `kiosks ${kiosks.join(', ')} each printed a voucher ${key.voucherCode}: say which (the kiosk id is on the voucher and in its QR)`),
      kiosks,
    });
  }
  return ok(first);
}

function statusOf(voucher: VoucherRow, claim: ClaimRow | undefined, keys: KeyRing): RefundVoucherStatus {
  return {
    voucherCode: voucher.voucher_code,
    kioskId: voucher.kiosk_id,
    kioskName: keys.kioskName(voucher.kiosk_id),
    amount: Number(voucher.amount),
    reason: voucher.reason,
    issuedAt: new Date(Number(voucher.issued_at)).toISOString(),
    claim: claim ? { claimedAt: new Date(Number(claim.claimed_at)).toISOString(), claimedBy: claim.claimed_by, claimedByName: claim.claimed_by_name } : null,
  };
}

function claimOf(db: Kysely<CentralSchema>, voucher: VoucherRow): Promise<ClaimRow | undefined> {
  return db.selectFrom('voucher_claims').selectAll().where('kiosk_id', '=', voucher.kiosk_id).where('voucher_code', '=', voucher.voucher_code).executeTakeFirst();
}

export async function lookupVoucher(db: Kysely<CentralSchema>, keys: KeyRing, key: VoucherKey): Promise<Result<RefundVoucherStatus, VoucherRefusal>> {
  const found = await findVoucher(db, key);
  if (!found.ok) return found;
  return ok(statusOf(found.value, await claimOf(db, found.value), keys));
}

/**
 * Records the claim of `claimant` at `now`. `INSERT … ON CONFLICT DO NOTHING` on the voucher's key decides, in the
 * database, which of two simultaneous claims wins: the other inserts nothing and is answered 409 with the claim
 * that stands.
 */
export async function claimVoucher(db: Kysely<CentralSchema>, keys: KeyRing, key: VoucherKey, claimant: Claimant, now: number): Promise<Result<RefundVoucherStatus, VoucherRefusal>> {
  const found = await findVoucher(db, key);
  if (!found.ok) return found;
  const voucher = found.value;
  const inserted = await db
    .insertInto('voucher_claims')
    .values({
      kiosk_id: voucher.kiosk_id,
      voucher_code: voucher.voucher_code,
      amount: Number(voucher.amount),
      claimed_at: now,
      claimed_date: localDate(now),
      claimed_by: claimant.keyId,
      claimed_by_name: claimant.name,
    })
    .onConflict((conflict) => conflict.columns(['kiosk_id', 'voucher_code']).doNothing())
    .returning(['claimed_at'])
    .executeTakeFirst();
  const claim = await claimOf(db, voucher);
  const status = statusOf(voucher, claim, keys);
  if (!inserted) {
    const when = status.claim?.claimedAt ?? 'earlier';
    return err({
      ...failure(409, 'already-claimed', `refund voucher ${voucher.voucher_code} (${Number(voucher.amount)} won, kiosk ${voucher.kiosk_id}) was already paid at ${when} by ${status.claim?.claimedBy ?? 'another operator'}: do not pay it again`),
      voucher: status,
    });
  }
  return ok(status);
}
