import { randomInt } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { CentralSchema } from '../storage/schema';
import { localDate } from './time';

/**
 * Issuance numbers (발급번호) and document verification numbers (문서확인번호), reserved when a record is fetched
 * and printed on every page. The issuance number is `YYYY-MMDD-NNNN-NNNN`: the local date and a serial that the
 * database hands out one by one (an UPDATE … RETURNING on a per-day counter, safe with concurrent kiosks). The
 * verification number is 16 random digits, so that knowing one document does not let anyone guess another's.
 */
export type ReservedNumbers = { readonly issuanceNumber: string; readonly verificationNumber: string };

/** What the record was built from, kept with the reservation so that the same record can be built again. */
export type ReservationBasis = {
  /** The registry's person id (identity documents), null for public records. */
  readonly subjectId: string | null;
  /** The resolved options, as JSON. */
  readonly options: string;
};

export async function reserveIssuance(
  db: Kysely<CentralSchema>,
  kioskId: string,
  documentCode: string,
  now: number,
  basis: ReservationBasis | null = null,
): Promise<ReservedNumbers> {
  const day = localDate(now).replaceAll('-', '');
  return db.transaction().execute((trx) => reserveIn(trx, day, kioskId, documentCode, now, basis));
}

async function reserveIn(
  trx: Transaction<CentralSchema>,
  day: string,
  kioskId: string,
  documentCode: string,
  now: number,
  basis: ReservationBasis | null,
): Promise<ReservedNumbers> {
  await trx.insertInto('issuance_counters').values({ day, last: 0 }).onConflict((conflict) => conflict.column('day').doNothing()).execute();
  const counter = await trx
    .updateTable('issuance_counters')
    .set((eb) => ({ last: eb('last', '+', 1) }))
    .where('day', '=', day)
    .returning('last')
    .executeTakeFirstOrThrow();
  const serial = String(counter.last).padStart(8, '0');
  const issuanceNumber = `${day.slice(0, 4)}-${day.slice(4)}-${serial.slice(0, 4)}-${serial.slice(4)}`;
  const verificationNumber = Array.from({ length: 4 }, () => String(randomInt(0, 10_000)).padStart(4, '0')).join('-');
  await trx
    .insertInto('issuances')
    .values({
      issuance_number: issuanceNumber,
      verification_number: verificationNumber,
      kiosk_id: kioskId,
      document_code: documentCode,
      reserved_at: now,
      subject_id: basis?.subjectId ?? null,
      options: basis?.options ?? null,
    })
    .execute();
  return { issuanceNumber, verificationNumber };
}
