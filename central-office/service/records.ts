import type { Kysely } from 'kysely';
import { findDocument, resolveOptions } from '../../catalog';
import { err, ok, type Result } from '../../common/result';
import type { RecordRequest, RecordResponse } from '../contract/api';
import type { Registry } from '../population/registry';
import { buildRecord } from '../records/build';
import type { CentralSchema } from '../storage/schema';
import { failure, type ApiFailure } from './failure';
import type { IdentityService } from './identity';
import { reserveIssuance } from './issuance-numbers';
import type { Caller } from './kiosks';
import { localDate } from './time';

/**
 * A record request: the catalogue checks the document and its options, identity documents need a token for that
 * document, the registry builds the record, and an issuance number and a verification number are reserved for it.
 */
export class RecordService {
  constructor(
    private readonly db: Kysely<CentralSchema>,
    private readonly registry: Registry,
    private readonly identity: IdentityService,
  ) {}

  async fetch(kiosk: Extract<Caller, { role: 'kiosk' }>, request: RecordRequest, now: number): Promise<Result<RecordResponse, ApiFailure>> {
    const document = findDocument(request.documentCode);
    if (!document) return err(failure(400, 'unknown-document', `unknown document code ${request.documentCode}`));
    const options = resolveOptions(document, request.options);
    if (!options.ok) {
      return err(failure(422, 'invalid-options', `options of ${document.code}: ${options.error.map((problem) => `${problem.key} (${problem.problem})`).join(', ')}`));
    }
    if (request.copies > document.maxCopies) {
      return err(failure(422, 'too-many-copies', `at most ${document.maxCopies} copies of ${document.code} per visit`));
    }
    let person = null;
    if (document.identityRequired) {
      const grant = await this.identity.resolveToken(request.token, kiosk.kioskId, document.code, now);
      if (!grant.ok) return grant;
      person = grant.value.person;
    }
    const built = buildRecord(this.registry, document, options.value, person, localDate(now));
    if (!built.ok) return err(failure(built.error.code === 'no-record' ? 404 : 422, built.error.code, built.error.message));
    const numbers = await reserveIssuance(this.db, kiosk.kioskId, document.code, now);
    return ok({ record: built.value, ...numbers, inDistrict: built.value.authority.district === kiosk.district });
  }
}
