import type { DocumentCode } from '../../../catalog';
import type { Clock } from '../../../common/clock';
import { err, ok } from '../../../common/result';
import type { RecordFailure, RecordGrant, RecordsPort } from '../ports';
import { syntheticRecord } from './synthetic-records';

/**
 * The central office as the session sees it: records with reserved numbers, after a network round trip on the
 * injected clock. Faults are switched on by the test: unreachable, a record not found, an expired identity token,
 * a refetch that no longer finds the reservation.
 */
export const FAKE_FETCH_MS = 400;
export const FAKE_PROBE_MS = 100;

export type FakeRecordsOptions = {
  /** Whose records the fake returns (it has no population); the resident number appears inside the records. */
  readonly residentNumber?: string;
  /** Documents whose records are outside the kiosk's district (out-of-district fee). */
  readonly outOfDistrict?: readonly DocumentCode[];
};

export class FakeRecords implements RecordsPort {
  unreachable = false;
  /** The probe says reachable but fetches fail (the network drops between the two). */
  fetchUnreachable = false;
  readonly notFound = new Set<DocumentCode>();
  identityExpired = false;
  refetchFails = false;
  /** Reservations made, by issuance number: what a refetch may return. */
  readonly reservations = new Map<string, { documentCode: DocumentCode; verificationNumber: string; inDistrict: boolean }>();
  fetches = 0;
  private next = 1;

  constructor(
    private readonly clock: Clock,
    private readonly options: FakeRecordsOptions = {},
  ) {}

  async reachable(): Promise<boolean> {
    await this.clock.sleep(FAKE_PROBE_MS);
    return !this.unreachable;
  }

  async fetch(request: { documentCode: DocumentCode; token: string | null }) {
    await this.clock.sleep(FAKE_FETCH_MS);
    this.fetches++;
    if (this.unreachable || this.fetchUnreachable) return err<RecordFailure>({ kind: 'unreachable' });
    if (this.identityExpired && request.token !== null) return err<RecordFailure>({ kind: 'identity-expired' });
    if (this.notFound.has(request.documentCode)) return err<RecordFailure>({ kind: 'not-found' });
    const number = this.next++;
    const issuanceNumber = `2641-${String(number).padStart(6, '0')}`;
    const verificationNumber = `V${String(7_000_000 + number * 13)}`;
    const inDistrict = !(this.options.outOfDistrict ?? []).includes(request.documentCode);
    this.reservations.set(issuanceNumber, { documentCode: request.documentCode, verificationNumber, inDistrict });
    return ok<RecordGrant>({ record: syntheticRecord(request.documentCode, this.resident()), issuanceNumber, verificationNumber, inDistrict });
  }

  async refetch(reservation: { documentCode: DocumentCode; issuanceNumber: string }) {
    await this.clock.sleep(FAKE_FETCH_MS);
    if (this.unreachable) return err<RecordFailure>({ kind: 'unreachable' });
    const held = this.reservations.get(reservation.issuanceNumber);
    if (this.refetchFails || !held || held.documentCode !== reservation.documentCode) return err<RecordFailure>({ kind: 'not-found' });
    return ok<RecordGrant>({
      record: syntheticRecord(reservation.documentCode, this.resident()),
      issuanceNumber: reservation.issuanceNumber,
      verificationNumber: held.verificationNumber,
      inDistrict: held.inDistrict,
    });
  }

  private resident(): string {
    return this.options.residentNumber ?? '900101-1234568';
  }
}
