import { randomUUID } from 'node:crypto';
import type { IdentityVerdict } from '../../central-office/contract/api';
import type { Clock, TimerHandle } from '../../common/clock';
import type { Logger } from '../../common/log';
import { err, ok, type Result } from '../../common/result';
import type { CaptureProgress, FingerGuidance as ReaderGuidance, FingerprintReader, FingerprintTemplate } from '../../devices/fingerprint';
import type { FingerGuidance } from '../../state-machines/session/facts';
import { describeCentralError, type CentralOfficeClient } from '../central-client/client';
import type { CaptureFailure, FingerTemplate, IdentityFailure, IdentityPort } from '../session/ports';

/**
 * The session's IdentityPort over the fingerprint reader and the central office's verdict. The session asks for a
 * capture and then a verdict as two steps (it shows "verifying" in between and counts attempts itself), so this
 * adapter composes the reader and an `IdentityVerifier`:
 *
 * - the template never leaves this adapter except in the one verify request: the session receives an opaque handle
 *   (`FingerTemplate.template`), the bytes stay in the reader's buffer and are zeroed as soon as the central office
 *   has answered — or after TEMPLATE_HOLD_MS if the session never asks (the citizen cancelled in between);
 * - nothing here logs a resident number, a template or a name; only outcomes, counts and times.
 */
export const TEMPLATE_HOLD_MS = 60_000;

/** Why the central office gave no verdict (the shape the central-office client returns). */
export type VerifyFailure = { readonly kind: 'unreachable' | 'rejected' | 'invalid-response'; readonly detail: string };

/**
 * POST /v1/identity/verify, as the kiosk's central-office client offers it (`centralIdentityVerifier`; tests use
 * test/support/fake-identity-verifier.ts). `residentNumber` is `YYMMDD-GNNNNNN`; `template` is the raw character
 * file and is zeroed after the promise settles, so a verifier must not keep a reference to it.
 */
export interface IdentityVerifier {
  verify(residentNumber: string, template: Uint8Array, documentCodes: readonly string[]): Promise<Result<IdentityVerdict, VerifyFailure>>;
}

/** The reader's hints after a poor image, in the session's coarser vocabulary. */
const GUIDANCE: Record<ReaderGuidance, FingerGuidance> = {
  'press-firmly': 'press-harder',
  'more-of-finger': 'move-finger',
  'hold-still': 'lift-finger',
  'wipe-finger': 'lift-finger',
  'lift-and-retry': 'lift-finger',
};

export function guidanceOf(progress: CaptureProgress): FingerGuidance | null {
  switch (progress.type) {
    case 'waiting-for-finger':
      return 'place-finger';
    case 'finger-detected':
    case 'uploading':
      return 'reading';
    case 'poor-image':
      return GUIDANCE[progress.guidance];
  }
}

/** The central-office client as the identity service's verifier: base64 inside the request, no copy kept. */
export function centralIdentityVerifier(client: Pick<CentralOfficeClient, 'verifyIdentity'>): IdentityVerifier {
  return {
    async verify(residentNumber, template, documentCodes) {
      // A view over the caller's buffer, not a copy: the caller zeroes it when this promise settles.
      const encoded = Buffer.from(template.buffer, template.byteOffset, template.byteLength).toString('base64');
      const answer = await client.verifyIdentity({ residentNumber, template: encoded, documentCodes: [...documentCodes] });
      if (answer.ok) return ok(answer.value);
      const kind: VerifyFailure['kind'] =
        answer.error.kind === 'rejected' ? 'rejected' : answer.error.kind === 'invalid-response' ? 'invalid-response' : 'unreachable';
      return err({ kind, detail: describeCentralError(answer.error) });
    },
  };
}

export type IdentityAdapterDeps = {
  readonly reader: FingerprintReader;
  readonly verifier: IdentityVerifier;
  readonly clock: Clock;
  readonly log: Logger;
};

type Held = { readonly template: FingerprintTemplate; readonly expiry: TimerHandle };

export class ReaderIdentityPort implements IdentityPort {
  private readonly held = new Map<string, Held>();
  /** The capture under way: the reader takes one at a time, and an aborted one takes a poll to end. */
  private capturing: Promise<unknown> | null = null;

  constructor(private readonly deps: IdentityAdapterDeps) {}

  /** Templates captured and not yet sent (tests: none may be left behind). */
  get heldTemplates(): number {
    return this.held.size;
  }

