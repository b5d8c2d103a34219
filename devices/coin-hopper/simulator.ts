import type { Clock, TimerHandle } from '../../common/clock';
import type { Won } from '../../common/money';
import type { Transport } from '../transport/transport';
import {
  CcTalkReader,
  decodeRequest,
  encodeReply,
  faultFlagsOf,
  HOST_ADDRESS,
  nextEventCounter,
  type HopperReply,
  type HopperRequest,
} from './codec';

/**
 * The hoppers' side of ccTalk (protocols.md §2) for tests, the demo and `kiosk sim coin-hopper`: several
 * hoppers on one bus, each with coins, an event counter, a lifetime dispense count that survives power cuts,
 * level sensors, and faults to play (empty, jam, power cut mid-payout, a hopper that demands encryption, silence).
 */
export type SimulatedHopperOptions = {
  readonly address: number;
  readonly coinValue: Won;
  readonly coins: number;
  readonly serialNumber?: number;
  /** Plays a hopper that only accepts the encrypted dispense. */
  readonly demandsEncryption?: boolean;
};

export type CoinHopperSimulatorTiming = {
  /** One coin out every … */
  readonly coinIntervalMs: number;
  /** With no coin left, the hopper gives up after … (test-hopper bit 1, payout timeout). */
  readonly payoutTimeoutMs: number;
};

export const DEFAULT_HOPPER_TIMING: CoinHopperSimulatorTiming = { coinIntervalMs: 150, payoutTimeoutMs: 1000 };
/** Level sensor thresholds of the simulated hoppers (coins). */
export const LOW_LEVEL_COINS = 20;
export const HIGH_LEVEL_COINS = 400;

export type CoinHopperSimulatorEvent =
  | { readonly type: 'coin-out'; readonly coinValue: Won; readonly address: number; readonly coinsLeft: number }
  | { readonly type: 'payout-started'; readonly coinValue: Won; readonly count: number; readonly eventCounter: number }
  | { readonly type: 'payout-ended'; readonly coinValue: Won; readonly paid: number; readonly unpaid: number; readonly reason: string }
  | { readonly type: 'request'; readonly address: number; readonly request: HopperRequest['type'] }
  | { readonly type: 'power'; readonly on: boolean };

type Hopper = {
  readonly address: number;
  readonly coinValue: Won;
  readonly serialNumber: number;
  coins: number;
  enabled: boolean;
  eventCounter: number;
  coinsRemaining: number;
  lastPaid: number;
  lastUnpaid: number;
  dispenseCount: number;
  faultRegister: number;
  demandsEncryption: boolean;
  jamAfter: number | undefined;
  timer: TimerHandle | undefined;
  muted: boolean;
  totalPaid: number;
  /** Line faults to play once: the request is lost on its way in, or its reply on its way out. */
  lose: { request: HopperRequest['type']; what: 'request' | 'reply' } | undefined;
};

export interface CoinHopperSimulatorControl {
  setCoins(coinValue: Won, coins: number): void;
  coins(coinValue: Won): number;
  /** Coins this hopper has paid since the simulator started (what fell into the tray). */
  coinsPaid(coinValue: Won): number;
  empty(coinValue: Won): void;
  jamAfter(coinValue: Won, coins: number): void;
  clearJam(coinValue: Won): void;
  loseNext(coinValue: Won, request: HopperRequest['type'], what: 'request' | 'reply'): void;
  demandEncryption(coinValue: Won, on: boolean): void;
  powerCut(): void;
  powerOn(): void;
  stopAnswering(coinValue?: Won): void;
  resumeAnswering(coinValue?: Won): void;
  onEvent(listener: (event: CoinHopperSimulatorEvent) => void): () => void;
}

export class CoinHopperSimulator implements CoinHopperSimulatorControl {
  private readonly clock: Clock;
  private readonly timing: CoinHopperSimulatorTiming;
  private readonly hoppers: Hopper[];
  private readonly reader = new CcTalkReader();
  private readonly listeners = new Set<(event: CoinHopperSimulatorEvent) => void>();
  private transport: Transport | undefined;
  private detachTransport: (() => void) | undefined;
  private powered = true;

  constructor(options: { clock: Clock; hoppers: readonly SimulatedHopperOptions[]; timing?: Partial<CoinHopperSimulatorTiming> }) {
    this.clock = options.clock;
    this.timing = { ...DEFAULT_HOPPER_TIMING, ...options.timing };
    this.hoppers = options.hoppers.map((h, i) => ({
      address: h.address,
      coinValue: h.coinValue,
      serialNumber: h.serialNumber ?? 0x100000 + h.address * 0x111 + i,
      coins: h.coins,
      enabled: false,
      eventCounter: 0,
      coinsRemaining: 0,
      lastPaid: 0,
      lastUnpaid: 0,
      dispenseCount: 0,
      faultRegister: 0x40,
      demandsEncryption: h.demandsEncryption ?? false,
      jamAfter: undefined,
      timer: undefined,
      muted: false,
      totalPaid: 0,
      lose: undefined,
    }));
  }

