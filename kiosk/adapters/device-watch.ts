import type { Clock, TimerHandle } from '../../common/clock';
import type { A4Printer } from '../../devices/a4-printer/driver';
import type { FingerprintReader, ReaderFault, ReaderStatus } from '../../devices/fingerprint';
import type { Keypad, KeypadStatus } from '../../devices/keypad/driver';
import type { ReceiptPrinter } from '../../devices/receipt-printer/driver';
import { faultOf, type ReceiptPrinterStatus } from '../../devices/receipt-printer/status';
import type { CashReadiness, CashStatus as MoneyStatus } from '../cash/types';
import type { DeviceHealth, HealthBoard } from './health';

/**
 * Feeding the health board: devices that report their state (fingerprint reader, keypad, receipt printer's
 * automatic status back) are followed by their events; the A4 printer (IPP has no push) and the cash side are asked
 * every HEALTH_POLL_MS. Each function returns its stop.
 */
export const HEALTH_POLL_MS = 10_000;

export function readerHealth(status: ReaderStatus, fault?: ReaderFault): DeviceHealth {
  switch (status) {
    case 'ready':
    case 'capturing':
      return { condition: 'ok', code: null };
    case 'connecting':
      return { condition: 'starting', code: null };
    case 'disconnected':
      return { condition: 'offline', code: fault?.kind ?? 'disconnected', ...(fault ? { detail: fault.detail } : {}) };
    case 'fault':
      return { condition: 'fault', code: fault?.kind ?? 'fault', ...(fault ? { detail: fault.detail } : {}) };
  }
}

export function watchFingerprint(reader: FingerprintReader, board: HealthBoard): () => void {
  return reader.onStatus((status, fault) => board.set('fingerprint', readerHealth(status, fault)));
}

export function keypadHealth(status: KeypadStatus): DeviceHealth {
  switch (status) {
    case 'connected':
      return { condition: 'ok', code: null };
    case 'disconnected':
      // The keypad helps, it is not needed to issue: a warning for the technician, not out of service.
      return { condition: 'warning', code: 'disconnected' };
    case 'absent':
      return { condition: 'absent', code: null };
  }
}

export function watchKeypad(keypad: Keypad, board: HealthBoard): () => void {
  board.set('keypad', keypadHealth(keypad.status));
  return keypad.onStatus((status) => board.set('keypad', keypadHealth(status)));
}

export function receiptHealth(status: ReceiptPrinterStatus): DeviceHealth {
  const fault = faultOf(status);
  if (fault === 'offline') return { condition: 'offline', code: fault };
  if (fault) return { condition: 'fault', code: fault };
  return status.paper === 'near-end' ? { condition: 'warning', code: 'paper-low' } : { condition: 'ok', code: null };
}

export function watchReceiptPrinter(printer: ReceiptPrinter, board: HealthBoard): () => void {
  return printer.subscribe((event) => {
    switch (event.type) {
      case 'status':
      case 'reconnected':
        board.set('receipt-printer', receiptHealth(event.status));
        return;
      case 'disconnected':
        board.set('receipt-printer', { condition: 'offline', code: 'disconnected', detail: event.detail });
        return;
    }
  });
}

export async function checkReceiptPrinter(printer: ReceiptPrinter, board: HealthBoard): Promise<void> {
  const status = await printer.status();
  board.set('receipt-printer', status.ok ? receiptHealth(status.value) : { condition: 'offline', code: status.error.kind, detail: status.error.detail });
}

export async function checkA4Printer(printer: A4Printer, board: HealthBoard): Promise<void> {
  const status = await printer.status();
  if (!status.ok) {
    board.set('a4-printer', { condition: 'offline', code: 'unreachable', detail: status.error.detail });
    return;
  }
  const fault = status.value.faults[0];
  if (fault) {
    board.set('a4-printer', { condition: fault === 'offline' ? 'offline' : 'fault', code: fault });
    return;
  }
  const warning = status.value.warnings[0] ?? (printer.paper.count.low ? 'paper-low' : undefined);
  board.set('a4-printer', warning ? { condition: 'warning', code: warning } : { condition: 'ok', code: null });
}

/**
 * The cash side from the money service's own view: the acceptor's driver state (a note moving for a session is
 * working, not a fault — `readiness()` alone would say `fault` while a citizen pays) and, for a fault, whether it is
 * the full cash box; the hoppers ready when one of them can pay, with a warning when none holds a coin.
 */
export function cashHealth(status: MoneyStatus, readiness: Pick<CashReadiness, 'acceptor'>): { acceptor: DeviceHealth; hoppers: DeviceHealth } {
  const state = status.acceptor.state;
  const acceptor: DeviceHealth =
    state === 'offline'
      ? { condition: 'offline', code: 'not-responding' }
      : state === 'starting'
        ? { condition: 'starting', code: null }
        : state === 'fault'
          ? { condition: 'fault', code: readiness.acceptor === 'full' ? 'stacker-full' : 'fault' }
          : { condition: 'ok', code: null };
  const states = status.hoppers.map((hopper) => hopper.state);
  const hoppers: DeviceHealth =
    states.includes('ready') || states.includes('paying')
      ? status.changeCapacity > 0
        ? { condition: 'ok', code: null }
        : { condition: 'warning', code: 'coins-empty' }
      : states.length > 0 && states.every((hopper) => hopper === 'offline' || hopper === 'starting')
        ? { condition: 'offline', code: 'not-responding' }
        : { condition: 'fault', code: 'fault' };
  return { acceptor, hoppers };
}

/** Polls on the kiosk's clock; a poll that throws is reported as the device being unreachable, never crashes. */
export function poll(clock: Clock, everyMs: number, check: () => Promise<void>, onError: (error: unknown) => void): () => void {
  let stopped = false;
  let timer: TimerHandle | null = null;
  const run = () => {
    timer = null;
    void check()
      .catch(onError)
      .finally(() => {
        if (!stopped) timer = clock.setTimeout(run, everyMs);
      });
  };
  run();
  return () => {
    stopped = true;
    if (timer) clock.clearTimeout(timer);
  };
}
