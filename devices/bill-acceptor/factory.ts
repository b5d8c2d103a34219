import type { Clock } from '../../common/clock';
import { silentLogger, type Logger } from '../../common/log';
import { err, ok, type Result } from '../../common/result';
import { LocatedSerialTransport } from '../transport/located-serial';
import { LoopbackPair } from '../transport/loopback';
import { parseLocator, unstablePathWarning } from '../transport/match';
import type { SerialSettings } from '../transport/transport';
import type { BillAcceptor } from './bill-acceptor';
import { Id003BillAcceptor } from './driver';
import { BillAcceptorSimulator, type BillAcceptorSimulatorOptions } from './simulator';

/** ID-003 line settings (protocols.md §1). A pty ignores parity, a real RS-232 line does not. */
export const ID003_SERIAL_SETTINGS: SerialSettings = { baudRate: 9600, dataBits: 8, parity: 'even', stopBits: 1 };

/**
 * What the configuration says (kiosk/config/schema.ts `BillAcceptorConfig`, restated structurally so that devices
 * do not import the kiosk).
 */
export type BillAcceptorSettings =
  | { readonly driver: 'id003'; readonly port: string }
  | { readonly driver: 'simulated' };

export type BillAcceptorDevice =
  | { readonly kind: 'id003'; readonly acceptor: BillAcceptor; readonly warnings: readonly string[] }
  | {
      readonly kind: 'simulated';
      readonly acceptor: BillAcceptor;
      /** The outside world for the simulator-control endpoints: insert a note, jam, open the cash box … */
      readonly simulator: BillAcceptorSimulator;
      /** The cable between them, for unplug/replug. */
      readonly link: LoopbackPair;
    };

export type BillAcceptorDeps = {
  readonly clock: Clock;
  readonly log?: Logger;
  /** Simulator options for `simulated` (tests shorten timings or the stacker). */
  readonly simulator?: Omit<BillAcceptorSimulatorOptions, 'clock'>;
};

/**
 * Build the bill acceptor a configuration names. `simulated` is the same ID-003 driver over an in-process
 * loopback pair with the simulator on the device end: the demo and the session tests exercise the real driver.
 */
export function createBillAcceptor(settings: BillAcceptorSettings, deps: BillAcceptorDeps): Result<BillAcceptorDevice, string> {
  const log = deps.log ?? silentLogger();
  switch (settings.driver) {
    case 'id003': {
      const locator = parseLocator(settings.port);
      if (!locator.ok) return err(`devices.billAcceptor.port: ${locator.error.detail}`);
      const warning = unstablePathWarning(locator.value);
      if (warning) log.warn({ event: 'bill-acceptor.unstable-port', detail: warning });
      const transport = new LocatedSerialTransport(locator.value, ID003_SERIAL_SETTINGS);
      const acceptor = new Id003BillAcceptor({ transport, clock: deps.clock, log, isPresent: () => transport.isPresent() });
      return ok({ kind: 'id003', acceptor, warnings: warning ? [warning] : [] });
    }
    case 'simulated': {
      const link = new LoopbackPair('bill-acceptor');
      const simulator = new BillAcceptorSimulator({ clock: deps.clock, ...deps.simulator });
      void link.device.open();
      simulator.attach(link.device);
      const acceptor = new Id003BillAcceptor({
        transport: link.host,
        clock: deps.clock,
        log,
        isPresent: () => Promise.resolve(!link.unplugged),
      });
      return ok({ kind: 'simulated', acceptor, simulator, link });
    }
  }
}
