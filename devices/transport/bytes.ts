/** Hex notation for logs, golden frames and simulator output: `FC 05 11 27 56`. */
export function toHex(bytes: ArrayLike<number>): string {
  return Array.from(bytes, (b) => (b & 0xff).toString(16).padStart(2, '0').toUpperCase()).join(' ');
}

export function fromHex(text: string): Uint8Array {
  const digits = text.replace(/\s+/g, '');
  if (!/^([0-9a-f]{2})*$/i.test(digits)) throw new Error(`not hexadecimal bytes: ${text}`);
  return Uint8Array.from(digits.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));
}

export function hexByte(byte: number): string {
  return `0x${(byte & 0xff).toString(16).padStart(2, '0').toUpperCase()}`;
}
