import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * The technician PIN is stored only as an scrypt hash in the configuration (`scrypt$<salt>$<hash>`), so a copied
 * configuration file does not give away the PIN. `kiosk pin-hash` prints a hash for a new PIN.
 */
const KEY_LENGTH = 32;

export function hashPin(pin: string, salt: Buffer = randomBytes(16)): string {
  return `scrypt$${salt.toString('hex')}$${scryptSync(pin, salt, KEY_LENGTH).toString('hex')}`;
}

export function verifyPin(pin: string, stored: string): boolean {
  const [scheme, saltHex, hashHex] = stored.split('$');
  if (scheme !== 'scrypt' || !saltHex || !hashHex) return false;
  const expected = Buffer.from(hashHex, 'hex');
  const actual = scryptSync(pin, Buffer.from(saltHex, 'hex'), expected.length);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
