import type { Kysely } from 'kysely';
import { findDocument, resolveOptions, type CatalogDocument, type OptionValues } from '../../catalog';
import { err, ok, type Result } from '../../common/result';
import type { RecordRefetchRequest, RecordRequest, RecordResponse } from '../contract/api';
import type { Person } from '../population/model';
import type { Registry } from '../population/registry';
import { buildRecord } from '../records/build';
import type { CentralSchema } from '../storage/schema';
import { failure, type ApiFailure } from './failure';
import type { IdentityService } from './identity';
import { reserveIssuance } from './issuance-numbers';
import type { Caller } from './kiosks';
import { localDate } from './time';

type KioskCaller = Extract<Caller, { role: 'kiosk' }>;

/** Options as stored with a reservation: keys sorted, so that two resolutions of the same choice compare equal. */
function canonicalOptions(options: OptionValues): string {
  return JSON.stringify(Object.fromEntries(Object.entries(options).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

/**
 * A record request: the catalogue checks the document and its options, identity documents need a token for that
 * document, the registry builds the record, and an issuance number and a verification number are reserved for it.
 * The reservation keeps whom the record was built for (a registry person id) and the options, so that the kiosk
 * can have the same record again under the same numbers (`fetchReserved`) when it must print it again after a
 * restart — the identity token is long gone by then, and the citizen has already been verified and has paid.
 */
export class RecordService {
  constructor(
    private readonly db: Kysely<CentralSchema>,
    private readonly registry: Registry,
    private readonly identity: IdentityService,
  ) {}

  async fetch(kiosk: KioskCaller, request: RecordRequest, now: number): Promise<Result<RecordResponse, ApiFailure>> {
    const document = findDocument(request.documentCode);
    if (!document) return err(failure(400, 'unknown-document', `unknown document code ${request.documentCode}`));
    const options = this.resolve(document, request.options);
    if (!options.ok) return options;
    if (request.copies > document.maxCopies) {
      return err(failure(422, 'too-many-copies', `at most ${document.maxCopies} copies of ${document.code} per visit`));
    }
    let person: Person | null = null;
    if (document.identityRequired) {
      const grant = await this.identity.resolveToken(request.token, kiosk.kioskId, document.code, now);
      if (!grant.ok) return grant;
      person = grant.value.person;
    }
    const built = buildRecord(this.registry, document, options.value, person, localDate(now));
    if (!built.ok) return err(failure(built.error.code === 'no-record' ? 404 : 422, built.error.code, built.error.message));
    const numbers = await reserveIssuance(this.db, kiosk.kioskId, document.code, now, { subjectId: person?.id ?? null, options: canonicalOptions(options.value) });
    return ok({ record: built.value, ...numbers, inDistrict: built.value.authority.district === kiosk.district });
  }

  /**
   * The record reserved earlier under `issuanceNumber`, for the kiosk that reserved it and only while no
   * `document.issued` (or `document.released`) event has arrived for it: the same numbers, the same person, the same
   * options, built as of the reservation's date. Another kiosk's number is answered as unknown, so that numbers
   * cannot be probed.
   */
  async fetchReserved(kiosk: KioskCaller, request: RecordRefetchRequest): Promise<Result<RecordResponse, ApiFailure>> {
    const unknown = failure(404, 'unknown-reservation', `no reservation ${request.issuanceNumber} for kiosk ${kiosk.kioskId}`);
    const row = await this.db.selectFrom('issuances').selectAll().where('issuance_number', '=', request.issuanceNumber).executeTakeFirst();
    if (!row || row.kiosk_id !== kiosk.kioskId) return err(unknown);
    if (row.document_code !== request.documentCode) {
      return err(failure(409, 'reservation-mismatch', `${request.issuanceNumber} was reserved for ${row.document_code}, not ${request.documentCode}`));
    }
    const document = findDocument(row.document_code);
    if (!document) return err(unknown);
    const options = this.resolve(document, request.options);
    if (!options.ok) return options;
    if (row.options !== null && row.options !== canonicalOptions(options.value)) {
      return err(failure(409, 'reservation-mismatch', `${request.issuanceNumber} was reserved with other options`));
    }
    const closed = await this.db
      .selectFrom('events')
      .select('type')
      .where('issuance_number', '=', request.issuanceNumber)
      .where('kiosk_id', '=', kiosk.kioskId)
      .where('type', 'in', ['document.issued', 'document.released'])
      .executeTakeFirst();
    if (closed) {
      return err(failure(409, 'already-issued', `${request.issuanceNumber} is closed (${closed.type}): reserve a new number`));
    }
    let person: Person | null = null;
    if (document.identityRequired) {
      // A reservation made before the office kept its subject cannot be rebuilt.
      person = row.subject_id === null ? null : (this.registry.person(row.subject_id) ?? null);
      if (!person) return err(unknown);
    }
    const built = buildRecord(this.registry, document, options.value, person, localDate(Number(row.reserved_at)));
    if (!built.ok) return err(failure(built.error.code === 'no-record' ? 404 : 422, built.error.code, built.error.message));
    return ok({
      record: built.value,
      issuanceNumber: row.issuance_number,
      verificationNumber: row.verification_number,
      inDistrict: built.value.authority.district === kiosk.district,
    });
  }

  private resolve(document: CatalogDocument, options: RecordRequest['options']): Result<OptionValues, ApiFailure> {
    const resolved = resolveOptions(document, options);
    if (resolved.ok) return ok(resolved.value);
    return err(
      failure(422, 'invalid-options', `options of ${document.code}: ${resolved.error.map((problem) => `${problem.key} (${problem.problem})`).join(', ')}`),
    );
  }
}
