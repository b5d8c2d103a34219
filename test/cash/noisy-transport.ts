import type { Result } from '../../common/result';
import type { Transport, TransportError, TransportEvent } from '../../devices/transport/transport';

/**
 * A line with noise between a driver and its device: bytes flipped, dropped, duplicated or inserted in both
 * directions, with a seeded generator so that a failing run can be replayed.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 1;
  }

  /** xorshift32: fast, deterministic, good enough to pick bytes. */
  next(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state / 0x100000000;
  }

  byte(): number {
    return Math.floor(this.next() * 256);
  }

  int(max: number): number {
    return Math.floor(this.next() * max);
  }

  bytes(n: number): Uint8Array {
    return Uint8Array.from({ length: n }, () => this.byte());
  }
}

export type NoiseLevel = { readonly flip: number; readonly drop: number; readonly insert: number };

export function corrupt(bytes: Uint8Array, random: SeededRandom, noise: NoiseLevel): Uint8Array {
  const out: number[] = [];
  for (const byte of bytes) {
    if (random.next() < noise.insert) out.push(random.byte());
    if (random.next() < noise.drop) continue;
    out.push(random.next() < noise.flip ? byte ^ (1 << random.int(8)) : byte);
  }
  return Uint8Array.from(out);
}

export class NoisyTransport implements Transport {
  noise: NoiseLevel;

  constructor(
    private readonly inner: Transport,
    private readonly random: SeededRandom,
    noise: NoiseLevel,
  ) {
    this.noise = noise;
  }

  get description(): string {
    return `noisy:${this.inner.description}`;
  }

  get isOpen(): boolean {
    return this.inner.isOpen;
  }

  open(): Promise<Result<void, TransportError>> {
    return this.inner.open();
  }

  write(bytes: Uint8Array): Promise<Result<void, TransportError>> {
    return this.inner.write(corrupt(bytes, this.random, this.noise));
  }

  subscribe(listener: (event: TransportEvent) => void): () => void {
    return this.inner.subscribe((event) => {
      if (event.type !== 'data') return listener(event);
      const bytes = corrupt(event.bytes, this.random, this.noise);
      if (bytes.length > 0) listener({ type: 'data', bytes });
    });
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/** A device end that answers every request with random bytes (no protocol at all). */
export function babbler(device: Transport, random: SeededRandom, maxBytes = 12): () => void {
  return device.subscribe((event) => {
    if (event.type !== 'data') return;
    void device.write(random.bytes(random.int(maxBytes + 1)));
  });
}