  async capture(options: {
    readonly timeoutMs: number;
    readonly signal: AbortSignal;
    readonly onGuidance: (guidance: FingerGuidance) => void;
  }): Promise<Result<FingerTemplate, CaptureFailure>> {
    // A capture the session abandoned (cancel, time-out) may still be ending: wait for it rather than fail.
    while (this.capturing) await this.capturing.catch(() => undefined);
    const run = this.captureNow(options);
    this.capturing = run;
    try {
      return await run;
    } finally {
      if (this.capturing === run) this.capturing = null;
    }
  }

  private async captureNow(options: {
    readonly timeoutMs: number;
    readonly signal: AbortSignal;
    readonly onGuidance: (guidance: FingerGuidance) => void;
  }): Promise<Result<FingerTemplate, CaptureFailure>> {
    const { clock, reader } = this.deps;
    const abort = new AbortController();
    const stop = () => abort.abort();
    options.signal.addEventListener('abort', stop, { once: true });
    const timer = clock.setTimeout(stop, options.timeoutMs);
    let last: FingerGuidance | null = null;
    try {
      if (options.signal.aborted) return err({ kind: 'no-finger' });
      const captured = await reader.capture({
        signal: abort.signal,
        onProgress: (progress) => {
          const guidance = guidanceOf(progress);
          if (guidance && guidance !== last && !abort.signal.aborted) {
            last = guidance;
            options.onGuidance(guidance);
          }
        },
      });
      if (!captured.ok) {
        switch (captured.error.kind) {
          case 'no-finger':
          case 'cancelled':
            return err({ kind: 'no-finger' });
          case 'poor-image':
            return err({ kind: 'poor-image' });
          case 'reader-unavailable':
            return err({ kind: 'reader-fault', code: captured.error.fault.kind });
        }
      }
      const template = captured.value;
      if (options.signal.aborted) {
        template.wipe();
        return err({ kind: 'no-finger' });
      }
      const handle = randomUUID();
      const expiry = clock.setTimeout(() => this.forget(handle), TEMPLATE_HOLD_MS);
      this.held.set(handle, { template, expiry });
      return ok({ template: handle });
    } catch (error) {
      this.deps.log.error({ event: 'identity.capture-error', error });
      return err({ kind: 'reader-fault', code: 'adapter-error' });
    } finally {
      clock.clearTimeout(timer);
      options.signal.removeEventListener('abort', stop);
    }
  }

  async verify(request: {
    readonly residentNumber: string;
    readonly template: FingerTemplate;
    readonly documentCodes: readonly string[];
  }): ReturnType<IdentityPort['verify']> {
    const held = this.take(request.template.template);
    if (!held) return err({ kind: 'refused', code: 'template-expired' });
    const started = this.deps.clock.now();
    let verdict: Awaited<ReturnType<IdentityVerifier['verify']>>;
    try {
      verdict = await this.deps.verifier.verify(request.residentNumber, held.bytes(), request.documentCodes);
    } catch (error) {
      this.deps.log.error({ event: 'identity.verify-error', error });
      return err({ kind: 'unreachable' });
    } finally {
      held.wipe();
    }
    const ms = this.deps.clock.now() - started;
    if (!verdict.ok) {
      this.deps.log.warn({ event: 'identity.verify', outcome: verdict.error.kind, ms });
      return err(identityFailureOf(verdict.error));
    }
    const value = verdict.value;
    this.deps.log.info({ event: 'identity.verify', outcome: value.verified ? 'verified' : value.reason, ms });
    if (value.verified) return ok({ verified: true, token: value.token, entitlements: value.entitlements, displayName: value.displayName });
    return ok({ verified: false, reason: value.reason, attemptsLeft: value.attemptsLeft });
  }

  /** Zero every template still held (the kiosk stops). */
  wipeAll(): void {
    for (const handle of [...this.held.keys()]) this.forget(handle);
  }

  private take(handle: string): FingerprintTemplate | null {
    const held = this.held.get(handle);
    if (!held) return null;
    this.held.delete(handle);
    this.deps.clock.clearTimeout(held.expiry);
    return held.template;
  }

  private forget(handle: string): void {
    this.take(handle)?.wipe();
  }
}

function identityFailureOf(failure: VerifyFailure): IdentityFailure {
  switch (failure.kind) {
    case 'unreachable':
    case 'invalid-response':
      return { kind: 'unreachable' };
    case 'rejected':
      return { kind: 'refused', code: 'rejected' };
  }
}
