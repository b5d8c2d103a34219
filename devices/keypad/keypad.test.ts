import { FakeClock } from '../../common/clock';
import { silentLogger } from '../../common/log';
import { FakeHidDevice } from '../transport/hid-fake';
import { HidKeypad, keyMapFrom, KEYPAD_RECONNECT_MS } from './driver';
import { createKeypad } from './factory';
import { DEFAULT_KEY_MAP, NAVIGATION_KEYS, type NavigationCommand } from './keys';
import { encodeKeyboardReport, newlyPressed, parseKeyboardReport } from './report';

async function flush(clock: FakeClock, ms = 10): Promise<void> {
  await clock.advance(ms);
}

function rig(options: { keyMap?: Record<string, (typeof NAVIGATION_KEYS)[number]>; earphone?: 'reported-by-keypad' | 'always-connected' } = {}) {
  const clock = new FakeClock();
  let device = new FakeHidDevice();
  let present = true;
  const keypad = new HidKeypad({
    selector: { vendorId: 0x0b8a, productId: 0x0001 },
    opener: async () => {
      if (!present) throw new Error('could not open HID device');
      device = new FakeHidDevice();
      return device;
    },
    clock,
    log: silentLogger(),
    keyMap: keyMapFrom(options.keyMap),
    earphone: options.earphone ?? 'reported-by-keypad',
  });
  const commands: NavigationCommand[] = [];
  keypad.onCommand((command) => commands.push(command));
  return {
    clock,
    keypad,
    commands,
    device: () => device,
    send: (...usages: number[]) => device.emitReport(encodeKeyboardReport(usages)),
    setPresent: (value: boolean) => (present = value),
  };
}

describe('HID keyboard reports', () => {
  it('parses the boot report and finds newly pressed keys', () => {
    expect(parseKeyboardReport(Uint8Array.of(0, 0, 0x52, 0x28, 0, 0, 0, 0))).toEqual({ ok: true, value: { modifiers: 0, usages: [0x52, 0x28] } });
    expect(parseKeyboardReport(Uint8Array.of(0, 0, 1, 1, 1, 1, 1, 1))).toEqual({ ok: true, value: { modifiers: 0, usages: [] } });
    expect(parseKeyboardReport(Uint8Array.of(0, 0, 0x52)).ok).toBe(false);
    expect(parseKeyboardReport(Uint8Array.of(1, 0, 0, 0x29, 0, 0, 0, 0, 0), true)).toEqual({ ok: true, value: { modifiers: 0, usages: [0x29] } });
    expect(newlyPressed([0x52], [0x52, 0x28])).toEqual([0x28]);
    expect(newlyPressed([0x52, 0x28], [0x28])).toEqual([]);
  });

  it('maps every navigation key from at least one default usage code', () => {
    const mapped = new Set(Object.values(DEFAULT_KEY_MAP));
    const unmapped = NAVIGATION_KEYS.filter((key) => !mapped.has(key) && key !== 'speech-rate-up' && key !== 'speech-rate-down');
    expect(unmapped).toEqual([]);
  });
});

