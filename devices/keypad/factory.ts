import type { z } from 'zod';
import type { Clock } from '../../common/clock';
import type { Logger } from '../../common/log';
import { assertNever } from '../../common/result';
import type { KeypadConfig } from '../../kiosk/config/schema';
import { openNodeHid, type HidOpener } from '../transport/hid';
import { HidKeypad, keyMapFrom, NoKeypad, type Keypad } from './driver';
import { KeypadSimulator, type KeypadSimulatorControl } from './simulator';

export type KeypadConfigValue = z.infer<typeof KeypadConfig>;

export type KeypadSetup = {
  readonly keypad: Keypad;
  /** Present only for `simulated`. */
  readonly simulator?: KeypadSimulatorControl;
};

export type KeypadDeps = {
  readonly clock: Clock;
  readonly log: Logger;
  /** Override for tests (a fake HID keyboard). */
  readonly hidOpener?: HidOpener;
};

/** The keypad the configuration names; `simulated` is the real driver reading a fake HID keyboard. */
export function createKeypad(config: KeypadConfigValue, deps: KeypadDeps): KeypadSetup {
  const log = deps.log.child({ device: 'keypad' });
  switch (config.driver) {
    case 'hid': {
      const selector = { vendorId: config.vendorId, productId: config.productId, ...(config.path ? { path: config.path } : {}) };
      const keypad = new HidKeypad({
        selector,
        opener: deps.hidOpener ?? openNodeHid,
        clock: deps.clock,
        log,
        keyMap: keyMapFrom(config.keyMap),
        earphone: config.earphone,
      });
      return { keypad };
    }
    case 'simulated': {
      const keyMap = keyMapFrom();
      const simulator = new KeypadSimulator(keyMap);
      const keypad = new HidKeypad({
        selector: { vendorId: 0, productId: 0 },
        opener: simulator.opener,
        clock: deps.clock,
        log,
        keyMap,
        earphone: 'reported-by-keypad',
      });
      return { keypad, simulator };
    }
    case 'none':
      return { keypad: new NoKeypad() };
    default:
      return assertNever(config, 'keypad driver');
  }
}
