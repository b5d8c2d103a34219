import type { Clock, TimerHandle } from '../../common/clock';
import { silentLogger, type Logger } from '../../common/log';
import type { Won } from '../../common/money';
import { err, ok, type Result } from '../../common/result';
import { LinkSupervisor, type LinkState } from '../transport/supervisor';
import type { Transport, TransportEvent } from '../transport/transport';
import {
  CcTalkReader,
  countSince,
  decodeReply,
  encodeRequest,
  HOST_ADDRESS,
  nextEventCounter,
  type HopperFaultFlags,
  type HopperReply,
  type HopperRequest,
  type LevelStatus,
} from './codec';
import type {
  CoinHoppers,
  CoinHoppersEvent,
  DispenseBaseline,
  DispenseOutcome,
  DispenseStop,
  HopperCounters,
  HopperError,
  HopperFaultCode,
  HopperIdentity,
  HopperStartReport,
  HopperState,
} from './coin-hoppers';

/**
 * ccTalk host for payout hoppers (protocols.md §2). All hoppers share one bus and one request queue; each
 * request waits for the reply from the addressed hopper, skipping the echo of its own bytes.
 */
export const REPLY_TIMEOUT_MS = 200;
export const MAX_ATTEMPTS = 3;
export const PAYOUT_POLL_MS = 100;
/** During a payout, how long the status may stay unreadable before the outcome is declared unknown. */
export const PAYOUT_SILENCE_LIMIT_MS = 3000;
/** A payout must finish within this plus PAYOUT_MS_PER_COIN per coin, or it is treated as stalled. */
export const PAYOUT_BASE_MS = 5000;
export const PAYOUT_MS_PER_COIN = 1000;
export const HEALTH_CHECK_INTERVAL_MS = 5000;
/** A hopper that misses this many requests in a row is offline (others on the bus may still answer). */
export const HOPPER_FAILURE_LIMIT = 3;
/** Readings of a money-deciding counter taken to find two that agree. */
export const AGREEING_READS_LIMIT = 5;

export type HopperWiring = { readonly coinValue: Won; readonly address: number };

export type CcTalkDriverOptions = {
  readonly transport: Transport;
  readonly clock: Clock;
  readonly hoppers: readonly HopperWiring[];
  readonly log?: Logger;
  readonly isPresent?: () => Promise<boolean>;
  readonly replyTimeoutMs?: number;
  readonly healthCheckIntervalMs?: number;
  readonly reconnectIntervalMs?: number;
};

type Hopper = {
  readonly coinValue: Won;
  readonly address: number;
  state: HopperState;
  serialNumber: number | undefined;
  productCode: string | undefined;
  manufacturer: string | undefined;
  level: LevelStatus | undefined;
  fault: HopperFaultCode | undefined;
  failures: number;
  detail: string | undefined;
};

type ExchangeError = { readonly kind: 'timeout' | 'offline' | 'bad-reply'; readonly detail: string };

export class CcTalkCoinHoppers implements CoinHoppers {
  private readonly transport: Transport;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly replyTimeoutMs: number;
  private readonly healthCheckIntervalMs: number;
  private readonly hoppers: Hopper[];
  private readonly reader = new CcTalkReader();
  private readonly listeners = new Set<(event: CoinHoppersEvent) => void>();
  private readonly supervisor: LinkSupervisor;
  private queue: Promise<unknown> = Promise.resolve();
  private waiting: { address: number; accept: (frame: { header: number; data: Uint8Array; destination: number; source: number }) => void } | undefined;
  private unsubscribeTransport: (() => void) | undefined;
  private healthTimer: TimerHandle | undefined;
  private stopped = false;

