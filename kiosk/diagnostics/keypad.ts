import type { Clock } from '../../common/clock';
import type { Keypad, KeypadStatus } from '../../devices/keypad/driver';
import type { NavigationCommand } from '../../devices/keypad/keys';
import { explain } from './explain';
import { DEVICE_LABELS, type DeviceDiagnostics, type DeviceHealth, type DeviceReport, type SelfTestContext, type SelfTestOutcome } from './types';

/**
 * The tactile keypad under diagnosis. The self-test asks the technician to press every navigation key and listens
 * for each one (through the same driver the citizen's session uses); keys that stay silent are listed.
 */
export const KEY_TEST_MS = 60_000;

/** The keys a blind citizen cannot do without (navigate, select, back, help). */
export const KEYS_TO_TEST = ['up', 'down', 'left', 'right', 'select', 'back', 'help'] as const;
export type TestedKey = (typeof KEYS_TO_TEST)[number];

const KEY_WORDS: Record<TestedKey, { ko: string; en: string }> = {
  up: { ko: '위', en: 'up' },
  down: { ko: '아래', en: 'down' },
  left: { ko: '왼쪽', en: 'left' },
  right: { ko: '오른쪽', en: 'right' },
  select: { ko: '선택', en: 'select' },
  back: { ko: '뒤로', en: 'back' },
  help: { ko: '도움말', en: 'help' },
};

function keyOf(command: NavigationCommand): TestedKey | null {
  switch (command.type) {
    case 'move':
      return command.direction;
    case 'select':
    case 'back':
    case 'help':
      return command.type;
    default:
      return null;
  }
}

const HEALTH: Record<KeypadStatus, DeviceHealth> = { connected: 'ok', disconnected: 'offline', absent: 'absent' };

export class KeypadDiagnostics implements DeviceDiagnostics {
  readonly id = 'keypad' as const;
  readonly interactive = true;
  private lastError: DeviceReport['lastError'] = null;
  private readonly counters = { keyPresses: 0 };

  constructor(
    private readonly keypad: Keypad,
    private readonly options: { readonly driver: string; readonly clock: Clock },
  ) {
    keypad.onStatus((status, detail) => {
      if (status === 'disconnected') this.lastError = { code: 'disconnected', detail: detail ?? 'the keypad went away', at: options.clock.now() };
    });
    keypad.onCommand(() => {
      this.counters.keyPresses += 1;
    });
  }

  async report(): Promise<DeviceReport> {
    const status = this.keypad.status;
    return {
      id: this.id,
      label: DEVICE_LABELS[this.id],
      driver: this.options.driver,
      description: this.keypad.description,
      health: HEALTH[status],
      state: status,
      problems: status === 'disconnected' ? [explain('keypad', 'disconnected', this.lastError?.detail ?? null)] : [],
      firmware: null,
      serialNumber: null,
      lastError: this.lastError,
      counters: { ...this.counters },
      details: { voiceGuidance: this.keypad.voiceGuidance },
    };
  }

  async selfTest(context: SelfTestContext): Promise<SelfTestOutcome> {
    if (this.keypad.status === 'absent') {
      return { device: this.id, passed: true, summary: { ko: '키패드가 설정되어 있지 않습니다', en: 'No keypad is configured' }, problems: [], measurements: {} };
    }
    if (this.keypad.status === 'disconnected') {
      const problem = explain('keypad', 'disconnected', this.lastError?.detail ?? null);
      context.step({ kind: 'problem', text: problem.what, raw: problem.code });
      return { device: this.id, passed: false, summary: problem.what, problems: [problem], measurements: {} };
    }
    const pressed = new Set<TestedKey>();
    const remaining = () => KEYS_TO_TEST.filter((key) => !pressed.has(key));
    const names = (keys: readonly TestedKey[], lang: 'ko' | 'en') => keys.map((key) => KEY_WORDS[key][lang]).join(', ');
    context.step({ kind: 'prompt', text: { ko: `키를 하나씩 누르세요: ${names(KEYS_TO_TEST, 'ko')}`, en: `Press each key: ${names(KEYS_TO_TEST, 'en')}` } });
    let done: (() => void) | undefined;
    const off = this.keypad.onCommand((command) => {
      const key = keyOf(command);
      if (!key || pressed.has(key)) return;
      pressed.add(key);
      context.step({ kind: 'ok', text: { ko: `"${KEY_WORDS[key].ko}" 키 정상`, en: `"${KEY_WORDS[key].en}" key OK` } });
      if (remaining().length === 0) done?.();
    });
    await new Promise<void>((resolve) => {
      const timer = context.clock.setTimeout(resolve, KEY_TEST_MS);
      const finish = () => {
        context.clock.clearTimeout(timer);
        resolve();
      };
      done = finish;
      context.signal.addEventListener('abort', finish, { once: true });
    });
    off();
    const missing = remaining();
    const measurements = { pressed: [...pressed].join(' ') || null, missing: missing.join(' ') || null, voiceGuidance: this.keypad.voiceGuidance };
    if (context.signal.aborted && missing.length > 0) return { device: this.id, passed: false, summary: { ko: '시험을 취소했습니다', en: 'Test cancelled' }, problems: [], measurements };
    if (missing.length > 0) {
      const problem = explain('keypad', 'keys-missing', `no signal from: ${missing.join(', ')}`);
      const what = { ko: `${problem.what.ko}: ${names(missing, 'ko')}`, en: `${problem.what.en}: ${names(missing, 'en')}` };
      context.step({ kind: 'problem', text: what, raw: problem.raw ?? undefined });
      return { device: this.id, passed: false, summary: what, problems: [{ ...problem, what }], measurements };
    }
    return { device: this.id, passed: true, summary: { ko: '정상: 모든 키가 눌렸습니다', en: 'OK: every key answered' }, problems: [], measurements };
  }
}
