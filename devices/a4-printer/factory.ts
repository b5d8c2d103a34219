import type { z } from 'zod';
import type { Clock } from '../../common/clock';
import type { Logger } from '../../common/log';
import type { A4PrinterConfig } from '../../kiosk/config/schema';
import { IppA4Printer, type A4Printer } from './driver';
import { httpIppTransport } from './ipp-transport';
import { SheetCounter } from './paper-counter';
import { A4PrinterSimulator, type A4PrinterControl } from './simulator';

/**
 * The A4 printer the configuration asks for: the IPP driver on the printer's URI, or the same driver on the
 * simulated printer (in-process IPP), whose control handle the simulator-control endpoints and tests use.
 */
export type A4PrinterDevice = {
  readonly printer: A4Printer;
  readonly control: A4PrinterControl | null;
};

export type A4PrinterDeps = {
  readonly clock: Clock;
  readonly log: Logger;
  /** The sheet counter restored from the store, if any. */
  readonly paper?: SheetCounter;
  readonly simulatedMsPerPage?: number;
};

export function createA4Printer(config: z.output<typeof A4PrinterConfig>, deps: A4PrinterDeps): A4PrinterDevice {
  switch (config.driver) {
    case 'ipp':
      return {
        printer: new IppA4Printer(httpIppTransport(config.url), config.url, { clock: deps.clock, log: deps.log, paper: deps.paper }),
        control: null,
      };
    case 'simulated': {
      const simulator = new A4PrinterSimulator({ clock: deps.clock, msPerPage: deps.simulatedMsPerPage });
      return {
        printer: new IppA4Printer(simulator.transport(), simulator.uri, { clock: deps.clock, log: deps.log, paper: deps.paper }),
        control: simulator,
      };
    }
  }
}
