import type { Command } from 'commander';
import { fingerprintSimulatorRunner } from '../../devices/fingerprint/sim-cli';
import { receiptPrinterSimRunner } from '../../devices/receipt-printer/sim-command';
import { billAcceptorSimulatorRunner } from '../../devices/bill-acceptor/sim-runner';
import { coinHopperSimulatorRunner } from '../../devices/coin-hopper/sim-runner';

/**
 * `kiosk sim <device> --port PATH`: one device simulator on a serial path (one end of a socat pty pair), control
 * commands one per line on standard input, events as JSON lines on standard output (ARCHITECTURE.md, contracts).
 * Each device adds itself to SIMULATORS.
 */
export type SimulatorRunner = {
  readonly description: string;
  run(options: { port: string }): Promise<number>;
};

export const SIMULATORS: Record<string, SimulatorRunner> = {
  fingerprint: fingerprintSimulatorRunner,
  'receipt-printer': receiptPrinterSimRunner,
  'bill-acceptor': billAcceptorSimulatorRunner,
  'coin-hopper': coinHopperSimulatorRunner,
};

export function registerSim(program: Command): void {
  program
    .command('sim')
    .description('run a device simulator on a serial port (control on stdin, events as JSON lines on stdout)')
    .argument('<device>', 'bill-acceptor | coin-hopper | receipt-printer | fingerprint')
    .requiredOption('--port <path>', 'serial path, e.g. one end of `socat pty,raw,echo=0,link=A pty,raw,echo=0,link=B`')
    .action(async (device: string, options: { port: string }) => {
      const runner = SIMULATORS[device];
      if (!runner) {
        const known = Object.keys(SIMULATORS);
        console.error(
          `kiosk sim: unknown device "${device}". Known: ${known.length > 0 ? known.join(', ') : '(none yet)'}`,
        );
        process.exitCode = 2;
        return;
      }
      process.exitCode = await runner.run(options);
    });
}
