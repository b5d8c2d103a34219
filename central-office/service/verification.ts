import type { Kysely } from 'kysely';
import { findDocument } from '../../catalog';
import type { DocumentVerification } from '../contract/api';
import type { CentralSchema } from '../storage/schema';
import type { KeyRing } from './kiosks';

/**
 * What a bank clerk's check answers for an issuance number and its verification number. A number that was only
 * reserved (the record was fetched but no `document.issued` event has arrived: the print failed, or the kiosk has
 * not synced yet) is `not-issued`, never `valid`.
 */
export async function verifyDocument(db: Kysely<CentralSchema>, keys: KeyRing, issuanceNumber: string, verificationNumber: string): Promise<DocumentVerification> {
  const row = await db.selectFrom('issuances').selectAll().where('issuance_number', '=', issuanceNumber).executeTakeFirst();
  if (!row) return { valid: false, reason: 'unknown' };
  if (row.verification_number !== verificationNumber) return { valid: false, reason: 'mismatch' };
  // The reservation says what was asked for; only the kiosk's own document.issued event says it was printed.
  const issued = await db
    .selectFrom('events')
    .select(['occurred_at', 'pages', 'copies'])
    .where('issuance_number', '=', issuanceNumber)
    .where('type', '=', 'document.issued')
    .where('kiosk_id', '=', row.kiosk_id)
    .orderBy('arrival')
    .executeTakeFirst();
  if (!issued || issued.pages === null || issued.copies === null) return { valid: false, reason: 'not-issued' };
  return {
    valid: true,
    issuanceNumber: row.issuance_number,
    documentCode: row.document_code,
    documentName: findDocument(row.document_code)?.name.ko ?? row.document_code,
    issuedAt: new Date(Number(issued.occurred_at)).toISOString(),
    kioskId: row.kiosk_id,
    kioskName: keys.kioskName(row.kiosk_id),
    pages: Number(issued.pages),
    copies: Number(issued.copies),
  };
}
