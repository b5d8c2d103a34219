import { silentLogger } from '../../common/log';
import type { Keypad } from '../../devices/keypad/driver';
import type { NavigationCommand } from '../../devices/keypad/keys';
import type { SessionRuntime } from '../session/runtime';
import { wireKeypad } from './keypad';

function fakeKeypad() {
  let listener: ((command: NavigationCommand) => void) | null = null;
  const keypad: Keypad = {
    description: 'test keypad',
    status: 'connected',
    start: async () => undefined,
    stop: async () => undefined,
    onCommand: (next: (command: NavigationCommand) => void) => {
      listener = next;
      return () => {
        listener = null;
      };
    },
    onStatus: () => () => undefined,
  } as unknown as Keypad;
  return { keypad, press: (command: NavigationCommand) => listener?.(command), wired: () => listener !== null };
}

function fakeRuntime(rate = 1) {
  const calls: string[] = [];
  const views = new Set<(view: { screen: string; display: { voice: { enabled: boolean } } }) => void>();
  const runtime = {
    subscribe: (listener: (view: { screen: string; display: { voice: { enabled: boolean } } }) => void) => {
      views.add(listener);
      return () => views.delete(listener);
    },
    pressKey: (key: string) => calls.push(`key ${key}`),
    send: async (command: { type: string }) => {
      calls.push(`send ${JSON.stringify(command)}`);
      return { accepted: true as const, revision: 1 };
    },
    inspect: () => ({ state: 'attract', context: { display: { voice: { rate } } } }),
  } as unknown as SessionRuntime;
  const show = (screen: string, voice: boolean) => {
    for (const listener of views) listener({ screen, display: { voice: { enabled: voice } } });
  };
  return { runtime, calls, show, listeners: () => views.size };
}

describe('the keypad in the main process', () => {
  it('turns navigation into key pulses, digits into the resident-number field, the earphone into voice guidance', async () => {
    const { keypad, press, wired } = fakeKeypad();
    const { runtime, calls } = fakeRuntime();
    const unwire = wireKeypad(keypad, runtime, silentLogger());
    press({ type: 'move', direction: 'down' });
    press({ type: 'select' });
    press({ type: 'digit', digit: 7 });
    press({ type: 'erase' });
    press({ type: 'volume', step: 1 });
    press({ type: 'speech-rate', step: -1 });
    press({ type: 'voice-guidance', on: true, cause: 'earphone-in' });
    await Promise.resolve();
    expect(calls).toEqual([
      'key down',
      'key select',
      'send {"type":"enterDigit","digit":"7"}',
      'send {"type":"deleteDigit"}',
      'key volume-up',
      'key rate-down',
      'send {"type":"setDisplay","voice":{"enabled":true}}',
    ]);
    unwire();
    expect(wired()).toBe(false);
  });

  it('switches voice on again for the next visit while the earphone stays plugged in, and not once it is out', async () => {
    const { keypad, press } = fakeKeypad();
    const { runtime, calls, show, listeners } = fakeRuntime();
    const unwire = wireKeypad(keypad, runtime, silentLogger());
    show('attract', false);
    expect(calls).toEqual([]);
    press({ type: 'voice-guidance', on: true, cause: 'earphone-in' });
    show('language', true);
    // The visit ends: the display settings are reset, the earphone is still in.
    show('attract', false);
    show('attract', true);
    await Promise.resolve();
    expect(calls).toEqual(['send {"type":"setDisplay","voice":{"enabled":true}}', 'send {"type":"setDisplay","voice":{"enabled":true}}']);
    press({ type: 'voice-guidance', on: false, cause: 'earphone-out' });
    show('attract', false);
    await Promise.resolve();
    expect(calls.at(-1)).toBe('send {"type":"setDisplay","voice":{"enabled":false}}');
    expect(calls).toHaveLength(3);
    unwire();
    expect(listeners()).toBe(0);
  });

  it('cycles the speech rate back to normal after the fastest', () => {
    const fast = fakeRuntime(2);
    const { keypad, press } = fakeKeypad();
    wireKeypad(keypad, fast.runtime, silentLogger());
    press({ type: 'speech-rate', step: 'cycle' });
    expect(fast.calls).toEqual(['send {"type":"setDisplay","voice":{"enabled":true,"rate":1}}']);
    const slow = fakeRuntime(1);
    const other = fakeKeypad();
    wireKeypad(other.keypad, slow.runtime, silentLogger());
    other.press({ type: 'speech-rate', step: 'cycle' });
    expect(slow.calls).toEqual(['key rate-up']);
  });
});
