import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { isDocumentCode } from '../../catalog';
import { err, ok, type Result } from '../../common/result';
import { MATCH_THRESHOLD, TEMPLATE_BYTES, enrolledTemplate, templateSimilarity } from '../../devices/fingerprint/synthetic-finger';
import type { IdentityVerdict, IdentityVerifyRequest } from '../contract/api';
import type { Person } from '../population/model';
import type { Registry } from '../population/registry';
import type { CentralSchema } from '../storage/schema';
import { failure, type ApiFailure } from './failure';

/**
 * The identity check: a resident number and a fingerprint template in, a verdict out. Failed attempts are limited
 * per resident number (then the citizen is sent to the counter) and per kiosk (a kiosk trying many numbers is
 * stopped). A success gives a short-lived token scoped to the documents asked for and to the kiosk that asked.
 * Attempts are stored under a peppered digest of the resident number, never the number itself.
 */
export const IDENTITY_TOKEN_TTL_MS = 10 * 60 * 1000;
/** Failed attempts per resident number before it is locked (domain.md: retries limited, e.g. 3). */
export const RESIDENT_FAILURE_LIMIT = 3;
/** A lock lasts until a day has passed since the failures (or a success at the counter resets it). */
export const RESIDENT_LOCK_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Failed attempts per kiosk per window before the kiosk is refused (enumeration of resident numbers). */
export const KIOSK_FAILURE_LIMIT = 20;
export const KIOSK_FAILURE_WINDOW_MS = 60 * 60 * 1000;

type Outcome = 'verified' | 'no-match' | 'unknown-resident';

export type TokenGrant = { readonly person: Person; readonly documentCodes: readonly string[] };

export class IdentityService {
  constructor(
    private readonly db: Kysely<CentralSchema>,
    private readonly registry: Registry,
    private readonly pepper: string,
  ) {}

  private subjectDigest(residentNumber: string): string {
    return createHash('sha256').update(`${this.pepper}\u0000${residentNumber}`).digest('base64url');
  }

  async verify(kioskId: string, request: IdentityVerifyRequest, now: number): Promise<Result<IdentityVerdict, ApiFailure>> {
    const unknownCodes = request.documentCodes.filter((code) => !isDocumentCode(code));
    if (unknownCodes.length > 0) return err(failure(400, 'unknown-document', `unknown document code(s): ${unknownCodes.join(', ')}`));

    const kioskFailures = await this.countFailures('kiosk_id', kioskId, now - KIOSK_FAILURE_WINDOW_MS);
    if (kioskFailures >= KIOSK_FAILURE_LIMIT) {
      return err(
        failure(429, 'kiosk-attempt-limit', `this kiosk had ${kioskFailures} failed identity checks in the last hour; identity checks resume later`),
      );
    }

    const subject = this.subjectDigest(request.residentNumber);
    const lastSuccess = await this.db
      .selectFrom('identity_attempts')
      .select(({ fn }) => fn.max('at').as('at'))
      .where('subject_digest', '=', subject)
      .where('outcome', '=', 'verified')
      .executeTakeFirst();
    const since = Math.max(now - RESIDENT_LOCK_WINDOW_MS, Number(lastSuccess?.at ?? 0) + 1);
    const failures = await this.countFailures('subject_digest', subject, since);
    if (failures >= RESIDENT_FAILURE_LIMIT) return ok({ verified: false, reason: 'locked', attemptsLeft: 0 });

    const template = decodeTemplate(request.template);
    // A template the reader could not read well is not the citizen's failure: not counted.
    if (!template) return ok({ verified: false, reason: 'poor-template', attemptsLeft: RESIDENT_FAILURE_LIMIT - failures });

    const person = this.registry.personByResidentNumber(request.residentNumber);
    const outcome: Outcome = !person
      ? 'unknown-resident'
      : person.fingerprintEnrolled && templateSimilarity(template, enrolledTemplate(person.residentNumber)) >= MATCH_THRESHOLD
        ? 'verified'
        : 'no-match';
    await this.db.insertInto('identity_attempts').values({ attempt_id: randomUUID(), subject_digest: subject, kiosk_id: kioskId, at: now, outcome }).execute();

    if (outcome !== 'verified' || !person) {
      return ok({ verified: false, reason: outcome === 'verified' ? 'no-match' : outcome, attemptsLeft: Math.max(0, RESIDENT_FAILURE_LIMIT - failures - 1) });
    }
    const token = randomBytes(32).toString('base64url');
    const expiresAt = now + IDENTITY_TOKEN_TTL_MS;
    await this.db
      .insertInto('identity_tokens')
      .values({
        token_digest: tokenDigest(token),
        person_id: person.id,
        kiosk_id: kioskId,
        document_codes: JSON.stringify(request.documentCodes),
        expires_at: expiresAt,
        created_at: now,
      })
      .execute();
    await this.db.deleteFrom('identity_tokens').where('expires_at', '<', now - IDENTITY_TOKEN_TTL_MS).execute();
    return ok({ verified: true, token, expiresAt: new Date(expiresAt).toISOString(), entitlements: entitlementsOf(person), displayName: person.name });
  }

  /** The person a record request's token stands for, if the token is valid for this kiosk and document. */
  async resolveToken(token: string | undefined, kioskId: string, documentCode: string, now: number): Promise<Result<TokenGrant, ApiFailure>> {
    if (!token) return err(failure(403, 'token-required', `${documentCode} needs the token of a verified identity`));
    const row = await this.db.selectFrom('identity_tokens').selectAll().where('token_digest', '=', tokenDigest(token)).executeTakeFirst();
    if (!row || row.kiosk_id !== kioskId) return err(failure(403, 'token-invalid', 'the identity token is not known for this kiosk'));
    if (Number(row.expires_at) <= now) return err(failure(403, 'token-expired', 'the identity token has expired: verify the fingerprint again'));
    const documentCodes = JSON.parse(row.document_codes) as string[];
    if (!documentCodes.includes(documentCode)) {
      return err(failure(403, 'token-scope', `the identity token was issued for ${documentCodes.join(', ')}, not ${documentCode}`));
    }
    const person = this.registry.person(row.person_id);
    if (!person) return err(failure(403, 'token-invalid', 'the identity token names nobody in the registry'));
    return ok({ person, documentCodes });
  }

  private async countFailures(column: 'kiosk_id' | 'subject_digest', value: string, since: number): Promise<number> {
    const row = await this.db
      .selectFrom('identity_attempts')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .where(column, '=', value)
      .where('at', '>=', since)
      .where('outcome', '!=', 'verified')
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }
}

function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

function decodeTemplate(base64: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return null;
  const bytes = Buffer.from(base64, 'base64');
  return bytes.length === TEMPLATE_BYTES ? new Uint8Array(bytes) : null;
}

/** Fee entitlements reported with the verdict (catalog/fees.ts WaiverReason). */
export function entitlementsOf(person: Person): string[] {
  const entitlements: string[] = [];
  if (person.welfare.basicLivelihood) entitlements.push('basic-livelihood-recipient');
  if (person.nationalMerit) entitlements.push('national-merit');
  return entitlements;
}
