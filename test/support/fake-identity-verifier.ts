import type { IdentityVerdict } from '../../central-office/contract/api';
import { err, ok, type Result } from '../../common/result';
import { enrolledTemplate, MATCH_THRESHOLD, templateSimilarity } from '../../devices/fingerprint/synthetic-finger';
import type { IdentityVerifier, VerifyFailure } from '../../kiosk/adapters/identity';

/**
 * A stand-in for the central office's identity check in tests that do not start the central office: a synthetic
 * population enrolled with `enrolledTemplate(residentNumber)`, the same similarity rule, attempts counted per number
 * (3, then locked), and a switch to make it unreachable. It keeps no template: each one is scored and dropped.
 */
export const FAKE_MAX_ATTEMPTS = 3;

export class FakeIdentityVerifier implements IdentityVerifier {
  reachable = true;
  /** Every call's template, as a copy, for tests that check what was sent. */
  readonly received: { residentNumber: string; template: Uint8Array; documentCodes: readonly string[] }[] = [];
  /** The caller's own template buffers, to prove they were wiped afterwards. */
  readonly templateBuffers: Uint8Array[] = [];
  private readonly failures = new Map<string, number>();

  constructor(
    private readonly population: ReadonlySet<string>,
    private readonly options: { keepCopies?: boolean } = {},
  ) {}

  async verify(residentNumber: string, template: Uint8Array, documentCodes: readonly string[]): Promise<Result<IdentityVerdict, VerifyFailure>> {
    this.templateBuffers.push(template);
    if (this.options.keepCopies) this.received.push({ residentNumber, template: Uint8Array.from(template), documentCodes });
    await Promise.resolve();
    if (!this.reachable) return err({ kind: 'unreachable', detail: 'connect ECONNREFUSED 127.0.0.1:9' });
    const failed = this.failures.get(residentNumber) ?? 0;
    if (failed >= FAKE_MAX_ATTEMPTS) return ok({ verified: false, reason: 'locked', attemptsLeft: 0 });
    if (!this.population.has(residentNumber)) {
      this.failures.set(residentNumber, failed + 1);
      return ok({ verified: false, reason: 'unknown-resident', attemptsLeft: FAKE_MAX_ATTEMPTS - failed - 1 });
    }
    if (templateSimilarity(template, enrolledTemplate(residentNumber)) >= MATCH_THRESHOLD) {
      this.failures.delete(residentNumber);
      return ok({
        verified: true,
        token: `token-${documentCodes.join('+')}`,
        expiresAt: '2026-11-25T01:10:00.000Z',
        entitlements: [],
        displayName: '홍길동',
      });
    }
    this.failures.set(residentNumber, failed + 1);
    return ok({ verified: false, reason: 'no-match', attemptsLeft: FAKE_MAX_ATTEMPTS - failed - 1 });
  }
}
