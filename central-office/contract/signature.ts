import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Request signing shared by the kiosk (which signs) and the central office (which checks). Each kiosk has a key id
 * and a secret; a request carries four headers and the signature is HMAC-SHA256 over a canonical text of the method,
 * the path with its query exactly as sent, the timestamp, a random nonce and the SHA-256 of the body bytes.
 *
 * The nonce makes two otherwise identical requests in the same millisecond sign differently, so that the central
 * office can refuse any signature it has already seen within the replay window without refusing honest retries
 * (a retry is signed again with a fresh nonce and timestamp).
 */
export const AUTH_HEADERS = {
  keyId: 'x-kiosk-key-id',
  timestamp: 'x-kiosk-timestamp',
  nonce: 'x-kiosk-nonce',
  signature: 'x-kiosk-signature',
} as const;

export const SIGNATURE_SCHEME = 'KIOSK-HMAC-SHA256';

/** How far a request's timestamp may be from the central office's clock, either way. */
export const REPLAY_WINDOW_MS = 5 * 60 * 1000;

export type SignedParts = {
  readonly method: string;
  /** Path and query string exactly as they appear in the request line, e.g. `/v1/documents/verify?issuance=…`. */
  readonly path: string;
  /** Milliseconds since the Unix epoch, on the signer's clock. */
  readonly timestamp: number;
  readonly nonce: string;
  readonly body: Uint8Array | string;
};

export function bodyDigest(body: Uint8Array | string): string {
  return createHash('sha256').update(body).digest('hex');
}

export function canonicalRequest(parts: SignedParts): string {
  return [SIGNATURE_SCHEME, parts.method.toUpperCase(), parts.path, String(parts.timestamp), parts.nonce, bodyDigest(parts.body)].join(
    '\n',
  );
}

export function computeSignature(secret: string, parts: SignedParts): string {
  return createHmac('sha256', secret).update(canonicalRequest(parts)).digest('hex');
}

/** Constant-time comparison of two hex signatures (a length mismatch is simply unequal). */
export function signaturesEqual(expectedHex: string, receivedHex: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(receivedHex)) return false;
  return timingSafeEqual(Buffer.from(expectedHex, 'hex'), Buffer.from(receivedHex, 'hex'));
}

export type SigningKey = { readonly keyId: string; readonly secret: string };

/** The headers a kiosk adds to a request. `nonce` is random unless given (tests pin it to replay a request). */
export function signRequest(
  key: SigningKey,
  request: { readonly method: string; readonly path: string; readonly body: Uint8Array | string; readonly timestamp: number; readonly nonce?: string },
): Record<string, string> {
  const nonce = request.nonce ?? randomBytes(16).toString('hex');
  const signature = computeSignature(key.secret, { ...request, nonce });
  return {
    [AUTH_HEADERS.keyId]: key.keyId,
    [AUTH_HEADERS.timestamp]: String(request.timestamp),
    [AUTH_HEADERS.nonce]: nonce,
    [AUTH_HEADERS.signature]: signature,
  };
}
