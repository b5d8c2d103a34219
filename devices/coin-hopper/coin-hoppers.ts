import type { Won } from '../../common/money';
import type { Result } from '../../common/result';
import type { HopperFaultFlags, HopperStatus, LevelStatus } from './codec';

/**
 * The change-giving hoppers as the money service sees them: one hopper per coin value (₩500 at ccTalk address 3,
 * ₩100 at 4 by default) on one bus.
 *
 * A dispense is crash-safe by construction: `dispense()` reads the hopper's event counter and lifetime dispense
 * count, hands them to `beforeSend` (where the caller journals "paying N coins" with that baseline) and only then
 * sends the dispense command. Whatever happens next — a lost reply, a power cut, a host crash — the baseline and
 * the hopper's own counters tell exactly how many coins came out, so a payout is never lost and never repeated.
 */
export type HopperCounters = HopperStatus & {
  /** Lifetime coins paid (header 168, 24-bit): survives the hopper's power cuts. */
  readonly dispenseCount: number;
};

export type DispenseBaseline = HopperCounters & {
  readonly coinValue: Won;
  readonly address: number;
  readonly count: number;
};

export type DispenseStop =
  | 'complete'
  | 'empty'
  | 'jam'
  | 'emergency-stop'
  | 'power-loss'
  /** Found at settlement: the hopper never accepted the journaled dispense (its event counter did not move). */
  | 'not-accepted'
  | 'fault';

export type DispenseOutcome = {
  readonly coinValue: Won;
  readonly requested: number;
  readonly paid: number;
  readonly unpaid: number;
  readonly stoppedBy: DispenseStop;
  readonly faultFlags?: HopperFaultFlags;
};

export type HopperError =
  | { readonly kind: 'unknown-hopper'; readonly detail: string }
  | { readonly kind: 'offline'; readonly detail: string }
  /** The hopper answered NAK or BUSY: nothing was paid. */
  | { readonly kind: 'refused'; readonly detail: string }
  /** The hopper wants the encrypted dispense, whose cipher is not public: nothing was paid. */
  | { readonly kind: 'unsupported-encryption'; readonly detail: string }
  /** The caller refused to go on (its journal write failed): nothing was sent. */
  | { readonly kind: 'not-sent'; readonly detail: string }
  /**
   * The dispense was (or may have been) sent but its result could not be read: settle it later with
   * `finishInterrupted(baseline)` when the hopper answers again.
   */
  | { readonly kind: 'outcome-unknown'; readonly detail: string; readonly baseline: DispenseBaseline };

export type HopperFaultCode =
  | 'empty'
  | 'jam'
  | 'opto-fault'
  | 'unsupported-encryption'
  | 'not-a-payout-device'
  | 'device-gone'
  | 'not-responding'
  | 'cannot-open';

export type HopperState = 'offline' | 'starting' | 'ready' | 'paying' | 'fault' | 'unsupported';

export type HopperIdentity = {
  readonly coinValue: Won;
  readonly address: number;
  readonly serialNumber: number | undefined;
  readonly productCode: string | undefined;
  readonly manufacturer: string | undefined;
};

export type HopperStartReport = {
  readonly hoppers: readonly {
    readonly identity: HopperIdentity;
    readonly state: HopperState;
    readonly counters: HopperCounters | undefined;
    readonly level: LevelStatus | undefined;
    /** Why it is not ready, for the technician. */
    readonly detail: string | undefined;
  }[];
};

export type CoinHoppersEvent =
  | { readonly type: 'fault'; readonly coinValue: Won; readonly code: HopperFaultCode; readonly detail: string }
  | { readonly type: 'recovered'; readonly coinValue: Won }
  /** Progress while paying: coins out so far in this dispense. */
  | { readonly type: 'coins-paid'; readonly coinValue: Won; readonly paid: number; readonly requested: number }
  | { readonly type: 'level'; readonly coinValue: Won; readonly level: LevelStatus }
  | { readonly type: 'status'; readonly coinValue: Won; readonly state: HopperState };

export interface CoinHoppers {
  readonly description: string;
  /** Configured coin values, largest first. */
  coinValues(): readonly Won[];
  /** Identify, enable and read every hopper's counters. A hopper that fails is reported, the others still start. */
  start(): Promise<HopperStartReport>;
  /** Stop polling and close the bus without telling the hoppers anything. */
  stop(): Promise<void>;
  readCounters(coinValue: Won): Promise<Result<HopperCounters, HopperError>>;
  /**
   * Pay `count` coins. `beforeSend` runs (and is awaited) after the baseline is read and before the command is
   * sent; if it throws or rejects, nothing is sent (`not-sent`).
   */
  dispense(
    coinValue: Won,
    count: number,
    beforeSend: (baseline: DispenseBaseline) => void | Promise<void>,
  ): Promise<Result<DispenseOutcome, HopperError>>;
  /** Settle a dispense journaled before a crash or a lost link: wait for it to finish and count from the baseline. */
  finishInterrupted(baseline: DispenseBaseline): Promise<Result<DispenseOutcome, HopperError>>;
  /** Stop paying at once (header 172); returns the coins not paid. The hopper must be re-enabled after. */
  emergencyStop(coinValue: Won): Promise<Result<number, HopperError>>;
  /** Re-enable after an emergency stop or a technician's intervention. */
  enable(coinValue: Won): Promise<Result<void, HopperError>>;
  state(coinValue: Won): HopperState;
  level(coinValue: Won): LevelStatus | undefined;
  subscribe(listener: (event: CoinHoppersEvent) => void): () => void;
}
