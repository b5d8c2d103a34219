/**
 * A fingerprint template (the R30x character file uploaded after UpChar) held in memory for one identity request.
 * It is biometric data: never logged, never stored, zeroed with `wipe()` as soon as the central office has answered
 * (domain.md "Privacy and security"). Text forms show only its size.
 */
export class FingerprintTemplate {
  readonly #bytes: Uint8Array;
  #wiped = false;

  /** Takes ownership of `bytes` (the driver's reassembly buffer); the caller must not keep another reference. */
  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }

  get length(): number {
    return this.#bytes.length;
  }

  get isWiped(): boolean {
    return this.#wiped;
  }

  /**
   * The bytes themselves, for the identity request body only. The view is zeroed by `wipe()`; an encoding made
   * from it (base64 for JSON) is a JS string and cannot be — keep it inside the request.
   */
  bytes(): Uint8Array {
    if (this.#wiped) throw new Error('fingerprint template used after it was wiped');
    return this.#bytes;
  }

  wipe(): void {
    this.#bytes.fill(0);
    this.#wiped = true;
  }

  toString(): string {
    return `[fingerprint template, ${this.#bytes.length} bytes${this.#wiped ? ', wiped' : ''}]`;
  }

  toJSON(): string {
    return this.toString();
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}
