/**
 * The accessible tactile keypad's keys, as the configuration names them, and the commands they become. Kept free of
 * imports so that the configuration schema can list the key names.
 */
export const NAVIGATION_KEYS = [
  'up',
  'down',
  'left',
  'right',
  'select',
  'back',
  'help',
  'volume-up',
  'volume-down',
  'speech-rate',
  'speech-rate-up',
  'speech-rate-down',
  'erase',
  'clear',
  'digit-0',
  'digit-1',
  'digit-2',
  'digit-3',
  'digit-4',
  'digit-5',
  'digit-6',
  'digit-7',
  'digit-8',
  'digit-9',
  'earphone-in',
  'earphone-out',
] as const;

export type NavigationKey = (typeof NAVIGATION_KEYS)[number];

/**
 * HID keyboard usage codes (USB HID Usage Tables, page 0x07) → key, for keypads that send ordinary keyboard reports
 * with their factory code table (EZ-Access-style keypads such as Storm AudioNav report arrows, Enter, Escape …).
 * Each kiosk can override any entry in the configuration (`devices.keypad.keyMap`, usage code in decimal → key).
 * The two earphone codes (F23/F24) are this project's convention: program the keypad's jack-detect to send them,
 * or set `earphone: "always-connected"`.
 */
export const DEFAULT_KEY_MAP: Readonly<Record<number, NavigationKey>> = {
  0x52: 'up', // Up Arrow
  0x51: 'down', // Down Arrow
  0x50: 'left', // Left Arrow
  0x4f: 'right', // Right Arrow
  0x28: 'select', // Enter
  0x58: 'select', // Keypad Enter
  0x29: 'back', // Escape
  0x3a: 'help', // F1
  0x80: 'volume-up', // Volume Up
  0x81: 'volume-down', // Volume Down
  0x57: 'volume-up', // Keypad +
  0x56: 'volume-down', // Keypad −
  0x3b: 'speech-rate', // F2
  0x2a: 'erase', // Backspace
  0x4c: 'clear', // Delete
  0x62: 'digit-0', // Keypad 0
  0x59: 'digit-1', // Keypad 1 …
  0x5a: 'digit-2',
  0x5b: 'digit-3',
  0x5c: 'digit-4',
  0x5d: 'digit-5', // the key with the raised dot (ui.md)
  0x5e: 'digit-6',
  0x5f: 'digit-7',
  0x60: 'digit-8',
  0x61: 'digit-9',
  0x27: 'digit-0', // 0 on the main row
  0x1e: 'digit-1',
  0x1f: 'digit-2',
  0x20: 'digit-3',
  0x21: 'digit-4',
  0x22: 'digit-5',
  0x23: 'digit-6',
  0x24: 'digit-7',
  0x25: 'digit-8',
  0x26: 'digit-9',
  0x72: 'earphone-in', // F23
  0x73: 'earphone-out', // F24
};

/**
 * What the session receives from the keypad: navigation of the current screen (move focus, select, back, help),
 * digits for the resident-number field, and the citizen's audio settings.
 */
export type NavigationCommand =
  | { readonly type: 'move'; readonly direction: 'up' | 'down' | 'left' | 'right' }
  | { readonly type: 'select' }
  | { readonly type: 'back' }
  | { readonly type: 'help' }
  | { readonly type: 'digit'; readonly digit: number }
  | { readonly type: 'erase' }
  | { readonly type: 'clear' }
  | { readonly type: 'volume'; readonly step: 1 | -1 }
  | { readonly type: 'speech-rate'; readonly step: 1 | -1 | 'cycle' }
  /** Voice guidance on or off: the earphone was plugged in or pulled out (or the configuration says it is there). */
  | { readonly type: 'voice-guidance'; readonly on: boolean; readonly cause: 'earphone-in' | 'earphone-out' | 'configured' };

export function commandOf(key: NavigationKey): NavigationCommand {
  switch (key) {
    case 'up':
    case 'down':
    case 'left':
    case 'right':
      return { type: 'move', direction: key };
    case 'select':
      return { type: 'select' };
    case 'back':
      return { type: 'back' };
    case 'help':
      return { type: 'help' };
    case 'volume-up':
      return { type: 'volume', step: 1 };
    case 'volume-down':
      return { type: 'volume', step: -1 };
    case 'speech-rate':
      return { type: 'speech-rate', step: 'cycle' };
    case 'speech-rate-up':
      return { type: 'speech-rate', step: 1 };
    case 'speech-rate-down':
      return { type: 'speech-rate', step: -1 };
    case 'erase':
      return { type: 'erase' };
    case 'clear':
      return { type: 'clear' };
    case 'earphone-in':
      return { type: 'voice-guidance', on: true, cause: 'earphone-in' };
    case 'earphone-out':
      return { type: 'voice-guidance', on: false, cause: 'earphone-out' };
    case 'digit-0':
    case 'digit-1':
    case 'digit-2':
    case 'digit-3':
    case 'digit-4':
    case 'digit-5':
    case 'digit-6':
    case 'digit-7':
    case 'digit-8':
    case 'digit-9':
      return { type: 'digit', digit: Number(key.slice(-1)) };
  }
}
