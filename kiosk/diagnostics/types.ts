import type { Clock } from '../../common/clock';

/**
 * What a technician learns about a device, whoever asks — the service-mode screen, `kiosk diag` on a laptop, or
 * `kiosk diag` asking a running kiosk over its API: its state, what is wrong in plain words (Korean and English) next
 * to the raw code, its raw details (firmware, serial number, last error, counters), and the result of its self-test.
 */
export type Words = { readonly ko: string; readonly en: string };

export const DEVICE_IDS = ['bill-acceptor', 'coin-hoppers', 'receipt-printer', 'a4-printer', 'fingerprint', 'keypad'] as const;
export type DeviceId = (typeof DEVICE_IDS)[number];

export const DEVICE_LABELS: Readonly<Record<DeviceId, Words>> = {
  'bill-acceptor': { ko: '지폐 인식기', en: 'Bill acceptor' },
  'coin-hoppers': { ko: '동전 방출기', en: 'Coin hoppers' },
  'receipt-printer': { ko: '영수증 프린터', en: 'Receipt printer' },
  'a4-printer': { ko: 'A4 프린터', en: 'A4 printer' },
  fingerprint: { ko: '지문 인식기', en: 'Fingerprint reader' },
  keypad: { ko: '점자 키패드', en: 'Tactile keypad' },
};

/** `ok`: works; `warning`: works but needs a visit soon (paper near its end); `fault`: stopped; `offline`: not answering. */
export type DeviceHealth = 'ok' | 'warning' | 'fault' | 'offline' | 'absent';

export type Problem = {
  /** Stable code for logs and scripts (the driver's fault code). */
  readonly code: string;
  readonly severity: 'warning' | 'fault';
  /** What is wrong, in plain words. */
  readonly what: Words;
  /** What to do about it. */
  readonly action: Words;
  /** The device's own code or text (ID-003 status byte, IPP reason keyword, R30x confirmation code …). */
  readonly raw: string | null;
};

export type RawValue = string | number | boolean | null;

export type DeviceReport = {
  readonly id: DeviceId;
  readonly label: Words;
  readonly driver: string;
  readonly description: string;
  readonly health: DeviceHealth;
  /** The driver's state word (`idle`, `ready`, `fault` …). */
  readonly state: string;
  readonly problems: readonly Problem[];
  readonly firmware: string | null;
  readonly serialNumber: string | null;
  readonly lastError: { readonly code: string; readonly detail: string; readonly at: number } | null;
  readonly counters: Readonly<Record<string, number>>;
  readonly details: Readonly<Record<string, RawValue>>;
};

export type SelfTestStep = {
  readonly at: number;
  /** `prompt`: the technician must act (insert a note, place a finger, press keys). */
  readonly kind: 'info' | 'prompt' | 'ok' | 'problem';
  readonly text: Words;
  readonly raw?: string;
};

export type SelfTestOutcome = {
  readonly device: DeviceId;
  readonly passed: boolean;
  readonly summary: Words;
  readonly problems: readonly Problem[];
  readonly measurements: Readonly<Record<string, RawValue>>;
};

export type SelfTestContext = {
  readonly clock: Clock;
  /** Aborted when the technician cancels or leaves service mode. */
  readonly signal: AbortSignal;
  step(step: Omit<SelfTestStep, 'at'>): void;
};

/** One device as diagnostics sees it: built over the real driver objects (diagnostics/devices.ts). */
export interface DeviceDiagnostics {
  readonly id: DeviceId;
  /** Needs the technician to act during the self-test. */
  readonly interactive: boolean;
  report(): Promise<DeviceReport>;
  selfTest(context: SelfTestContext): Promise<SelfTestOutcome>;
}

export function worstHealth(healths: readonly DeviceHealth[]): DeviceHealth {
  const order: DeviceHealth[] = ['offline', 'fault', 'warning', 'ok', 'absent'];
  for (const health of order) if (healths.includes(health)) return health;
  return 'absent';
}

/** A cancellable wait on the context's clock; resolves false when cancelled. */
export function pause(context: SelfTestContext, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    if (context.signal.aborted) return resolve(false);
    const onAbort = () => {
      context.clock.clearTimeout(timer);
      resolve(false);
    };
    const timer = context.clock.setTimeout(() => {
      context.signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    context.signal.addEventListener('abort', onAbort, { once: true });
  });
}
