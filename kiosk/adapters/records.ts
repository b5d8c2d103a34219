import type { Clock, TimerHandle } from '../../common/clock';
import type { Logger } from '../../common/log';
import { err, ok, type Result } from '../../common/result';
import type { CentralError, CentralOfficeClient } from '../central-client/client';
import type { RecordFailure, RecordGrant, RecordsPort } from '../session/ports';

/**
 * The session's RecordsPort over the central-office client: records with their reserved numbers
 * (POST /v1/records), the same record again under a reserved number (POST /v1/records/reserved), and whether the
 * office answers now. The client bounds every request (10 s); the reachability probe has its own, shorter bound
 * because the citizen is waiting on the screen for it.
 */
export const REACHABILITY_TIMEOUT_MS = 4_000;

export type RecordsAdapterDeps = {
  readonly client: Pick<CentralOfficeClient, 'fetchRecord' | 'fetchReservedRecord'>;
  /** A signed request the office must answer (the composition root sends a heartbeat): true when it did. */
  readonly probe: () => Promise<boolean>;
  readonly clock: Clock;
  readonly log: Logger;
};

/** What the session can do about a refusal: verify again, tell the citizen there is nothing, or give up. */
export function recordFailureOf(error: CentralError): RecordFailure {
  switch (error.kind) {
    case 'unreachable':
    case 'server-error':
    case 'invalid-response':
      return { kind: 'unreachable' };
    case 'rejected':
      switch (error.code) {
        case 'token-required':
        case 'token-invalid':
        case 'token-expired':
        case 'token-scope':
          return { kind: 'identity-expired' };
        case 'no-record':
        case 'unknown-reservation':
          return { kind: 'not-found' };
        default:
          return { kind: 'refused', code: error.code };
      }
  }
}

export function centralRecordsPort(deps: RecordsAdapterDeps): RecordsPort {
  const { client, clock, log } = deps;
  const grantOf = (answer: Awaited<ReturnType<typeof client.fetchRecord>>, what: string): Result<RecordGrant, RecordFailure> => {
    if (answer.ok) return ok(answer.value);
    const failure = recordFailureOf(answer.error);
    // Codes and kinds only: the request carried options (an address, a plate) that stay out of the log.
    log.warn({ event: 'records.refused', what, kind: answer.error.kind, code: answer.error.kind === 'rejected' ? answer.error.code : null, failure: failure.kind });
    return err(failure);
  };
  return {
    async reachable() {
      let timer: TimerHandle | undefined;
      const timeout = new Promise<boolean>((resolve) => {
        timer = clock.setTimeout(() => resolve(false), REACHABILITY_TIMEOUT_MS);
      });
      try {
        return await Promise.race([deps.probe().catch(() => false), timeout]);
      } finally {
        if (timer !== undefined) clock.clearTimeout(timer);
      }
    },
    async fetch(request) {
      const answer = await client.fetchRecord({
        documentCode: request.documentCode,
        options: { ...request.options },
        copies: request.copies,
        ...(request.token === null ? {} : { token: request.token }),
      });
      return grantOf(answer, 'fetch');
    },
    async refetch(reservation) {
      const answer = await client.fetchReservedRecord({
        documentCode: reservation.documentCode,
        issuanceNumber: reservation.issuanceNumber,
        options: { ...reservation.options },
      });
      return grantOf(answer, 'refetch');
    },
  };
}
