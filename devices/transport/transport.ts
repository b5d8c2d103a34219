import type { Result } from '../../common/result';

/**
 * One interface over serial ports, USB-HID and the in-process loopback used by tests and the demo. Codecs and
 * drivers see only bytes; how they travel is the transport's business (reference/protocols.md §6).
 */
export type TransportError = {
  readonly kind: 'not-found' | 'open-failed' | 'write-failed' | 'closed' | 'io-error';
  /** The raw error text from the OS or library, kept for the technician's log. */
  readonly detail: string;
};

export type TransportEvent =
  | { readonly type: 'data'; readonly bytes: Uint8Array }
  | { readonly type: 'error'; readonly error: TransportError }
  | { readonly type: 'closed'; readonly reason: string };

export interface Transport {
  /** Human-readable, e.g. `serial:/dev/serial/by-id/usb-JCM…` or `loopback:bill-acceptor`. */
  readonly description: string;
  readonly isOpen: boolean;
  open(): Promise<Result<void, TransportError>>;
  write(bytes: Uint8Array): Promise<Result<void, TransportError>>;
  /** Subscribe to data, errors and closing; returns the unsubscribe function. */
  subscribe(listener: (event: TransportEvent) => void): () => void;
  close(): Promise<void>;
}

/** Serial line settings; the defaults are 8N1. ID-003 wants even parity; a pty ignores parity. */
export type SerialSettings = {
  readonly baudRate: number;
  readonly dataBits?: 7 | 8;
  readonly parity?: 'none' | 'even' | 'odd';
  readonly stopBits?: 1 | 2;
};
