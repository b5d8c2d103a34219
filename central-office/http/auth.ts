import { err, ok, type Result } from '../../common/result';
import { AUTH_HEADERS, REPLAY_WINDOW_MS, computeSignature, signaturesEqual } from '../contract/signature';
import { failure, type ApiFailure } from '../service/failure';
import type { Caller, KeyRing } from '../service/kiosks';
import type { ReplayGuard } from './replay-guard';

/**
 * Checks a signed request (contract/signature.ts) in the order that gives the most useful reason: credentials
 * present, key id known, timestamp inside the window, signature right, signature not seen before. A forged request
 * never reaches the replay guard, so it cannot fill it.
 */
export type RequestToCheck = {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Uint8Array;
};

function header(request: RequestToCheck, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function authenticate(request: RequestToCheck, keys: KeyRing, guard: ReplayGuard, now: number): Result<Caller, ApiFailure> {
  const keyId = header(request, AUTH_HEADERS.keyId);
  const timestampText = header(request, AUTH_HEADERS.timestamp);
  const nonce = header(request, AUTH_HEADERS.nonce);
  const signature = header(request, AUTH_HEADERS.signature);
  const missing = Object.entries({ [AUTH_HEADERS.keyId]: keyId, [AUTH_HEADERS.timestamp]: timestampText, [AUTH_HEADERS.nonce]: nonce, [AUTH_HEADERS.signature]: signature })
    .filter(([, value]) => !value)
    .map(([name]) => name);
  if (missing.length > 0 || !keyId || !timestampText || !nonce || !signature) {
    return err(failure(401, 'missing-credentials', `the request is not signed: missing header(s) ${missing.join(', ')}`));
  }
  const key = keys.lookup(keyId);
  if (!key) return err(failure(401, 'unknown-key', `unknown key id "${keyId}": no kiosk or operator has it`));

  const timestamp = /^\d{1,16}$/.test(timestampText) ? Number(timestampText) : Number.NaN;
  if (!Number.isFinite(timestamp)) return err(failure(401, 'stale-timestamp', `${AUTH_HEADERS.timestamp} must be milliseconds since the epoch`));
  const skew = timestamp - now;
  if (Math.abs(skew) > REPLAY_WINDOW_MS) {
    return err(
      failure(
        401,
        'stale-timestamp',
        `the request's timestamp is ${Math.round(Math.abs(skew) / 1000)} s ${skew < 0 ? 'behind' : 'ahead of'} the office's clock (allowed ±${REPLAY_WINDOW_MS / 1000} s): check the kiosk's clock`,
      ),
    );
  }
  const expected = computeSignature(key.secret, { method: request.method, path: request.url, timestamp, nonce, body: request.body });
  if (!signaturesEqual(expected, signature)) {
    return err(failure(401, 'bad-signature', `the signature does not match key id "${keyId}" over method, path, timestamp, nonce and body`));
  }
  if (!guard.admit(signature, timestamp, now)) {
    return err(failure(401, 'replayed', 'this exact signed request was already received: a replay is refused (sign each request afresh)'));
  }
  return ok(key.caller);
}
