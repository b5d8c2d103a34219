import { systemClock } from '../../common/clock';
import { runSerialSimulator, type SimulatorIo } from '../transport/serial-simulator';
import { CCTALK_SERIAL_SETTINGS } from './factory';
import { COIN_HOPPER_SIM_HELP, parseCoinHopperCommand, runCoinHopperCommand } from './sim-commands';
import { CoinHopperSimulator } from './simulator';

/** `kiosk sim coin-hopper --port PATH`: a ₩500 hopper at ccTalk address 3 and a ₩100 hopper at 4, 200 coins each. */
export const coinHopperSimulatorRunner = {
  description: 'ccTalk payout hoppers: 500 won at address 3, 100 won at address 4 (9600 8N1)',
  run(options: { port: string }, io?: SimulatorIo): Promise<number> {
    const sim = new CoinHopperSimulator({
      clock: systemClock,
      hoppers: [
        { address: 3, coinValue: 500, coins: 200 },
        { address: 4, coinValue: 100, coins: 200 },
      ],
    });
    return runSerialSimulator(
      {
        device: 'coin-hopper',
        port: options.port,
        settings: CCTALK_SERIAL_SETTINGS,
        attach: (transport) => sim.attach(transport),
        detach: () => sim.detach(),
        onEvent: (listener) => sim.onEvent(listener),
        parse: parseCoinHopperCommand,
        run: (command) => runCoinHopperCommand(sim, command),
        help: COIN_HOPPER_SIM_HELP,
      },
      io,
    );
  },
};