  constructor(options: CcTalkDriverOptions) {
    this.transport = options.transport;
    this.clock = options.clock;
    this.log = options.log ?? silentLogger();
    this.replyTimeoutMs = options.replyTimeoutMs ?? REPLY_TIMEOUT_MS;
    this.healthCheckIntervalMs = options.healthCheckIntervalMs ?? HEALTH_CHECK_INTERVAL_MS;
    const addresses = new Set<number>();
    const values = new Set<Won>();
    for (const h of options.hoppers) {
      // Programmer/configuration errors caught by the config schema as well; never two hoppers on one address.
      if (addresses.has(h.address) || values.has(h.coinValue)) throw new Error(`hoppers must have distinct addresses and coin values`);
      addresses.add(h.address);
      values.add(h.coinValue);
    }
    this.hoppers = [...options.hoppers]
      .sort((a, b) => b.coinValue - a.coinValue)
      .map((h) => ({
        coinValue: h.coinValue,
        address: h.address,
        state: 'offline',
        serialNumber: undefined,
        productCode: undefined,
        manufacturer: undefined,
        level: undefined,
        fault: undefined,
        failures: 0,
        detail: undefined,
      }));
    this.supervisor = new LinkSupervisor({
      device: 'coin-hoppers',
      transport: this.transport,
      clock: this.clock,
      log: this.log,
      isPresent: options.isPresent ?? (() => Promise.resolve(true)),
      reinitialise: () => this.reinitialise(),
      onChange: (state) => this.onLinkChange(state),
      ...(options.reconnectIntervalMs !== undefined ? { reconnectIntervalMs: options.reconnectIntervalMs } : {}),
    });
  }

  get description(): string {
    return `coin-hoppers (${this.transport.description})`;
  }

  coinValues(): readonly Won[] {
    return this.hoppers.map((h) => h.coinValue);
  }

  // ------------------------------------------------------------ start-up

