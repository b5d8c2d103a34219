/**
 * Receipt printer status as the kiosk needs it, decoded from the real-time status bytes (DLE EOT 1–4) and from
 * automatic status back (ASB, 4 bytes). Bit meanings: reference/protocols.md §3 (Epson ESC/POS reference).
 */
export type PaperLevel = 'ok' | 'near-end' | 'out';

export type ReceiptPrinterStatus = {
  readonly online: boolean;
  readonly coverOpen: boolean;
  readonly paper: PaperLevel;
  readonly cutterError: boolean;
  /** Needs a technician (e.g. a jammed mechanism); the printer stays stopped until power-cycled. */
  readonly unrecoverableError: boolean;
  /** Clears by itself (e.g. head overheated, cover opened while printing and closed again). */
  readonly autoRecoverableError: boolean;
};

export const HEALTHY_STATUS: ReceiptPrinterStatus = {
  online: true,
  coverOpen: false,
  paper: 'ok',
  cutterError: false,
  unrecoverableError: false,
  autoRecoverableError: false,
};

/** Whether a receipt may be started: paper near its end still prints; everything else stops it. */
export function canPrint(status: ReceiptPrinterStatus): boolean {
  return (
    status.online &&
    !status.coverOpen &&
    status.paper !== 'out' &&
    !status.cutterError &&
    !status.unrecoverableError &&
    !status.autoRecoverableError
  );
}

/** The first fault that stops printing, as a stable code for logs, the heartbeat and the session. */
export type ReceiptPrinterFault = 'paper-out' | 'cover-open' | 'cutter-error' | 'unrecoverable-error' | 'auto-recoverable-error' | 'offline';

export function faultOf(status: ReceiptPrinterStatus): ReceiptPrinterFault | null {
  if (status.paper === 'out') return 'paper-out';
  if (status.coverOpen) return 'cover-open';
  if (status.cutterError) return 'cutter-error';
  if (status.unrecoverableError) return 'unrecoverable-error';
  if (status.autoRecoverableError) return 'auto-recoverable-error';
  if (!status.online) return 'offline';
  return null;
}

/** A real-time status reply always has bits 1 and 4 set and bits 0 and 7 clear. */
export function isRealTimeStatusByte(byte: number): boolean {
  return (byte & 0x93) === 0x12;
}

/** The first byte of an ASB block has bit 4 set and bits 0, 1 and 7 clear. */
export function isAsbFirstByte(byte: number): boolean {
  return (byte & 0x93) === 0x10;
}

/** The four real-time answers (n = 1, 2, 3, 4) combined. */
export type RealTimeStatusBytes = { readonly printer: number; readonly offlineCause: number; readonly errorCause: number; readonly paperSensor: number };

export function decodeRealTimeStatus(bytes: RealTimeStatusBytes): ReceiptPrinterStatus {
  const paperEnd = (bytes.paperSensor & 0x60) !== 0 || (bytes.offlineCause & 0x20) !== 0;
  const nearEnd = (bytes.paperSensor & 0x0c) !== 0;
  return {
    online: (bytes.printer & 0x08) === 0,
    coverOpen: (bytes.offlineCause & 0x04) !== 0,
    paper: paperEnd ? 'out' : nearEnd ? 'near-end' : 'ok',
    cutterError: (bytes.errorCause & 0x08) !== 0,
    unrecoverableError: (bytes.errorCause & 0x20) !== 0,
    autoRecoverableError: (bytes.errorCause & 0x40) !== 0,
  };
}

export function encodeRealTimeStatus(status: ReceiptPrinterStatus): RealTimeStatusBytes {
  const error = status.cutterError || status.unrecoverableError || status.autoRecoverableError;
  return {
    printer: 0x12 | (status.online ? 0 : 0x08),
    offlineCause: 0x12 | (status.coverOpen ? 0x04 : 0) | (status.paper === 'out' ? 0x20 : 0) | (error ? 0x40 : 0),
    errorCause: 0x12 | (status.cutterError ? 0x08 : 0) | (status.unrecoverableError ? 0x20 : 0) | (status.autoRecoverableError ? 0x40 : 0),
    paperSensor: 0x12 | (status.paper === 'near-end' ? 0x0c : 0) | (status.paper === 'out' ? 0x60 : 0),
  };
}

/** ASB: b0 bit 3 offline, bit 5 cover open; b1 bit 3 cutter, bit 5 unrecoverable, bit 6 auto-recoverable; b2 bits 0–1 near end, bits 2–3 paper out. */
export function decodeAsb(block: Uint8Array): ReceiptPrinterStatus {
  const [b0 = 0, b1 = 0, b2 = 0] = block;
  return {
    online: (b0 & 0x08) === 0,
    coverOpen: (b0 & 0x20) !== 0,
    paper: (b2 & 0x0c) !== 0 ? 'out' : (b2 & 0x03) !== 0 ? 'near-end' : 'ok',
    cutterError: (b1 & 0x08) !== 0,
    unrecoverableError: (b1 & 0x20) !== 0,
    autoRecoverableError: (b1 & 0x40) !== 0,
  };
}

export function encodeAsb(status: ReceiptPrinterStatus): Uint8Array {
  return Uint8Array.from([
    0x10 | (status.online ? 0 : 0x08) | (status.coverOpen ? 0x20 : 0),
    (status.cutterError ? 0x08 : 0) | (status.unrecoverableError ? 0x20 : 0) | (status.autoRecoverableError ? 0x40 : 0),
    (status.paper === 'near-end' ? 0x03 : 0) | (status.paper === 'out' ? 0x0f : 0),
    0x00,
  ]);
}

export function sameStatus(a: ReceiptPrinterStatus, b: ReceiptPrinterStatus): boolean {
  return (
    a.online === b.online &&
    a.coverOpen === b.coverOpen &&
    a.paper === b.paper &&
    a.cutterError === b.cutterError &&
    a.unrecoverableError === b.unrecoverableError &&
    a.autoRecoverableError === b.autoRecoverableError
  );
}
