import type { z } from 'zod';
import type { Clock } from '../../common/clock';
import type { Logger } from '../../common/log';
import { assertNever } from '../../common/result';
import type { FingerprintConfig } from '../../kiosk/config/schema';
import { HidStreamTransport, nodeHidPresent, openNodeHid, type HidLister, type HidOpener } from '../transport/hid';
import { LoopbackPair } from '../transport/loopback';
import { SerialTransport, serialPortListed } from '../transport/serial';
import { R30xDriver, type DriverTiming, type FingerprintReader } from './driver';
import {
  FingerprintSimulator,
  R503_MODEL,
  type FingerprintSimulatorEvent,
  type PoorFingerProblem,
  type SimulatedModel,
} from './simulator';

/**
 * Builds the fingerprint reader the configuration names. `simulated` is the very same driver over an in-process
 * loopback line with the simulator on the other end, so the demo and the end-to-end tests exercise the real
 * protocol code; it also returns the control handle behind the kiosk's simulator-control endpoints.
 */
export type FingerprintConfigValue = z.infer<typeof FingerprintConfig>;

/** The outside world of a simulated reader: what the simulator-control endpoints (and tests) can do. */
export interface FingerprintSimulatorControl {
  /** Person X touches the reader (their synthetic resident number names the finger). */
  placeFinger(person: string, options?: { hold?: boolean }): void;
  /** A finger that does not belong to the resident number entered. */
  placeWrongFinger(options?: { hold?: boolean }): void;
  /** A touch the sensor cannot use (no image, smudged, too little of the finger). */
  placePoorFinger(problem?: PoorFingerProblem, options?: { hold?: boolean }): void;
  removeFinger(): void;
  /** The module hangs (`false`) or recovers (`true`). */
  setAnswering(answering: boolean): void;
  /** Pull the USB cable; `replug` puts it back and the driver reconnects on its own. */
  unplug(): void;
  replug(): Promise<void>;
  onEvent(listener: (event: FingerprintSimulatorEvent) => void): () => void;
  /** The simulator itself, for tests that inject line faults. */
  readonly simulator: FingerprintSimulator;
}

export type FingerprintSetup = {
  readonly reader: FingerprintReader;
  /** Present only for `simulated`. */
  readonly simulator?: FingerprintSimulatorControl;
};

export type FingerprintDeps = {
  readonly clock: Clock;
  readonly log: Logger;
  readonly timing?: Partial<DriverTiming>;
  /** Overrides for tests (a fake HID device). */
  readonly hidOpener?: HidOpener;
  readonly hidPresent?: HidLister;
  /** The simulated module (default: an R503 with the aura LED). */
  readonly simulatedModel?: SimulatedModel;
};

export async function createFingerprintReader(config: FingerprintConfigValue, deps: FingerprintDeps): Promise<FingerprintSetup> {
  const log = deps.log.child({ device: 'fingerprint' });
  switch (config.driver) {
    case 'r30x': {
      const transport = new SerialTransport(config.port, { baudRate: config.baudRate });
      const reader = new R30xDriver(transport, {
        clock: deps.clock,
        log,
        address: config.address,
        password: config.password,
        timing: deps.timing,
        isPresent: () => serialPortListed(config.port),
      });
      return { reader };
    }
    case 'r30x-hid': {
      const selector = { vendorId: config.vendorId, productId: config.productId, ...(config.path ? { path: config.path } : {}) };
      const transport = new HidStreamTransport(selector, { reportSize: config.reportSize, mode: config.framing }, deps.hidOpener ?? openNodeHid);
      const present = deps.hidPresent ?? nodeHidPresent;
      const reader = new R30xDriver(transport, {
        clock: deps.clock,
        log,
        address: config.address,
        password: config.password,
        timing: deps.timing,
        isPresent: () => present(selector),
      });
      return { reader };
    }
    case 'simulated': {
      const pair = new LoopbackPair('fingerprint');
      const simulator = new FingerprintSimulator(pair.device, deps.simulatedModel ?? R503_MODEL);
      const started = await simulator.start();
      if (!started.ok) throw new Error(`simulated fingerprint reader did not start: ${started.error.detail}`);
      const reader = new R30xDriver(pair.host, {
        clock: deps.clock,
        log,
        timing: deps.timing,
        isPresent: async () => !pair.unplugged,
      });
      const control: FingerprintSimulatorControl = {
        simulator,
        placeFinger: (person, options) => simulator.placeFinger(person, options),
        placeWrongFinger: (options) => simulator.placeWrongFinger(options),
        placePoorFinger: (problem, options) => simulator.placePoorFinger(problem, options),
        removeFinger: () => simulator.removeFinger(),
        setAnswering: (answering) => simulator.setAnswering(answering),
        unplug: () => pair.unplug(),
        replug: async () => {
          pair.replug();
          await simulator.start();
        },
        onEvent: (listener) => simulator.onEvent(listener),
      };
      return { reader, simulator: control };
    }
    default:
      return assertNever(config, 'fingerprint driver');
  }
}
