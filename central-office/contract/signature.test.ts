import { bodyDigest, canonicalRequest, computeSignature, signRequest, signaturesEqual } from './signature';

describe('request signatures', () => {
  const parts = { method: 'post', path: '/v1/events', timestamp: 1_795_000_000_000, nonce: '00112233445566778899aabbccddeeff', body: '{"events":[]}' };

  it('signs a canonical text of scheme, method, path, timestamp, nonce and body digest', () => {
    expect(bodyDigest(parts.body)).toBe('24de1c4a19c43ad41b013f13dcd858c17b0daa7f33a53f19913e5b11366d1c2e');
    expect(canonicalRequest(parts)).toBe(
      'KIOSK-HMAC-SHA256\nPOST\n/v1/events\n1795000000000\n00112233445566778899aabbccddeeff\n24de1c4a19c43ad41b013f13dcd858c17b0daa7f33a53f19913e5b11366d1c2e',
    );
    // Golden value from `openssl dgst -sha256 -hmac 'demo-secret-not-for-production-use'` over the text above.
    expect(computeSignature('demo-secret-not-for-production-use', parts)).toBe('c2a0633c84a17d63587f803d53eeccca51aaa316cb1a2c44b3c0426217e46a9a');
  });

  it('gives the headers a kiosk sends, with a fresh nonce each time', () => {
    const key = { keyId: 'GJ-HALL-01', secret: 'demo-secret-not-for-production-use' };
    const a = signRequest(key, { method: 'POST', path: '/v1/events', body: '{}', timestamp: 1 });
    const b = signRequest(key, { method: 'POST', path: '/v1/events', body: '{}', timestamp: 1 });
    expect(Object.keys(a).sort()).toEqual(['x-kiosk-key-id', 'x-kiosk-nonce', 'x-kiosk-signature', 'x-kiosk-timestamp']);
    expect(a['x-kiosk-nonce']).not.toBe(b['x-kiosk-nonce']);
    expect(a['x-kiosk-signature']).not.toBe(b['x-kiosk-signature']);
  });

  it('compares signatures in constant time and refuses non-hex input', () => {
    const signature = computeSignature('s', parts);
    expect(signaturesEqual(signature, signature)).toBe(true);
    expect(signaturesEqual(signature, signature.replace(/.$/, (last) => (last === '0' ? '1' : '0')))).toBe(false);
    expect(signaturesEqual(signature, 'zz')).toBe(false);
  });
});
