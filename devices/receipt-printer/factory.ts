import type { z } from 'zod';
import type { Clock } from '../../common/clock';
import type { Logger } from '../../common/log';
import type { ReceiptPrinterConfig } from '../../kiosk/config/schema';
import { LoopbackPair, SerialTransport } from '../transport';
import { EscPosReceiptPrinter, type ReceiptPrinter } from './driver';
import { ReceiptPrinterSimulator, type ReceiptPrinterControl } from './simulator';

/**
 * The receipt printer the configuration asks for. A simulated printer is the real ESC/POS driver talking to the
 * simulator over an in-process line, so the demo exercises the same bytes as a kiosk; its control handle is how
 * the simulator-control endpoints and tests run out of paper, open the cover and read what was printed.
 */
export type ReceiptPrinterDevice = {
  readonly printer: ReceiptPrinter;
  /** Present only for `simulated`. */
  readonly control: ReceiptPrinterControl | null;
  /** Opens the line (and starts the simulator), then connects the driver. */
  start(): ReturnType<ReceiptPrinter['connect']>;
  stop(): Promise<void>;
};

export type ReceiptPrinterDeps = {
  readonly clock: Clock;
  readonly log: Logger;
  /** Simulated print time per line; 0 prints at once. */
  readonly simulatedMsPerLine?: number;
};

export function createReceiptPrinter(config: z.output<typeof ReceiptPrinterConfig>, deps: ReceiptPrinterDeps): ReceiptPrinterDevice {
  switch (config.driver) {
    case 'escpos': {
      const transport = new SerialTransport(config.port, { baudRate: config.baudRate });
      const printer = new EscPosReceiptPrinter(transport, { clock: deps.clock, log: deps.log, korean: config.korean });
      return { printer, control: null, start: () => printer.connect(), stop: () => printer.close() };
    }
    case 'simulated': {
      const pair = new LoopbackPair('receipt-printer');
      const simulator = new ReceiptPrinterSimulator(pair.device, { clock: deps.clock, msPerLine: deps.simulatedMsPerLine ?? 0 });
      const printer = new EscPosReceiptPrinter(pair.host, { clock: deps.clock, log: deps.log, korean: 'native' });
      return {
        printer,
        control: simulator,
        async start() {
          await simulator.start();
          return printer.connect();
        },
        async stop() {
          await printer.close();
          await simulator.stop();
        },
      };
    }
  }
}
