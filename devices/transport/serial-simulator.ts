import { createInterface } from 'node:readline';
import type { Result } from '../../common/result';
import { SerialTransport } from './serial';
import type { SerialSettings, Transport } from './transport';

/**
 * `kiosk sim <device> --port PATH` for any device simulator (ARCHITECTURE.md, contracts): the simulator sits on a
 * serial path (one end of a socat pty pair, or a real port wired to a third party's host), reads control commands
 * one per line on standard input and writes what happens as JSON lines on standard output. Ends when standard
 * input closes.
 */
export type SimulatorIo = {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
};

export type SerialSimulatorSpec<Command> = {
  readonly device: string;
  readonly port: string;
  readonly settings: SerialSettings;
  attach(transport: Transport): void;
  detach(): void;
  onEvent(listener: (event: object) => void): () => void;
  parse(line: string): Result<Command, string>;
  run(command: Command): Result<Record<string, unknown>, string>;
  readonly help: string;
};

export async function runSerialSimulator<Command>(spec: SerialSimulatorSpec<Command>, io: SimulatorIo = { input: process.stdin, output: process.stdout }): Promise<number> {
  const print = (line: Record<string, unknown>) => io.output.write(`${JSON.stringify({ at: new Date().toISOString(), ...line })}\n`);
  const transport = new SerialTransport(spec.port, spec.settings);
  const opened = await transport.open();
  if (!opened.ok) {
    print({ event: 'error', device: spec.device, detail: `cannot open ${spec.port}: ${opened.error.detail}` });
    return 1;
  }
  spec.attach(transport);
  const offEvents = spec.onEvent((event) => print({ device: spec.device, ...event, event: (event as { type?: string }).type ?? 'event' }));
  print({ event: 'ready', device: spec.device, port: spec.port, help: spec.help });
  const lines = createInterface({ input: io.input, crlfDelay: Infinity });
  for await (const raw of lines) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line === 'help') {
      print({ event: 'help', help: spec.help });
      continue;
    }
    const command = spec.parse(line);
    if (!command.ok) {
      print({ event: 'error', input: line, detail: command.error });
      continue;
    }
    const result = spec.run(command.value);
    print(result.ok ? { event: 'done', input: line, ...result.value } : { event: 'error', input: line, detail: result.error });
  }
  offEvents();
  spec.detach();
  await transport.close();
  print({ event: 'closed', device: spec.device });
  return 0;
}
