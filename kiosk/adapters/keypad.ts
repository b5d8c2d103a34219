import type { Logger } from '../../common/log';
import type { Keypad } from '../../devices/keypad/driver';
import type { NavigationCommand } from '../../devices/keypad/keys';
import type { SessionRuntime } from '../session/runtime';

/**
 * The accessible keypad in the main process: navigation becomes `runtime.pressKey` (the renderer moves its focus
 * on the pulse), digits go to the resident-number field as the on-screen keys would, and the earphone switches
 * voice guidance on and off (domain: voice only through the earphone). Commands a screen cannot take are ignored.
 *
 * Display settings reset when a visit ends; voice guidance follows the earphone instead: while it stays plugged in,
 * the attract screen that follows a visit switches voice on again, so the next citizen who relies on it is not met
 * by silence.
 */
export const MAX_SPEECH_RATE = 2;

export function wireKeypad(keypad: Keypad, runtime: SessionRuntime, log: Logger): () => void {
  const send = (command: Parameters<SessionRuntime['send']>[0]) => {
    void runtime.send(command).then((outcome) => {
      if (!outcome.accepted && outcome.reason !== 'not-now') log.warn({ event: 'keypad.command-refused', reason: outcome.reason });
    });
  };
  let earphoneIn = false;
  const stopFollowing = runtime.subscribe((view) => {
    if (earphoneIn && view.screen === 'attract' && !view.display.voice.enabled) send({ type: 'setDisplay', voice: { enabled: true } });
  });
  const stopCommands = keypad.onCommand((command: NavigationCommand) => {
    switch (command.type) {
      case 'move':
        runtime.pressKey(command.direction);
        return;
      case 'select':
      case 'back':
      case 'help':
        runtime.pressKey(command.type);
        return;
      case 'digit':
        send({ type: 'enterDigit', digit: String(command.digit) });
        return;
      case 'erase':
        send({ type: 'deleteDigit' });
        return;
      case 'clear':
        send({ type: 'clearDigits' });
        return;
      case 'volume':
        runtime.pressKey(command.step > 0 ? 'volume-up' : 'volume-down');
        return;
      case 'speech-rate': {
        if (command.step !== 'cycle') {
          runtime.pressKey(command.step > 0 ? 'rate-up' : 'rate-down');
          return;
        }
        // One key cycles: faster until the fastest, then back to normal speed.
        const rate = runtime.inspect().context.display.voice.rate;
        if (rate >= MAX_SPEECH_RATE) send({ type: 'setDisplay', voice: { enabled: true, rate: 1 } });
        else runtime.pressKey('rate-up');
        return;
      }
      case 'voice-guidance':
        earphoneIn = command.on;
        send({ type: 'setDisplay', voice: { enabled: command.on } });
        return;
    }
  });
  return () => {
    stopCommands();
    stopFollowing();
  };
}
