export { createKeypad, type KeypadDeps, type KeypadSetup } from './factory';
export { HidKeypad, NoKeypad, type Keypad, type KeypadStatus } from './driver';
export { NAVIGATION_KEYS, DEFAULT_KEY_MAP, commandOf, type NavigationCommand, type NavigationKey } from './keys';
export type { KeypadSimulatorControl } from './simulator';
