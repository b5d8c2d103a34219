import type { Clock } from '../../common/clock';
import { silentLogger, type Logger } from '../../common/log';
import type { Won } from '../../common/money';
import { err, ok, type Result } from '../../common/result';
import { LocatedSerialTransport } from '../transport/located-serial';
import { LoopbackPair } from '../transport/loopback';
import { parseLocator, unstablePathWarning } from '../transport/match';
import type { SerialSettings } from '../transport/transport';
import type { CoinHoppers } from './coin-hoppers';
import { CcTalkCoinHoppers } from './driver';
import { CoinHopperSimulator, type CoinHopperSimulatorTiming } from './simulator';

/** ccTalk runs 9600 8N1 on one wire (protocols.md §2). */
export const CCTALK_SERIAL_SETTINGS: SerialSettings = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 };

/** What the configuration says (kiosk/config/schema.ts `CoinHoppersConfig`, restated structurally). */
export type CoinHoppersSettings =
  | { readonly driver: 'cctalk'; readonly port: string; readonly hoppers: readonly { readonly coinValue: Won; readonly address: number }[] }
  | {
      readonly driver: 'simulated';
      readonly hoppers: readonly { readonly coinValue: Won; readonly address: number; readonly initialCoins: number }[];
    };

export type CoinHoppersDevice =
  | { readonly kind: 'cctalk'; readonly hoppers: CoinHoppers; readonly warnings: readonly string[] }
  | {
      readonly kind: 'simulated';
      readonly hoppers: CoinHoppers;
      /** The outside world: set coin counts, empty a hopper, jam it, cut the power, demand encryption. */
      readonly simulator: CoinHopperSimulator;
      readonly link: LoopbackPair;
      /** The coins the simulated hoppers hold at start, for the ledger's first levels. */
      readonly initialCoins: ReadonlyMap<Won, number>;
    };

export type CoinHoppersDeps = {
  readonly clock: Clock;
  readonly log?: Logger;
  readonly simulatorTiming?: Partial<CoinHopperSimulatorTiming>;
};

/**
 * Build the hoppers a configuration names. `simulated` is the same ccTalk driver over a loopback pair that
 * echoes the host's bytes as a real single-wire bus does, with the simulator on the device end.
 */
export function createCoinHoppers(settings: CoinHoppersSettings, deps: CoinHoppersDeps): Result<CoinHoppersDevice, string> {
  const log = deps.log ?? silentLogger();
  const wiring = settings.hoppers.map(({ coinValue, address }) => ({ coinValue, address }));
  if (new Set(wiring.map((h) => h.address)).size !== wiring.length) return err('devices.coinHoppers.hoppers: two hoppers share a ccTalk address');
  if (new Set(wiring.map((h) => h.coinValue)).size !== wiring.length) return err('devices.coinHoppers.hoppers: two hoppers pay the same coin');
  switch (settings.driver) {
    case 'cctalk': {
      const locator = parseLocator(settings.port);
      if (!locator.ok) return err(`devices.coinHoppers.port: ${locator.error.detail}`);
      const warning = unstablePathWarning(locator.value);
      if (warning) log.warn({ event: 'coin-hopper.unstable-port', detail: warning });
      const transport = new LocatedSerialTransport(locator.value, CCTALK_SERIAL_SETTINGS);
      const hoppers = new CcTalkCoinHoppers({ transport, clock: deps.clock, log, hoppers: wiring, isPresent: () => transport.isPresent() });
      return ok({ kind: 'cctalk', hoppers, warnings: warning ? [warning] : [] });
    }
    case 'simulated': {
      const link = new LoopbackPair('coin-hoppers', { echo: true });
      const simulator = new CoinHopperSimulator({
        clock: deps.clock,
        hoppers: settings.hoppers.map((h) => ({ address: h.address, coinValue: h.coinValue, coins: h.initialCoins })),
        ...(deps.simulatorTiming ? { timing: deps.simulatorTiming } : {}),
      });
      void link.device.open();
      simulator.attach(link.device);
      const hoppers = new CcTalkCoinHoppers({ transport: link.host, clock: deps.clock, log, hoppers: wiring, isPresent: () => Promise.resolve(!link.unplugged) });
      return ok({ kind: 'simulated', hoppers, simulator, link, initialCoins: new Map(settings.hoppers.map((h) => [h.coinValue, h.initialCoins])) });
    }
  }
}