describe('HID tactile keypad driver', () => {
  it('turns key presses into navigation commands, once per press', async () => {
    const r = rig();
    await r.keypad.start();
    expect(r.keypad.status).toBe('connected');
    r.send(0x52); // up
    r.send(0x52); // still held: no repeat
    r.send();
    r.send(0x4f); // right
    r.send();
    r.send(0x28); // Enter
    r.send();
    r.send(0x29, 0x3a); // Escape and F1 together
    r.send();
    r.send(0x80); // volume up
    r.send(0x3b); // F2: speech rate
    r.send();
    r.send(0x5d); // keypad 5
    r.send(0x04); // 'a': not a keypad key
    await flush(r.clock);
    expect(r.commands).toEqual([
      { type: 'move', direction: 'up' },
      { type: 'move', direction: 'right' },
      { type: 'select' },
      { type: 'back' },
      { type: 'help' },
      { type: 'volume', step: 1 },
      { type: 'speech-rate', step: 'cycle' },
      { type: 'digit', digit: 5 },
    ]);
  });

  it('uses the configured key map over the defaults', async () => {
    const r = rig({ keyMap: { '58': 'select', '4': 'back' } }); // F1 → select, 'a' → back
    await r.keypad.start();
    r.send(0x3a);
    r.send();
    r.send(0x04);
    await flush(r.clock);
    expect(r.commands).toEqual([{ type: 'select' }, { type: 'back' }]);
  });

  it('switches voice guidance on when the earphone is plugged in, off when it is pulled', async () => {
    const r = rig();
    await r.keypad.start();
    expect(r.keypad.voiceGuidance).toBe(false);
    r.send(0x72);
    r.send();
    r.send(0x72); // reported twice: one command only
    r.send();
    await flush(r.clock);
    expect(r.keypad.voiceGuidance).toBe(true);
    r.send(0x73);
    await flush(r.clock);
    expect(r.keypad.voiceGuidance).toBe(false);
    expect(r.commands).toEqual([
      { type: 'voice-guidance', on: true, cause: 'earphone-in' },
      { type: 'voice-guidance', on: false, cause: 'earphone-out' },
    ]);
  });

  it('has voice guidance on from the start when configured as always connected', async () => {
    const r = rig({ earphone: 'always-connected' });
    await r.keypad.start();
    r.send(0x73);
    await flush(r.clock);
    expect(r.keypad.voiceGuidance).toBe(true);
    expect(r.commands).toEqual([{ type: 'voice-guidance', on: true, cause: 'configured' }]);
  });

  it('survives an unplug: voice off, reconnects when the keypad is back', async () => {
    const r = rig();
    await r.keypad.start();
    r.send(0x72);
    await flush(r.clock);
    r.setPresent(false);
    r.device().disconnect();
    await flush(r.clock);
    expect(r.keypad.status).toBe('disconnected');
    expect(r.commands.at(-1)).toEqual({ type: 'voice-guidance', on: false, cause: 'earphone-out' });
    await r.clock.advance(KEYPAD_RECONNECT_MS * 4);
    expect(r.keypad.status).toBe('disconnected');
    r.setPresent(true);
    await r.clock.advance(60_000);
    expect(r.keypad.status).toBe('connected');
    r.send(0x51);
    await flush(r.clock);
    expect(r.commands.at(-1)).toEqual({ type: 'move', direction: 'down' });
    await r.keypad.stop();
    expect(r.clock.pendingTimers).toBe(0);
  });

  it('ignores malformed reports', async () => {
    const r = rig();
    await r.keypad.start();
    r.device().emitReport(Uint8Array.of(0, 0));
    r.send(0x50);
    await flush(r.clock);
    expect(r.commands).toEqual([{ type: 'move', direction: 'left' }]);
  });
});

describe('keypad from the configuration', () => {
  it('simulated: the real driver reading a fake keyboard, with a control handle', async () => {
    const clock = new FakeClock();
    const { keypad, simulator } = createKeypad({ driver: 'simulated' }, { clock, log: silentLogger() });
    const commands: NavigationCommand[] = [];
    keypad.onCommand((command) => commands.push(command));
    await keypad.start();
    simulator!.plugEarphone();
    simulator!.press('down');
    simulator!.press('select');
    simulator!.press('digit-0');
    await clock.advance(10);
    expect(commands).toEqual([
      { type: 'voice-guidance', on: true, cause: 'earphone-in' },
      { type: 'move', direction: 'down' },
      { type: 'select' },
      { type: 'digit', digit: 0 },
    ]);
  });

  it('none: no keypad, no commands, voice guidance off', async () => {
    const { keypad } = createKeypad({ driver: 'none' }, { clock: new FakeClock(), log: silentLogger() });
    await keypad.start();
    expect(keypad.status).toBe('absent');
    expect(keypad.voiceGuidance).toBe(false);
  });

  it('hid: built from vendor/product id and key map', async () => {
    const device = new FakeHidDevice();
    const selectors: unknown[] = [];
    const { keypad } = createKeypad(
      { driver: 'hid', vendorId: 0x0b8a, productId: 0x0002, keyMap: { '30': 'help' }, earphone: 'reported-by-keypad' },
      {
        clock: new FakeClock(),
        log: silentLogger(),
        hidOpener: async (selector) => {
          selectors.push(selector);
          return device;
        },
      },
    );
    const commands: NavigationCommand[] = [];
    keypad.onCommand((command) => commands.push(command));
    await keypad.start();
    device.emitReport(encodeKeyboardReport([30]));
    await new Promise((resolve) => setImmediate(resolve));
    expect(selectors).toEqual([{ vendorId: 0x0b8a, productId: 0x0002 }]);
    expect(commands).toEqual([{ type: 'help' }]);
    expect(keypad.description).toBe('hid-keypad:0b8a:0002');
  });
});
