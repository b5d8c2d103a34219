import type { Logger } from '../../common/log';
import type { DeviceFault } from '../../state-machines/session/types';

/**
 * Device health as the kiosk acts on it: every device's latest state, from its driver's own events or from polls;
 * the faults that put the attract screen out of service (`runtime.setHealth`); and
 * a `device.fault` / `device.recovered` issuance-log event when a device crosses between working and not.
 *
 * Which devices stop issuance: the A4 printer (no certificate without it), the bill acceptor (no fee without it)
 * and the fingerprint reader (most documents need identity). The receipt printer, the coin hoppers and the keypad
 * do not: the session's own guards say what a missing receipt or missing change means for each citizen.
 */
export const DEVICES = ['a4-printer', 'receipt-printer', 'bill-acceptor', 'coin-hoppers', 'fingerprint', 'keypad'] as const;
export type DeviceName = (typeof DEVICES)[number];

export const ISSUANCE_DEVICES: ReadonlySet<DeviceName> = new Set(['a4-printer', 'bill-acceptor', 'fingerprint']);

export type DeviceCondition =
  /** Working. */
  | 'ok'
  /** Working, with something to look at soon (paper low, toner low, reconnecting). */
  | 'warning'
  /** Starting or reconnecting: not yet known to work, not known to be broken. */
  | 'starting'
  | 'fault'
  | 'offline'
  /** Not fitted (e.g. no keypad configured). */
  | 'absent';

export type DeviceHealth = { readonly condition: DeviceCondition; readonly code: string | null; readonly detail?: string };

/**
 * The citizen's words for a device problem: a key of the renderer's `fault.*` catalogue (the out-of-service screen
 * names the device and says this); the raw code goes beside it for the technician.
 */
const FAULT_KEYS: readonly (readonly [RegExp, string])[] = [
  [/stacker-full|cash-box-full/, 'fault.cash-box-full'],
  [/coins-empty|^empty$/, 'fault.coins-empty'],
  [/paper-out|media-empty|paper-end/, 'fault.paper-out'],
  [/paper-low|media-low|near-end/, 'fault.paper-low'],
  [/jam/, 'fault.jam'],
  [/cover-open|door-open|cash-box-open|box-open/, 'fault.cover-open'],
];

export function faultMessageKey(health: DeviceHealth): string {
  const code = health.code ?? '';
  const known = FAULT_KEYS.find(([pattern]) => pattern.test(code));
  if (known) return known[1];
  return health.condition === 'offline' ? 'fault.disconnected' : 'fault.unknown';
}

const DOWN: ReadonlySet<DeviceCondition> = new Set(['fault', 'offline']);

export type HealthEvents = {
  fault(device: DeviceName, code: string, detail: string): void;
  recovered(device: DeviceName): void;
};

export class HealthBoard {
  private readonly health = new Map<DeviceName, DeviceHealth>();
  private readonly listeners = new Set<(faults: readonly DeviceFault[]) => void>();
  private lastFaultKey = '';

  constructor(
    private readonly log: Logger,
    private readonly events: HealthEvents | null = null,
  ) {
    for (const device of DEVICES) this.health.set(device, { condition: 'starting', code: null });
  }

  set(device: DeviceName, next: DeviceHealth): void {
    const previous = this.health.get(device) ?? { condition: 'starting', code: null };
    if (previous.condition === next.condition && previous.code === next.code && previous.detail === next.detail) return;
    this.health.set(device, next);
    const wasDown = DOWN.has(previous.condition);
    const isDown = DOWN.has(next.condition);
    if (isDown && (!wasDown || previous.code !== next.code)) {
      this.log.warn({ event: 'device.fault', device, condition: next.condition, code: next.code, detail: next.detail });
      this.events?.fault(device, next.code ?? next.condition, next.detail ?? '');
    } else if (wasDown && !isDown) {
      this.log.info({ event: 'device.recovered', device, condition: next.condition });
      this.events?.recovered(device);
    } else if (previous.condition !== next.condition) {
      this.log.info({ event: 'device.state', device, condition: next.condition, code: next.code });
    }
    const faults = this.faults();
    const key = JSON.stringify(faults);
    if (key === this.lastFaultKey) return;
    this.lastFaultKey = key;
    for (const listener of [...this.listeners]) listener(faults);
  }

  get(device: DeviceName): DeviceHealth {
    return this.health.get(device) ?? { condition: 'starting', code: null };
  }

  /** The faults that stop issuance, for `runtime.setHealth`. */
  faults(): DeviceFault[] {
    const faults: DeviceFault[] = [];
    for (const device of DEVICES) {
      const health = this.get(device);
      if (!ISSUANCE_DEVICES.has(device) || !DOWN.has(health.condition)) continue;
      const code = health.code ?? health.condition;
      faults.push({ device, messageKey: faultMessageKey(health), code });
    }
    return faults;
  }

  onFaults(listener: (faults: readonly DeviceFault[]) => void): () => void {
    this.listeners.add(listener);
    listener(this.faults());
    return () => this.listeners.delete(listener);
  }
}
