import type { IdentityVerdict } from '../../central-office/contract/api';
import type { Clock } from '../../common/clock';
import type { Logger } from '../../common/log';
import type { Result } from '../../common/result';
import type { CaptureFailure, CaptureProgress, FingerprintReader, ReaderFault } from '../../devices/fingerprint/driver';
import { PrivateText } from './private-text';
import type { ResidentNumber } from './resident-number';

/**
 * The identity check the session calls: capture a fingerprint template, send it with the resident number to the
 * central office, return the verdict. Nothing is written anywhere: the template lives in memory for this one
 * request and is zeroed as soon as the central office has answered (or the request is abandoned); the resident
 * number is the caller's and is wiped by the identity machine when the identity step ends.
 */

/** Why the central office gave no verdict (the shape the central-office client returns). */
export type VerifyFailure = { readonly kind: 'unreachable' | 'rejected' | 'invalid-response'; readonly detail: string };

/**
 * POST /v1/identity/verify, as the kiosk's central-office client offers it. `residentNumber` is `YYMMDD-GNNNNNN`;
 * `template` is the raw character file (the client encodes it as base64) and is zeroed after the promise settles,
 * so the client must not keep a reference to it.
 */
export interface IdentityVerifier {
  verify(
    residentNumber: string,
    template: Uint8Array,
    documentCodes: readonly string[],
  ): Promise<Result<IdentityVerdict, VerifyFailure>>;
}

export type IdentifyProgress = CaptureProgress | { readonly type: 'verifying' };

export type IdentifyRequest = {
  readonly residentNumber: ResidentNumber;
  /** The documents asked for; the central office scopes its token to them. */
  readonly documentCodes: readonly string[];
  /** Aborted when the citizen cancels or the session ends. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: IdentifyProgress) => void;
};

export type IdentifyOutcome =
  | {
      readonly kind: 'verified';
      readonly token: string;
      readonly expiresAt: string;
      readonly entitlements: readonly string[];
      /** Shown on the confirmation screen (`reveal()`), never stored: masked in every text form. */
      readonly displayName: PrivateText;
    }
  | {
      readonly kind: 'not-verified';
      readonly reason: Extract<IdentityVerdict, { verified: false }>['reason'];
      readonly attemptsLeft: number;
    }
  | { readonly kind: 'no-finger' }
  | { readonly kind: 'poor-image' }
  | { readonly kind: 'reader-unavailable'; readonly fault: ReaderFault['kind'] }
  | { readonly kind: 'office-unavailable'; readonly failure: VerifyFailure['kind'] }
  | { readonly kind: 'cancelled' };

export type IdentityServiceDeps = {
  readonly reader: FingerprintReader;
  readonly verifier: IdentityVerifier;
  readonly clock: Clock;
  readonly log: Logger;
};

export class IdentityService {
  constructor(private readonly deps: IdentityServiceDeps) {}

  async identify(request: IdentifyRequest): Promise<IdentifyOutcome> {
    const { log, clock } = this.deps;
    const started = clock.now();
    // Only counts and codes in the log: never the number, the template or the name.
    log.info({ event: 'identity.check.start', documents: request.documentCodes.length, residency: request.residentNumber.residency });
    const outcome = await this.run(request);
    log.info({
      event: 'identity.check.end',
      outcome: outcome.kind,
      ...(outcome.kind === 'not-verified' ? { reason: outcome.reason, attemptsLeft: outcome.attemptsLeft } : {}),
      ...(outcome.kind === 'reader-unavailable' ? { fault: outcome.fault } : {}),
      ...(outcome.kind === 'office-unavailable' ? { failure: outcome.failure } : {}),
      ms: clock.now() - started,
    });
    return outcome;
  }

  private async run(request: IdentifyRequest): Promise<IdentifyOutcome> {
    const { signal, onProgress } = request;
    const captured = await this.deps.reader.capture({ signal, onProgress });
    if (!captured.ok) return outcomeOfCapture(captured.error);
    const template = captured.value;
    if (signal?.aborted) {
      template.wipe();
      return { kind: 'cancelled' };
    }
    onProgress?.({ type: 'verifying' });
    let verification: Promise<Result<IdentityVerdict, VerifyFailure>>;
    try {
      verification = this.deps.verifier.verify(request.residentNumber.forTransmission(), template.bytes(), request.documentCodes);
    } catch (error) {
      template.wipe();
      throw error;
    }
    // Zeroed when the central office has answered, whatever the session did meanwhile.
    const answered = verification.finally(() => template.wipe());
    const verdict = await raceAbort(answered, signal);
    if (verdict === ABORTED) {
      answered.catch(() => undefined);
      return { kind: 'cancelled' };
    }
    if (!verdict.ok) {
      this.deps.log.warn({ event: 'identity.office-failure', failure: verdict.error.kind, detail: verdict.error.detail });
      return { kind: 'office-unavailable', failure: verdict.error.kind };
    }
    const value = verdict.value;
    if (value.verified) {
      return {
        kind: 'verified',
        token: value.token,
        expiresAt: value.expiresAt,
        entitlements: value.entitlements,
        displayName: new PrivateText(value.displayName),
      };
    }
    return { kind: 'not-verified', reason: value.reason, attemptsLeft: value.attemptsLeft };
  }
}

function outcomeOfCapture(failure: CaptureFailure): IdentifyOutcome {
  switch (failure.kind) {
    case 'no-finger':
      return { kind: 'no-finger' };
    case 'poor-image':
      return { kind: 'poor-image' };
    case 'cancelled':
      return { kind: 'cancelled' };
    case 'reader-unavailable':
      return { kind: 'reader-unavailable', fault: failure.fault.kind };
  }
}

const ABORTED = Symbol('aborted');

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T | typeof ABORTED> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.resolve(ABORTED);
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve(ABORTED);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
