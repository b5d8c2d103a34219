import { systemClock } from '../../common/clock';
import { runSerialSimulator, type SimulatorIo } from '../transport/serial-simulator';
import { ID003_SERIAL_SETTINGS } from './factory';
import { BILL_ACCEPTOR_SIM_HELP, parseBillAcceptorCommand, runBillAcceptorCommand } from './sim-commands';
import { BillAcceptorSimulator } from './simulator';

/** `kiosk sim bill-acceptor --port PATH` (registered in cli/commands/sim.ts). */
export const billAcceptorSimulatorRunner = {
  description: 'JCM ID-003 bill acceptor (9600 8E1; KRW 1,000/5,000/10,000/50,000 in escrow codes 0x61–0x64)',
  run(options: { port: string }, io?: SimulatorIo): Promise<number> {
    const sim = new BillAcceptorSimulator({ clock: systemClock });
    return runSerialSimulator(
      {
        device: 'bill-acceptor',
        port: options.port,
        settings: ID003_SERIAL_SETTINGS,
        attach: (transport) => sim.attach(transport),
        detach: () => sim.detach(),
        onEvent: (listener) => sim.onEvent(listener),
        parse: parseBillAcceptorCommand,
        run: (command) => runBillAcceptorCommand(sim, command),
        help: BILL_ACCEPTOR_SIM_HELP,
      },
      io,
    );
  },
};
