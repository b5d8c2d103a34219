import { z } from 'zod';
import type { Keypad } from '../../devices/keypad/driver';
import { NAVIGATION_KEYS } from '../../devices/keypad/keys';
import type { KeypadSimulatorControl } from '../../devices/keypad/simulator';
import { action, label, noParams, simulatedDevice, type SimulatedDevice } from './device';

/** The simulated tactile keypad: a key pressed, the earphone plugged or pulled, the keypad unplugged. */
export function keypadDevice(control: KeypadSimulatorControl, keypad: Keypad): SimulatedDevice {
  return simulatedDevice({
    device: 'keypad',
    label: label('음성 안내 키패드', 'Accessible keypad'),
    state: () => ({ status: keypad.status }),
    actions: {
      press: action({
        label: label('키 누르기', 'Press a key'),
        params: [{ name: 'key', label: label('키', 'Key'), kind: 'choice', choices: [...NAVIGATION_KEYS] }],
        schema: z.object({ key: z.enum(NAVIGATION_KEYS) }).strict(),
        run: (params) => control.press(params.key),
      }),
      'plug-earphone': action({ label: label('이어폰 꽂기', 'Plug in the earphone'), params: [], schema: noParams, run: () => control.plugEarphone() }),
      'unplug-earphone': action({ label: label('이어폰 빼기', 'Pull the earphone'), params: [], schema: noParams, run: () => control.unplugEarphone() }),
      unplug: action({ label: label('키패드 뽑기', 'Unplug the keypad'), params: [], schema: noParams, run: () => control.unplug() }),
      replug: action({ label: label('키패드 꽂기', 'Plug the keypad back in'), params: [], schema: noParams, run: () => control.replug() }),
    },
  });
}
