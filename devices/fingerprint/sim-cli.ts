import type { Readable, Writable } from 'node:stream';
import type { PoorFingerProblem } from './simulator';

/**
 * `kiosk sim fingerprint --port PATH`: the R30x simulator on a serial path (e.g. one end of a socat pty pair) so
 * that any host can talk to it. Control commands one per line on standard input, events as JSON lines on standard
 * output (ARCHITECTURE.md, contracts). Documented in docs/identity.md.
 */

export type SimControlCommand =
  | { readonly type: 'place-finger'; readonly person: string; readonly hold: boolean }
  | { readonly type: 'wrong-finger'; readonly hold: boolean }
  | { readonly type: 'poor-image'; readonly problem: PoorFingerProblem }
  | { readonly type: 'remove-finger' }
  | { readonly type: 'no-answer' }
  | { readonly type: 'answer' }
  | { readonly type: 'unplug' }
  | { readonly type: 'replug' }
  | { readonly type: 'status' }
  | { readonly type: 'help' }
  | { readonly type: 'quit' };

export const SIM_HELP = [
  'place-finger <resident-number>   person X touches the sensor (one capture)',
  'hold-finger <resident-number>    person X keeps the finger on the sensor',
  'wrong-finger                     a finger that is not the person’s',
  'poor-image [image-failed|messy|too-few-features]',
  'remove-finger                    lift whatever finger is on the sensor',
  'no-answer | answer               the module hangs / recovers',
  'unplug | replug                  close / reopen the serial port',
  'status | help | quit',
].join('\n');

const POOR: readonly PoorFingerProblem[] = ['image-failed', 'messy', 'too-few-features'];

export function parseSimCommand(line: string): SimControlCommand | { readonly type: 'invalid'; readonly message: string } {
  const [verb = '', ...args] = line.trim().split(/\s+/);
  switch (verb) {
    case 'place-finger':
    case 'hold-finger': {
      const person = args[0];
      if (!person) return { type: 'invalid', message: `${verb} needs the person's resident number` };
      return { type: 'place-finger', person, hold: verb === 'hold-finger' };
    }
    case 'wrong-finger':
      return { type: 'wrong-finger', hold: args[0] === 'hold' };
    case 'poor-image': {
      const problem = (args[0] ?? 'messy') as PoorFingerProblem;
      if (!POOR.includes(problem)) return { type: 'invalid', message: `poor-image: one of ${POOR.join(', ')}` };
      return { type: 'poor-image', problem };
    }
    case 'remove-finger':
    case 'no-answer':
    case 'answer':
    case 'unplug':
    case 'replug':
    case 'status':
    case 'help':
    case 'quit':
      return { type: verb };
    default:
      return { type: 'invalid', message: `unknown command "${verb}" (try help)` };
  }
}

export type SimIo = { readonly input: Readable; readonly output: Writable };

/** Runs until `quit` or the end of standard input; returns the exit code. */
export async function runFingerprintSimulator(port: string, io: SimIo): Promise<number> {
  const [{ SerialTransport }, { FingerprintSimulator, R503_MODEL }, { createInterface }] = await Promise.all([
    import('../transport/serial'),
    import('./simulator'),
    import('node:readline'),
  ]);
  const write = (event: Record<string, unknown>) => io.output.write(`${JSON.stringify({ time: new Date().toISOString(), ...event })}\n`);
  const transport = new SerialTransport(port, { baudRate: 57600 });
  const simulator = new FingerprintSimulator(transport, R503_MODEL);
  const opened = await simulator.start();
  if (!opened.ok) {
    write({ event: 'error', message: `cannot open ${port}: ${opened.error.detail}` });
    return 1;
  }
  simulator.onEvent((event) => {
    const { type, ...rest } = event;
    write({ event: type, ...rest });
  });
  write({ event: 'ready', port, model: 'R503', baudRate: 57600 });

  const lines = createInterface({ input: io.input, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const command = parseSimCommand(line);
    switch (command.type) {
      case 'invalid':
        write({ event: 'error', message: command.message });
        break;
      case 'place-finger':
        simulator.placeFinger(command.person, { hold: command.hold });
        break;
      case 'wrong-finger':
        simulator.placeWrongFinger({ hold: command.hold });
        break;
      case 'poor-image':
        simulator.placePoorFinger(command.problem);
        break;
      case 'remove-finger':
        simulator.removeFinger();
        break;
      case 'no-answer':
        simulator.setAnswering(false);
        break;
      case 'answer':
        simulator.setAnswering(true);
        break;
      case 'unplug':
        await transport.close();
        write({ event: 'unplugged' });
        break;
      case 'replug': {
        const again = await simulator.start();
        write(again.ok ? { event: 'replugged' } : { event: 'error', message: again.error.detail });
        break;
      }
      case 'status':
        write({ event: 'status', portOpen: transport.isOpen, finger: simulator.fingerOnSensor ?? null });
        break;
      case 'help':
        for (const text of SIM_HELP.split('\n')) write({ event: 'help', text });
        break;
      case 'quit':
        lines.close();
        break;
    }
  }
  await simulator.stop();
  write({ event: 'stopped' });
  return 0;
}

/** The entry in `kiosk sim`'s SIMULATORS table (cli/commands/sim.ts). */
export const fingerprintSimulatorRunner = {
  description: 'R30x fingerprint reader (R503 packets, aura LED)',
  run: ({ port }: { port: string }) => runFingerprintSimulator(port, { input: process.stdin, output: process.stdout }),
};