  async start(): Promise<HopperStartReport> {
    this.stopped = false;
    this.supervisor.resume();
    if (!this.unsubscribeTransport) this.unsubscribeTransport = this.transport.subscribe((event) => this.onTransport(event));
    if (!this.transport.isOpen) {
      const opened = await this.transport.open();
      if (!opened.ok) {
        for (const h of this.hoppers) this.markOffline(h, 'cannot-open', opened.error.detail);
        this.supervisor.markOffline('cannot-open', opened.error.detail);
        return this.report(new Map());
      }
    }
    const counters = new Map<Won, HopperCounters>();
    for (const h of this.hoppers) {
      const started = await this.initialiseHopper(h);
      if (started) counters.set(h.coinValue, started);
    }
    this.scheduleHealthCheck();
    return this.report(counters);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.healthTimer) this.clock.clearTimeout(this.healthTimer);
    this.healthTimer = undefined;
    this.supervisor.stop();
    this.waiting = undefined;
    this.unsubscribeTransport?.();
    this.unsubscribeTransport = undefined;
    await this.transport.close();
  }

  private report(counters: Map<Won, HopperCounters>): HopperStartReport {
    return {
      hoppers: this.hoppers.map((h) => ({
        identity: identityOf(h),
        state: h.state,
        counters: counters.get(h.coinValue),
        level: h.level,
        detail: h.detail,
      })),
    };
  }

  /** Identify, check for encryption, read counters and enable one hopper. Returns its counters when ready. */
  private async initialiseHopper(h: Hopper): Promise<HopperCounters | undefined> {
    this.setState(h, 'starting');
    const poll = await this.request(h, { type: 'simple-poll' });
    if (!poll.ok) {
      this.markOffline(h, 'not-responding', `no reply at ccTalk address ${h.address}: ${poll.error.detail}`);
      return undefined;
    }
    const category = await this.request(h, { type: 'equipment-category' });
    if (category.ok && category.value.type === 'text' && category.value.text.trim().toLowerCase() !== 'payout') {
      this.markUnsupported(h, 'not-a-payout-device', `address ${h.address} is a "${category.value.text}", not a payout device: check the address`);
      return undefined;
    }
    const serial = await this.request(h, { type: 'serial-number' });
    if (!serial.ok || serial.value.type !== 'serial-number') {
      this.markOffline(h, 'not-responding', `address ${h.address} did not give its serial number (needed to dispense)`);
      return undefined;
    }
    h.serialNumber = serial.value.serialNumber;
    const product = await this.request(h, { type: 'product-code' });
    if (product.ok && product.value.type === 'text') h.productCode = product.value.text;
    const maker = await this.request(h, { type: 'manufacturer' });
    if (maker.ok && maker.value.type === 'text') h.manufacturer = maker.value.text;
    if (await this.demandsEncryption(h)) return undefined;
    const counters = await this.readCountersOf(h);
    if (!counters.ok) {
      this.markOffline(h, 'not-responding', counters.error.detail);
      return undefined;
    }
    await this.refreshLevel(h);
    const enabled = await this.request(h, { type: 'enable-hopper', enable: true });
    if (!enabled.ok || enabled.value.type !== 'ack') {
      this.markOffline(h, 'not-responding', `address ${h.address} did not accept enable`);
      return undefined;
    }
    h.detail = undefined;
    this.log.info({ event: 'coin-hopper.started', coinValue: h.coinValue, address: h.address, productCode: h.productCode, eventCounter: counters.value.eventCounter });
    this.becomeReady(h);
    return counters.value;
  }

  /**
   * A hopper that hands out a cipher key (header 160) works with the encrypted dispense, whose algorithm is not
   * public (protocols.md §2): refuse it at start-up, before any money depends on it.
   */
  private async demandsEncryption(h: Hopper): Promise<boolean> {
    const key = await this.request(h, { type: 'request-cipher-key' }, 1);
    if (!key.ok || key.value.type !== 'cipher-key') return false;
    this.markUnsupported(
      h,
      'unsupported-encryption',
      `the ${h.coinValue}-won hopper at address ${h.address} (${h.productCode ?? 'unknown model'}) demands the encrypted ` +
        'dispense (it answered ccTalk header 160, request cipher key). That encryption is not public, so this kiosk ' +
        'cannot pay coins from it: fit a hopper that accepts the serial-number dispense (header 167 with the serial ' +
        'number), or have the supplier configure this one without encryption.',
    );
    return true;
  }

  private async reinitialise(): Promise<boolean> {
    if (this.stopped) return false;
    let any = false;
    for (const h of this.hoppers) {
      if (h.state === 'unsupported') continue;
      const wasOffline = h.state === 'offline';
      if (await this.initialiseHopper(h)) {
        any = true;
        if (wasOffline) this.emit({ type: 'recovered', coinValue: h.coinValue });
      }
    }
    if (any) this.scheduleHealthCheck();
    return any;
  }

  // ------------------------------------------------------------ public commands

  readCounters(coinValue: Won): Promise<Result<HopperCounters, HopperError>> {
    const h = this.find(coinValue);
    if (!h.ok) return Promise.resolve(h);
    return this.readCountersOf(h.value);
  }

  async dispense(
    coinValue: Won,
    count: number,
    beforeSend: (baseline: DispenseBaseline) => void | Promise<void>,
  ): Promise<Result<DispenseOutcome, HopperError>> {
    if (!Number.isInteger(count) || count < 1 || count > 255) throw new Error(`a dispense is 1–255 coins, not ${count}`);
    const found = this.find(coinValue);
    if (!found.ok) return found;
    const h = found.value;
    const usable = this.usable(h);
    if (!usable.ok) return usable;
    this.setState(h, 'paying');
    try {
      const base = await this.readCountersOf(h);
      if (!base.ok) return base;
      if (base.value.coinsRemaining > 0) return err({ kind: 'refused', detail: `the ${coinValue}-won hopper is still paying a previous dispense` });
      if (base.value.eventCounter === 0) {
        // Counter 0: the hopper was reset or powered up since we enabled it, and comes back disabled.
        const enabled = await this.request(h, { type: 'enable-hopper', enable: true });
        if (!enabled.ok) return err({ kind: 'offline', detail: enabled.error.detail });
      }
      const baseline: DispenseBaseline = { ...base.value, coinValue, address: h.address, count };
      try {
        await beforeSend(baseline);
      } catch (error) {
        return err({ kind: 'not-sent', detail: `not sent: ${(error as Error).message}` });
      }
      const accepted = await this.sendDispense(h, baseline);
      if (!accepted.ok) return accepted;
      return await this.followPayout(h, baseline);
    } finally {
      if (h.state === 'paying') this.becomeReady(h);
    }
  }

  async finishInterrupted(baseline: DispenseBaseline): Promise<Result<DispenseOutcome, HopperError>> {
    const found = this.find(baseline.coinValue);
    if (!found.ok) return found;
    const h = found.value;
    const status = await this.agreeingRead(h, { type: 'hopper-status' });
    if (!status.ok || status.value.type !== 'hopper-status') {
      return err({ kind: 'outcome-unknown', detail: `cannot read the ${baseline.coinValue}-won hopper's status`, baseline });
    }
    if (status.value.eventCounter === nextEventCounter(baseline.eventCounter) && status.value.coinsRemaining > 0) {
      this.setState(h, 'paying');
      try {
        return await this.followPayout(h, baseline);
      } finally {
        if (h.state === 'paying') this.becomeReady(h);
      }
    }
    const count = await this.agreeingRead(h, { type: 'dispense-count' });
    if (!count.ok || count.value.type !== 'dispense-count') {
      return err({ kind: 'outcome-unknown', detail: `cannot read the ${baseline.coinValue}-won hopper's dispense count`, baseline });
    }
    const paid = countSince(baseline.dispenseCount, count.value.count);
    if (paid > baseline.count) {
      return err({ kind: 'outcome-unknown', detail: `the dispense count moved by ${paid}, more than the ${baseline.count} coins journaled`, baseline });
    }
    const accepted = status.value.eventCounter !== baseline.eventCounter || paid > 0;
    const stoppedBy: DispenseStop =
      paid === baseline.count ? 'complete' : !accepted ? 'not-accepted' : status.value.eventCounter === 0 ? 'power-loss' : 'fault';
    this.log.info({ event: 'coin-hopper.interrupted-settled', coinValue: baseline.coinValue, paid, requested: baseline.count, accepted });
    return ok({ coinValue: baseline.coinValue, requested: baseline.count, paid, unpaid: baseline.count - paid, stoppedBy });
  }

  async emergencyStop(coinValue: Won): Promise<Result<number, HopperError>> {
    const found = this.find(coinValue);
    if (!found.ok) return found;
    const stopped = await this.request(found.value, { type: 'emergency-stop' });
    if (!stopped.ok) return err({ kind: 'offline', detail: stopped.error.detail });
    if (stopped.value.type !== 'emergency-stop') return err({ kind: 'refused', detail: `emergency stop answered ${stopped.value.type}` });
    this.log.warn({ event: 'coin-hopper.emergency-stop', coinValue, coinsNotPaid: stopped.value.coinsNotPaid });
    return ok(stopped.value.coinsNotPaid);
  }

  async enable(coinValue: Won): Promise<Result<void, HopperError>> {
    const found = this.find(coinValue);
    if (!found.ok) return found;
    const enabled = await this.request(found.value, { type: 'enable-hopper', enable: true });
    if (!enabled.ok) return err({ kind: 'offline', detail: enabled.error.detail });
    return ok(undefined);
  }

  state(coinValue: Won): HopperState {
    return this.hoppers.find((h) => h.coinValue === coinValue)?.state ?? 'offline';
  }

  level(coinValue: Won): LevelStatus | undefined {
    return this.hoppers.find((h) => h.coinValue === coinValue)?.level;
  }

  subscribe(listener: (event: CoinHoppersEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ------------------------------------------------------------ dispensing

  /**
   * Send the dispense once. A NAK or BUSY means nothing was paid. A lost reply is never answered by a blind
   * resend: the event counter says whether the hopper accepted it, and only an unchanged counter allows one resend.
   */
  private async sendDispense(h: Hopper, baseline: DispenseBaseline): Promise<Result<void, HopperError>> {
    const expected = nextEventCounter(baseline.eventCounter);
    const request: HopperRequest = { type: 'dispense', serialNumber: h.serialNumber ?? 0, count: baseline.count };
    for (let attempt = 1; attempt <= 2; attempt++) {
      const reply = await this.request(h, request, 1);
      if (reply.ok) {
        switch (reply.value.type) {
          case 'event-counter':
            if (reply.value.eventCounter === expected) return ok(undefined);
            break;
          case 'nak':
            return this.diagnoseRefusal(h, baseline);
          case 'busy':
            return err({ kind: 'refused', detail: `the ${h.coinValue}-won hopper is busy` });
          default:
            break;
        }
      }
      // No reply, or one that does not add up: look at the counter before anything else.
      const status = await this.request(h, { type: 'hopper-status' });
      if (!status.ok || status.value.type !== 'hopper-status') {
        return err({ kind: 'outcome-unknown', detail: `dispense sent to the ${h.coinValue}-won hopper; its status cannot be read`, baseline });
      }
      if (status.value.eventCounter === expected) return ok(undefined);
      if (status.value.eventCounter !== baseline.eventCounter) {
        return err({ kind: 'outcome-unknown', detail: `event counter went from ${baseline.eventCounter} to ${status.value.eventCounter}`, baseline });
      }
      this.log.warn({ event: 'coin-hopper.dispense-not-accepted', coinValue: h.coinValue, attempt });
    }
    return err({ kind: 'refused', detail: `the ${h.coinValue}-won hopper did not accept the dispense (event counter unchanged)` });
  }

  private async diagnoseRefusal(h: Hopper, baseline: DispenseBaseline): Promise<Result<void, HopperError>> {
    if (await this.demandsEncryption(h)) {
      return err({ kind: 'unsupported-encryption', detail: h.detail ?? 'the hopper demands the encrypted dispense' });
    }
    const test = await this.request(h, { type: 'test-hopper' });
    const flags = test.ok && test.value.type === 'test-hopper' ? test.value.flags : undefined;
    if (flags?.payoutDisabled) {
      // Re-enable and try once more: the counter is unchanged, so nothing was paid by the refused command.
      const enabled = await this.request(h, { type: 'enable-hopper', enable: true });
      if (enabled.ok) {
        const retry = await this.request(h, { type: 'dispense', serialNumber: h.serialNumber ?? 0, count: baseline.count }, 1);
        if (retry.ok && retry.value.type === 'event-counter' && retry.value.eventCounter === nextEventCounter(baseline.eventCounter)) return ok(undefined);
        if (!retry.ok) {
          const status = await this.request(h, { type: 'hopper-status' });
          if (status.ok && status.value.type === 'hopper-status' && status.value.eventCounter === nextEventCounter(baseline.eventCounter)) return ok(undefined);
          if (!status.ok) return err({ kind: 'outcome-unknown', detail: 'dispense resent after re-enabling; status unreadable', baseline });
        }
      }
    }
    return err({ kind: 'refused', detail: `the ${h.coinValue}-won hopper refused the dispense (NAK)${flags ? `; flags ${describeFlags(flags)}` : ''}` });
  }

  /** Poll the status until the payout ends, then count what came out from the lifetime counter. */
  private async followPayout(h: Hopper, baseline: DispenseBaseline): Promise<Result<DispenseOutcome, HopperError>> {
    const expected = nextEventCounter(baseline.eventCounter);
    const deadline = this.clock.now() + PAYOUT_BASE_MS + PAYOUT_MS_PER_COIN * baseline.count;
    let lastHeard = this.clock.now();
    let lastPaid = -1;
    let stoppedByPower = false;
    for (;;) {
      await this.clock.sleep(PAYOUT_POLL_MS);
      if (this.stopped) return err({ kind: 'outcome-unknown', detail: 'driver stopped during a payout', baseline });
      const status = await this.request(h, { type: 'hopper-status' }, 1);
      const now = this.clock.now();
      if (!status.ok || status.value.type !== 'hopper-status') {
        if (now - lastHeard > PAYOUT_SILENCE_LIMIT_MS) {
          return err({ kind: 'outcome-unknown', detail: `the ${h.coinValue}-won hopper stopped answering during a payout`, baseline });
        }
        continue;
      }
      lastHeard = now;
      let s = status.value;
      if (s.eventCounter === 0 || s.eventCounter !== expected || s.coinsRemaining === 0) {
        // A reading that ends the payout is read again until two agree: an 8-bit checksum lets a rare
        // corrupted frame through, and a false "done" would under-count coins still coming out.
        const confirmed = await this.agreeingRead(h, { type: 'hopper-status' });
        if (!confirmed.ok || confirmed.value.type !== 'hopper-status') continue;
        s = confirmed.value;
      }
      if (s.eventCounter === 0) {
        stoppedByPower = true;
        break;
      }
      if (s.eventCounter !== expected) {
        return err({ kind: 'outcome-unknown', detail: `event counter ${s.eventCounter} during a payout expected at ${expected}`, baseline });
      }
      if (s.lastPaid !== lastPaid) {
        lastPaid = s.lastPaid;
        this.emit({ type: 'coins-paid', coinValue: h.coinValue, paid: s.lastPaid, requested: baseline.count });
      }
      if (s.coinsRemaining === 0) break;
      if (now > deadline) {
        // A payout that does not end: stop the motor, then count what came out.
        this.log.error({ event: 'coin-hopper.payout-stalled', coinValue: h.coinValue });
        await this.request(h, { type: 'emergency-stop' });
        break;
      }
    }
    const count = await this.agreeingRead(h, { type: 'dispense-count' });
    if (!count.ok || count.value.type !== 'dispense-count') {
      return err({ kind: 'outcome-unknown', detail: `the ${h.coinValue}-won hopper's dispense count cannot be read`, baseline });
    }
    const paid = countSince(baseline.dispenseCount, count.value.count);
    if (paid > baseline.count) {
      return err({ kind: 'outcome-unknown', detail: `dispense count moved by ${paid} for ${baseline.count} coins asked`, baseline });
    }
    const unpaid = baseline.count - paid;
    if (unpaid === 0) {
      this.log.info({ event: 'coin-hopper.paid', coinValue: h.coinValue, coins: paid });
      return ok({ coinValue: h.coinValue, requested: baseline.count, paid, unpaid, stoppedBy: 'complete' });
    }
    if (stoppedByPower) {
      this.log.warn({ event: 'coin-hopper.power-loss-mid-payout', coinValue: h.coinValue, paid, unpaid });
      await this.request(h, { type: 'enable-hopper', enable: true });
      return ok({ coinValue: h.coinValue, requested: baseline.count, paid, unpaid, stoppedBy: 'power-loss' });
    }
    const test = await this.request(h, { type: 'test-hopper' });
    const flags = test.ok && test.value.type === 'test-hopper' ? test.value.flags : undefined;
    const stoppedBy: DispenseStop = flags?.maxCurrentExceeded
      ? 'jam'
      : flags?.payoutTimeout
        ? 'empty'
        : flags?.payoutDisabled
          ? 'emergency-stop'
          : 'fault';
    this.log.warn({ event: 'coin-hopper.payout-short', coinValue: h.coinValue, paid, unpaid, stoppedBy, flags });
    if (stoppedBy === 'jam') this.markFault(h, 'jam', `the ${h.coinValue}-won hopper jammed after ${paid} of ${baseline.count} coins`);
    else if (stoppedBy === 'empty') this.emit({ type: 'fault', coinValue: h.coinValue, code: 'empty', detail: `the ${h.coinValue}-won hopper ran empty after ${paid} of ${baseline.count} coins` });
    return ok({ coinValue: h.coinValue, requested: baseline.count, paid, unpaid, stoppedBy, ...(flags ? { faultFlags: flags } : {}) });
  }

  private async readCountersOf(h: Hopper): Promise<Result<HopperCounters, HopperError>> {
    const status = await this.agreeingRead(h, { type: 'hopper-status' });
    if (!status.ok || status.value.type !== 'hopper-status') {
      return err({ kind: 'offline', detail: `cannot read the ${h.coinValue}-won hopper's status${status.ok ? '' : `: ${status.error.detail}`}` });
    }
    const count = await this.agreeingRead(h, { type: 'dispense-count' });
    if (!count.ok || count.value.type !== 'dispense-count') {
      return err({ kind: 'offline', detail: `cannot read the ${h.coinValue}-won hopper's dispense count` });
    }
    const { eventCounter, coinsRemaining, lastPaid, lastUnpaid } = status.value;
    return ok({ eventCounter, coinsRemaining, lastPaid, lastUnpaid, dispenseCount: count.value.count });
  }

  /**
   * Read a counter until two readings agree. The baseline of a dispense and the count that settles it decide how
   * many coins are owed: they must not come from the rare corrupted frame an 8-bit checksum lets through.
   */
  private async agreeingRead(h: Hopper, request: HopperRequest): Promise<Result<HopperReply, ExchangeError>> {
    let previous: string | undefined;
    for (let reading = 0; reading < AGREEING_READS_LIMIT; reading++) {
      const reply = await this.request(h, request);
      if (!reply.ok) return reply;
      const key = JSON.stringify(reply.value);
      if (key === previous) return reply;
      previous = key;
    }
    return err({ kind: 'bad-reply', detail: `${request.type} readings from address ${h.address} do not agree` });
  }

  // ------------------------------------------------------------ health

  private scheduleHealthCheck(): void {
    if (this.stopped || this.healthTimer) return;
    this.healthTimer = this.clock.setTimeout(() => {
      this.healthTimer = undefined;
      void this.checkHealth().finally(() => this.scheduleHealthCheck());
    }, this.healthCheckIntervalMs);
  }

  private async checkHealth(): Promise<void> {
    if (this.supervisor.isOffline) return;
    for (const h of this.hoppers) {
      if (this.stopped) return;
      switch (h.state) {
        case 'paying':
        case 'starting':
        case 'unsupported':
          continue;
        case 'offline': {
          const poll = await this.request(h, { type: 'simple-poll' }, 1);
          if (poll.ok && (await this.initialiseHopper(h))) this.emit({ type: 'recovered', coinValue: h.coinValue });
          continue;
        }
        case 'ready':
        case 'fault': {
          const test = await this.request(h, { type: 'test-hopper' });
          if (test.ok && test.value.type === 'test-hopper' && h.state === 'fault' && h.fault === 'jam' && !test.value.flags.maxCurrentExceeded) {
            this.log.info({ event: 'coin-hopper.recovered', coinValue: h.coinValue });
            this.becomeReady(h);
            this.emit({ type: 'recovered', coinValue: h.coinValue });
          }
          await this.refreshLevel(h);
          continue;
        }
      }
    }
  }

  private async refreshLevel(h: Hopper): Promise<void> {
    const level = await this.request(h, { type: 'payout-status' });
    if (!level.ok || level.value.type !== 'payout-status') return;
    const { belowLow, atOrAboveHigh, lowSensorFitted, highSensorFitted } = level.value;
    const next: LevelStatus = { belowLow, atOrAboveHigh, lowSensorFitted, highSensorFitted };
    if (JSON.stringify(next) !== JSON.stringify(h.level)) {
      h.level = next;
      this.emit({ type: 'level', coinValue: h.coinValue, level: next });
    }
  }

  // ------------------------------------------------------------ the bus

  private request(h: Hopper, request: HopperRequest, attempts = MAX_ATTEMPTS): Promise<Result<HopperReply, ExchangeError>> {
    return this.enqueue(async () => {
      const reply = await this.exchange(h.address, request, attempts);
      if (reply.ok) {
        if (h.failures >= HOPPER_FAILURE_LIMIT && h.state === 'offline') h.detail = undefined;
        h.failures = 0;
      } else if (request.type !== 'request-cipher-key' && request.type !== 'dispense' && reply.error.kind === 'timeout') {
        h.failures++;
        // The bus is silent only when no hopper on it answers; one mute hopper is that hopper's fault.
        if (this.hoppers.every((other) => other.state === 'unsupported' || other.failures > 0)) {
          this.supervisor.noteSilence(`${request.type} to ${h.address}: ${reply.error.detail}`);
        }
        if (h.failures >= HOPPER_FAILURE_LIMIT && h.state !== 'offline' && h.state !== 'paying' && h.state !== 'starting') {
          this.markOffline(h, 'not-responding', `no reply from ccTalk address ${h.address}: ${reply.error.detail}`);
        }
      }
      return reply;
    });
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async exchange(address: number, request: HopperRequest, attempts: number): Promise<Result<HopperReply, ExchangeError>> {
    let last: ExchangeError = { kind: 'timeout', detail: 'not sent' };
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (this.stopped) return err({ kind: 'offline', detail: 'driver stopped' });
      const frame = await this.sendAndWait(address, request);
      if (!frame.ok) {
        last = frame.error;
        if (frame.error.kind === 'offline') return frame;
        continue;
      }
      this.supervisor.noteReply();
      const reply = decodeReply(request, frame.value);
      if (reply.ok) return reply;
      last = { kind: 'bad-reply', detail: reply.error.detail };
      this.log.warn({ event: 'coin-hopper.bad-reply', address, request: request.type, detail: reply.error.detail });
    }
    return err(last);
  }

  private sendAndWait(address: number, request: HopperRequest): Promise<Result<{ header: number; data: Uint8Array; destination: number; source: number }, ExchangeError>> {
    return new Promise((resolve) => {
      this.reader.reset();
      let settled = false;
      const finish = (result: Result<{ header: number; data: Uint8Array; destination: number; source: number }, ExchangeError>) => {
        if (settled) return;
        settled = true;
        this.waiting = undefined;
        this.clock.clearTimeout(timer);
        resolve(result);
      };
      const timer = this.clock.setTimeout(
        () => finish(err({ kind: 'timeout', detail: `no reply from address ${address} within ${this.replyTimeoutMs} ms` })),
        this.replyTimeoutMs,
      );
      this.waiting = { address, accept: (frame) => finish(ok(frame)) };
      void this.transport.write(encodeRequest(address, request)).then((written) => {
        if (!written.ok) {
          this.supervisor.noteTransportError(`${written.error.kind}: ${written.error.detail}`);
          finish(err({ kind: 'offline', detail: written.error.detail }));
        }
      });
    });
  }

  private onTransport(event: TransportEvent): void {
    switch (event.type) {
      case 'data':
        for (const item of this.reader.push(event.bytes, this.clock.now())) {
          if (item.kind !== 'frame') continue;
          // Our own bytes come back first on the single wire: they are addressed to the hopper, not to us.
          if (item.frame.destination !== HOST_ADDRESS) continue;
          const waiting = this.waiting;
          if (waiting && item.frame.source === waiting.address) waiting.accept(item.frame);
        }
        return;
      case 'error':
        this.log.warn({ event: 'coin-hopper.transport-error', kind: event.error.kind, detail: event.error.detail });
        this.supervisor.noteTransportError(`${event.error.kind}: ${event.error.detail}`);
        return;
      case 'closed':
        if (!this.stopped) this.supervisor.noteTransportError(`port closed: ${event.reason}`);
        return;
    }
  }

  private onLinkChange(state: LinkState): void {
    if (state.kind !== 'offline') return;
    const code: HopperFaultCode = state.reason === 'gone' ? 'device-gone' : state.reason === 'not-responding' ? 'not-responding' : 'cannot-open';
    for (const h of this.hoppers) if (h.state !== 'unsupported') this.markOffline(h, code, state.detail);
  }

  // ------------------------------------------------------------ hopper state

  private find(coinValue: Won): Result<Hopper, HopperError> {
    const h = this.hoppers.find((hopper) => hopper.coinValue === coinValue);
    return h ? ok(h) : err({ kind: 'unknown-hopper', detail: `no hopper is configured for ${coinValue}-won coins` });
  }

  private usable(h: Hopper): Result<void, HopperError> {
    switch (h.state) {
      case 'ready':
        return ok(undefined);
      case 'unsupported':
        return err({
          kind: h.fault === 'unsupported-encryption' ? 'unsupported-encryption' : 'refused',
          detail: h.detail ?? `the ${h.coinValue}-won hopper is not supported`,
        });
      case 'offline':
        return err({ kind: 'offline', detail: h.detail ?? `the ${h.coinValue}-won hopper is offline` });
      case 'fault':
        return err({ kind: 'refused', detail: h.detail ?? `the ${h.coinValue}-won hopper has a fault (${h.fault})` });
      case 'paying':
      case 'starting':
        return err({ kind: 'refused', detail: `the ${h.coinValue}-won hopper is busy (${h.state})` });
    }
  }

  private becomeReady(h: Hopper): void {
    h.fault = undefined;
    this.setState(h, 'ready');
  }

  private markOffline(h: Hopper, code: HopperFaultCode, detail: string): void {
    const was = h.state;
    h.detail = detail;
    h.fault = code;
    this.setState(h, 'offline');
    if (was !== 'offline') {
      this.log.error({ event: 'coin-hopper.offline', coinValue: h.coinValue, code, detail });
      this.emit({ type: 'fault', coinValue: h.coinValue, code, detail });
    }
  }

  private markUnsupported(h: Hopper, code: HopperFaultCode, detail: string): void {
    h.detail = detail;
    h.fault = code;
    this.setState(h, 'unsupported');
    this.log.error({ event: 'coin-hopper.unsupported', coinValue: h.coinValue, address: h.address, code, detail });
    this.emit({ type: 'fault', coinValue: h.coinValue, code, detail });
  }

  private markFault(h: Hopper, code: HopperFaultCode, detail: string): void {
    h.detail = detail;
    h.fault = code;
    this.setState(h, 'fault');
    this.emit({ type: 'fault', coinValue: h.coinValue, code, detail });
  }

  private setState(h: Hopper, state: HopperState): void {
    if (h.state === state) return;
    h.state = state;
    this.emit({ type: 'status', coinValue: h.coinValue, state });
  }

  private emit(event: CoinHoppersEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.log.error({ event: 'coin-hopper.listener-failed', type: event.type, error });
      }
    }
  }
}

function identityOf(h: Hopper): HopperIdentity {
  return { coinValue: h.coinValue, address: h.address, serialNumber: h.serialNumber, productCode: h.productCode, manufacturer: h.manufacturer };
}

function describeFlags(flags: HopperFaultFlags): string {
  const set = Object.entries(flags).filter(([, on]) => on).map(([name]) => name);
  return set.length > 0 ? set.join(', ') : 'none';
}
