import type { DocumentCode } from '../../../catalog';
import type { Clock, TimerHandle } from '../../../common/clock';
import { err, ok, type Result } from '../../../common/result';
import type { FingerGuidance, IdentityOutcome } from '../../../state-machines/session/facts';
import type { CaptureFailure, FingerTemplate, IdentityFailure, IdentityPort } from '../ports';

/**
 * A fingerprint reader and the central office's identity check. A capture waits for a finger (placed by the test,
 * or automatically `autoFingerAfterMs` after the capture starts), reads it, asks for the finger to be lifted, and
 * yields a template naming whose finger it was. The verification compares it with the resident's registered
 * finger and counts failures per resident number, as the central office does (locked at zero).
 */
export const FAKE_READ_MS = 600;
export const FAKE_VERIFY_MS = 500;
export const FAKE_OFFICE_ATTEMPTS = 5;

export type FakeResident = { readonly finger: string; readonly displayName: string; readonly entitlements: readonly string[] };

type Placement = { readonly finger: string; readonly quality: 'good' | 'poor' };

export class FakeIdentity implements IdentityPort {
  readonly residents = new Map<string, FakeResident>();
  /** Attempts left per resident number at the "central office". */
  readonly attemptsLeft = new Map<string, number>();
  /** The finger the next citizen places automatically (null: the test places it with `placeFinger`). */
  autoFinger: string | null = null;
  autoFingerAfterMs = 1_500;
  autoQuality: 'good' | 'poor' = 'good';
  readerFault: string | null = null;
  officeUnreachable = false;
  captures = 0;
  verifications = 0;
  private waiting: ((placement: Placement) => void) | null = null;

  constructor(private readonly clock: Clock) {}

  /** The citizen puts a finger on the reader (only matters while a capture is waiting). */
  placeFinger(finger: string, quality: 'good' | 'poor' = 'good'): boolean {
    const waiting = this.waiting;
    if (!waiting) return false;
    this.waiting = null;
    waiting({ finger, quality });
    return true;
  }

  get capturing(): boolean {
    return this.waiting !== null;
  }

  async capture(options: { timeoutMs: number; signal: AbortSignal; onGuidance: (guidance: FingerGuidance) => void }): Promise<Result<FingerTemplate, CaptureFailure>> {
    this.captures++;
    if (this.readerFault) return err({ kind: 'reader-fault', code: this.readerFault });
    options.onGuidance('place-finger');
    const placement = await new Promise<Placement | null>((resolve) => {
      const timers: TimerHandle[] = [];
      const finish = (value: Placement | null) => {
        for (const timer of timers) this.clock.clearTimeout(timer);
        if (this.waiting === onFinger) this.waiting = null;
        options.signal.removeEventListener('abort', onAbort);
        resolve(value);
      };
      const onFinger = (value: Placement) => finish(value);
      const onAbort = () => finish(null);
      this.waiting = onFinger;
      options.signal.addEventListener('abort', onAbort);
      timers.push(this.clock.setTimeout(() => finish(null), options.timeoutMs));
      const auto = this.autoFinger;
      if (auto !== null) timers.push(this.clock.setTimeout(() => this.placeFinger(auto, this.autoQuality), this.autoFingerAfterMs));
    });
    if (!placement) return err({ kind: 'no-finger' });
    options.onGuidance('reading');
    await this.clock.sleep(FAKE_READ_MS);
    if (options.signal.aborted) return err({ kind: 'no-finger' });
    if (placement.quality === 'poor') {
      options.onGuidance('press-harder');
      return err({ kind: 'poor-image' });
    }
    options.onGuidance('lift-finger');
    return ok({ template: Buffer.from(`finger:${placement.finger}`).toString('base64') });
  }

  async verify(request: { residentNumber: string; template: FingerTemplate; documentCodes: readonly DocumentCode[] }): Promise<Result<IdentityOutcome, IdentityFailure>> {
    await this.clock.sleep(FAKE_VERIFY_MS);
    this.verifications++;
    if (this.officeUnreachable) return err({ kind: 'unreachable' });
    const resident = this.residents.get(request.residentNumber);
    if (!resident) return ok({ verified: false, reason: 'unknown-resident', attemptsLeft: 0 });
    const left = this.attemptsLeft.get(request.residentNumber) ?? FAKE_OFFICE_ATTEMPTS;
    if (left <= 0) return ok({ verified: false, reason: 'locked', attemptsLeft: 0 });
    const finger = Buffer.from(request.template.template, 'base64').toString().replace(/^finger:/, '');
    if (finger !== resident.finger) {
      this.attemptsLeft.set(request.residentNumber, left - 1);
      return ok({ verified: false, reason: 'no-match', attemptsLeft: left - 1 });
    }
    this.attemptsLeft.set(request.residentNumber, FAKE_OFFICE_ATTEMPTS);
    return ok({ verified: true, token: `token-${this.verifications}`, entitlements: resident.entitlements, displayName: resident.displayName });
  }
}
