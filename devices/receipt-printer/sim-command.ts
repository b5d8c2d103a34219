import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { systemClock, type Clock } from '../../common/clock';
import { SerialTransport } from '../transport';
import type { PrintedReceipt } from './paper';
import { ReceiptPrinterSimulator } from './simulator';

/**
 * `kiosk sim receipt-printer --port PATH`: the simulated printer on a serial path (one end of a socat pty pair),
 * so any host can print to it. Control commands one per line on standard input; what it printed (decoded) and
 * every status change as JSON lines on standard output.
 */
export const SIM_BAUD_RATE = 38400;

export const SIM_COMMANDS: Record<string, string> = {
  'paper-out': 'the roll runs out',
  'paper-near-end': 'the near-end sensor trips',
  'paper-refill': 'a new roll is loaded',
  'paper-out-after <lines>': 'the roll runs out after that many more printed lines',
  'cover-open': 'the cover is opened',
  'cover-close': 'the cover is shut',
  'cutter-error': 'the autocutter jams',
  jam: 'the mechanism jams (unrecoverable)',
  'clear-errors': 'a technician clears errors',
  offline: 'the printer goes offline',
  online: 'the printer comes back online',
  'power-off': 'no power: no answers at all',
  'power-on': 'power is back',
  status: 'print the present status',
  quit: 'stop the simulator',
};

function printedJson(receipt: PrintedReceipt) {
  return {
    event: 'printed',
    complete: receipt.complete,
    cut: receipt.cut,
    text: receipt.text,
    lines: receipt.items.map((item) => (item.kind === 'image' ? { kind: 'image', width: item.widthBytes * 8, height: item.height } : item)),
  };
}

export async function runReceiptPrinterSim(options: {
  port: string;
  input: Readable;
  output: Writable;
  clock?: Clock;
}): Promise<number> {
  const write = (value: unknown) => options.output.write(`${JSON.stringify(value)}\n`);
  const transport = new SerialTransport(options.port, { baudRate: SIM_BAUD_RATE });
  const simulator = new ReceiptPrinterSimulator(transport, { clock: options.clock ?? systemClock });
  const started = await simulator.start();
  if (!started.ok) {
    write({ event: 'error', message: `cannot open ${options.port}: ${started.error.detail}` });
    return 1;
  }
  simulator.subscribe((event) => {
    if (event.type === 'printed') write(printedJson(event.receipt));
    else write({ event: 'status', cause: event.cause, status: event.status });
  });
  write({ event: 'ready', device: 'receipt-printer', port: options.port, commands: Object.keys(SIM_COMMANDS) });

  const lines = createInterface({ input: options.input });
  for await (const raw of lines) {
    const [command = '', argument] = raw.trim().split(/\s+/);
    switch (command) {
      case '':
        break;
      case 'paper-out':
        simulator.paperOut();
        break;
      case 'paper-near-end':
        simulator.paperNearEnd();
        break;
      case 'paper-refill':
        simulator.refillPaper();
        break;
      case 'paper-out-after':
        simulator.paperOutAfterLines(Number(argument ?? 0));
        break;
      case 'cover-open':
        simulator.openCover();
        break;
      case 'cover-close':
        simulator.closeCover();
        break;
      case 'cutter-error':
        simulator.cutterError();
        break;
      case 'jam':
        simulator.jam();
        break;
      case 'clear-errors':
        simulator.clearErrors();
        break;
      case 'offline':
        simulator.setOffline(true);
        break;
      case 'online':
        simulator.setOffline(false);
        break;
      case 'power-off':
        simulator.powerOff();
        break;
      case 'power-on':
        simulator.powerOn();
        break;
      case 'status':
        write({ event: 'status', cause: 'asked', status: simulator.status() });
        break;
      case 'quit':
        lines.close();
        break;
      default:
        write({ event: 'error', message: `unknown command "${command}"`, commands: Object.keys(SIM_COMMANDS) });
    }
  }
  await simulator.stop();
  return 0;
}

export const receiptPrinterSimRunner = {
  description: 'ESC/POS receipt printer (prints decoded receipts as JSON lines)',
  run: (options: { port: string }) => runReceiptPrinterSim({ port: options.port, input: process.stdin, output: process.stdout }),
};
