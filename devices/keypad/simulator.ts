import { FakeHidDevice } from '../transport/hid-fake';
import type { HidOpener } from '../transport/hid';
import type { NavigationKey } from './keys';
import { encodeKeyboardReport } from './report';

/**
 * A simulated tactile keypad: a fake HID keyboard that sends the same boot reports as the real one, so the simulated
 * kiosk runs the real keypad driver. Control: press a key, plug or pull the earphone, unplug the keypad.
 */
export interface KeypadSimulatorControl {
  press(key: NavigationKey): void;
  plugEarphone(): void;
  unplugEarphone(): void;
  unplug(): void;
  replug(): void;
}

export class KeypadSimulator implements KeypadSimulatorControl {
  private device: FakeHidDevice | undefined;
  private unplugged = false;
  private readonly usageOf = new Map<NavigationKey, number>();

  constructor(keyMap: Readonly<Record<number, NavigationKey>>) {
    for (const [usage, key] of Object.entries(keyMap)) if (!this.usageOf.has(key)) this.usageOf.set(key, Number(usage));
  }

  /** The opener to give the keypad driver. */
  readonly opener: HidOpener = async () => {
    if (this.unplugged) throw new Error('could not open HID device');
    this.device = new FakeHidDevice();
    return this.device;
  };

  press(key: NavigationKey): void {
    const usage = this.usageOf.get(key);
    if (usage === undefined) throw new Error(`no usage code is mapped to "${key}"`);
    this.device?.emitReport(encodeKeyboardReport([usage]));
    this.device?.emitReport(encodeKeyboardReport([]));
  }

  plugEarphone(): void {
    this.press('earphone-in');
  }

  unplugEarphone(): void {
    this.press('earphone-out');
  }

  unplug(): void {
    this.unplugged = true;
    this.device?.disconnect();
  }

  replug(): void {
    this.unplugged = false;
  }
}