  attach(transport: Transport): void {
    this.detach();
    this.transport = transport;
    this.reader.reset();
    this.detachTransport = transport.subscribe((event) => {
      if (event.type === 'data') this.receive(event.bytes);
    });
  }

  detach(): void {
    this.detachTransport?.();
    this.detachTransport = undefined;
    this.transport = undefined;
  }

  onEvent(listener: (event: CoinHopperSimulatorEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ------------------------------------------------------------ control

  setCoins(coinValue: Won, coins: number): void {
    this.hopper(coinValue).coins = coins;
  }

  coins(coinValue: Won): number {
    return this.hopper(coinValue).coins;
  }

  coinsPaid(coinValue: Won): number {
    return this.hopper(coinValue).totalPaid;
  }

  /** Total won paid into the tray by every hopper. */
  totalPaid(): Won {
    return this.hoppers.reduce((sum, h) => sum + h.totalPaid * h.coinValue, 0);
  }

  empty(coinValue: Won): void {
    this.hopper(coinValue).coins = 0;
  }

  jamAfter(coinValue: Won, coins: number): void {
    this.hopper(coinValue).jamAfter = coins;
  }

  /** A technician freed the coin that blocked the disc. */
  clearJam(coinValue: Won): void {
    this.hopper(coinValue).faultRegister &= ~0x01;
  }

  /** Noise on the line: the next such request never arrives, or its reply never reaches the host. */
  loseNext(coinValue: Won, request: HopperRequest['type'], what: 'request' | 'reply'): void {
    this.hopper(coinValue).lose = { request, what };
  }

  demandEncryption(coinValue: Won, on: boolean): void {
    this.hopper(coinValue).demandsEncryption = on;
  }

  /** Power lost on the whole bus: payouts stop where they are; the lifetime count and last unpaid survive. */
  powerCut(): void {
    if (!this.powered) return;
    this.powered = false;
    for (const h of this.hoppers) {
      if (h.timer) this.clock.clearTimeout(h.timer);
      h.timer = undefined;
      if (h.coinsRemaining > 0) {
        h.lastUnpaid = h.coinsRemaining;
        this.emit({ type: 'payout-ended', coinValue: h.coinValue, paid: h.lastPaid, unpaid: h.lastUnpaid, reason: 'power cut' });
      }
      h.coinsRemaining = 0;
    }
    this.emit({ type: 'power', on: false });
  }

  powerOn(): void {
    if (this.powered) return;
    this.powered = true;
    for (const h of this.hoppers) {
      h.eventCounter = 0;
      h.enabled = false;
      h.faultRegister = 0x40;
    }
    this.emit({ type: 'power', on: true });
  }

  stopAnswering(coinValue?: Won): void {
    for (const h of this.select(coinValue)) h.muted = true;
  }

  resumeAnswering(coinValue?: Won): void {
    for (const h of this.select(coinValue)) h.muted = false;
  }

  /** Every hopper's state, for `status` and the simulator-control endpoint. */
  describe(): { coinValue: Won; address: number; coins: number; paid: number; eventCounter: number; enabled: boolean; demandsEncryption: boolean }[] {
    return this.hoppers.map((h) => ({
      coinValue: h.coinValue,
      address: h.address,
      coins: h.coins,
      paid: h.totalPaid,
      eventCounter: h.eventCounter,
      enabled: h.enabled,
      demandsEncryption: h.demandsEncryption,
    }));
  }

  // ------------------------------------------------------------ protocol

  private receive(bytes: Uint8Array): void {
    if (!this.powered) return;
    for (const item of this.reader.push(bytes, this.clock.now())) {
      // A bad checksum or an unknown header gets no reply at all (ccTalk).
      if (item.kind !== 'frame') continue;
      const hopper = this.hoppers.find((h) => h.address === item.frame.destination);
      if (!hopper || hopper.muted || item.frame.source !== HOST_ADDRESS) continue;
      const request = decodeRequest(item.frame);
      if (!request.ok) continue;
      const lose = hopper.lose?.request === request.value.type ? hopper.lose.what : undefined;
      if (lose) hopper.lose = undefined;
      if (lose === 'request') continue;
      this.emit({ type: 'request', address: hopper.address, request: request.value.type });
      const reply = this.answer(hopper, request.value);
      if (reply && lose !== 'reply') void this.transport?.write(encodeReply(hopper.address, reply));
    }
  }

  private answer(h: Hopper, request: HopperRequest): HopperReply | undefined {
    switch (request.type) {
      case 'simple-poll':
        return { type: 'ack' };
      case 'equipment-category':
        return { type: 'text', text: 'Payout' };
      case 'product-code':
        return { type: 'text', text: h.demandsEncryption ? 'SIM-HOPPER-E' : 'SIM-HOPPER' };
      case 'manufacturer':
        return { type: 'text', text: 'KIOSK-SIM' };
      case 'software-revision':
        return { type: 'text', text: 'SIM 1.0' };
      case 'serial-number':
        return { type: 'serial-number', serialNumber: h.serialNumber };
      case 'comms-revision':
        return { type: 'comms-revision', release: 1, major: 4, minor: 7 };
      case 'reset-device':
        if (h.timer) this.clock.clearTimeout(h.timer);
        h.timer = undefined;
        if (h.coinsRemaining > 0) h.lastUnpaid = h.coinsRemaining;
        h.coinsRemaining = 0;
        h.eventCounter = 0;
        h.enabled = false;
        h.faultRegister = 0x40;
        return { type: 'ack' };
      case 'enable-hopper':
        h.enabled = request.enable;
        if (request.enable) h.faultRegister &= ~0x80;
        else h.faultRegister |= 0x80;
        return { type: 'ack' };
      case 'dispense':
        if (h.demandsEncryption) return { type: 'nak' };
        if (request.serialNumber !== h.serialNumber || !h.enabled) return { type: 'nak' };
        if (h.coinsRemaining > 0) return { type: 'busy' };
        return this.startPayout(h, request.count);
      case 'dispense-encrypted':
        // The cipher is not public; the simulator plays a hopper that refuses what it cannot check.
        return { type: 'nak' };
      case 'hopper-status':
        return { type: 'hopper-status', eventCounter: h.eventCounter, coinsRemaining: h.coinsRemaining, lastPaid: h.lastPaid, lastUnpaid: h.lastUnpaid };
      case 'dispense-count':
        return { type: 'dispense-count', count: h.dispenseCount };
      case 'test-hopper':
        return { type: 'test-hopper', flags: faultFlagsOf(h.faultRegister), registers: [h.faultRegister] };
      case 'payout-status':
        return {
          type: 'payout-status',
          belowLow: h.coins < LOW_LEVEL_COINS,
          atOrAboveHigh: h.coins >= HIGH_LEVEL_COINS,
          lowSensorFitted: true,
          highSensorFitted: true,
        };
      case 'emergency-stop': {
        if (h.timer) this.clock.clearTimeout(h.timer);
        h.timer = undefined;
        const notPaid = h.coinsRemaining;
        if (notPaid > 0) {
          h.lastUnpaid = notPaid;
          this.emit({ type: 'payout-ended', coinValue: h.coinValue, paid: h.lastPaid, unpaid: notPaid, reason: 'emergency stop' });
        }
        h.coinsRemaining = 0;
        h.enabled = false;
        h.faultRegister |= 0x80;
        return { type: 'emergency-stop', coinsNotPaid: notPaid };
      }
      case 'request-cipher-key':
        return h.demandsEncryption ? { type: 'cipher-key', key: Uint8Array.of(0x3c, 0x1a, 0x77, 0x02, 0x9e, 0x41, 0x5d, 0xe8) } : undefined;
      case 'pump-rng':
        return h.demandsEncryption ? { type: 'ack' } : undefined;
    }
  }

  private startPayout(h: Hopper, count: number): HopperReply {
    h.eventCounter = nextEventCounter(h.eventCounter);
    h.coinsRemaining = count;
    h.lastPaid = 0;
    h.lastUnpaid = 0;
    h.faultRegister = 0;
    this.emit({ type: 'payout-started', coinValue: h.coinValue, count, eventCounter: h.eventCounter });
    if (count > 0) this.nextCoin(h);
    return { type: 'event-counter', eventCounter: h.eventCounter };
  }

  private nextCoin(h: Hopper): void {
    const empty = h.coins === 0;
    h.timer = this.clock.setTimeout(
      () => {
        h.timer = undefined;
        if (h.jamAfter !== undefined && h.lastPaid >= h.jamAfter) {
          h.jamAfter = undefined;
          return this.abort(h, 0x01, 'jam');
        }
        if (h.coins === 0) return this.abort(h, 0x02, 'empty');
        h.coins--;
        h.coinsRemaining--;
        h.lastPaid++;
        h.totalPaid++;
        h.dispenseCount = (h.dispenseCount + 1) % 0x1000000;
        this.emit({ type: 'coin-out', coinValue: h.coinValue, address: h.address, coinsLeft: h.coins });
        if (h.coinsRemaining > 0) this.nextCoin(h);
        else this.emit({ type: 'payout-ended', coinValue: h.coinValue, paid: h.lastPaid, unpaid: 0, reason: 'complete' });
      },
      empty ? this.timing.payoutTimeoutMs : this.timing.coinIntervalMs,
    );
  }

  private abort(h: Hopper, faultBit: number, reason: string): void {
    h.faultRegister |= faultBit;
    h.lastUnpaid = h.coinsRemaining;
    h.coinsRemaining = 0;
    this.emit({ type: 'payout-ended', coinValue: h.coinValue, paid: h.lastPaid, unpaid: h.lastUnpaid, reason });
  }

  private hopper(coinValue: Won): Hopper {
    const found = this.hoppers.find((h) => h.coinValue === coinValue);
    if (!found) throw new Error(`no simulated hopper for ${coinValue} won`);
    return found;
  }

  private select(coinValue: Won | undefined): Hopper[] {
    return coinValue === undefined ? this.hoppers : [this.hopper(coinValue)];
  }

  private emit(event: CoinHopperSimulatorEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}
