import type { Clock } from '../../common/clock';
import type { Won } from '../../common/money';
import type { CoinHoppers, CoinHoppersEvent, HopperStartReport, HopperState } from '../../devices/coin-hopper/coin-hoppers';
import { explain } from './explain';
import { DEVICE_LABELS, worstHealth, type DeviceDiagnostics, type DeviceHealth, type DeviceReport, type Problem, type SelfTestContext, type SelfTestOutcome } from './types';

/**
 * The change hoppers under diagnosis. The self-test asks each hopper for its own word — status and event counter,
 * lifetime dispense count, level sensors — and sets it against the ledger's coin count. It pays no coin: a coin paid
 * in a test would leave the hopper without the ledger knowing. A technician who counted the coins enters the count in
 * service mode (`countHopper`).
 */
export type CoinHoppersDiagnosticsOptions = {
  readonly driver: string;
  readonly clock: Clock;
  /** Coins per hopper as the ledger counts them (MoneyService.status()). */
  readonly ledgerCoins?: () => ReadonlyMap<Won, number>;
  readonly startReport?: () => HopperStartReport | undefined;
  /** The low-level sensor says "below low" only under this many coins; more in the ledger means a miscount. */
  readonly lowSensorCoins?: number;
};

/** A hopper's low sensor trips around this many coins (typical hoppers: 20–50). */
export const LOW_SENSOR_COINS = 50;

function healthOf(state: HopperState): DeviceHealth {
  switch (state) {
    case 'ready':
    case 'paying':
      return 'ok';
    case 'starting':
      return 'warning';
    case 'offline':
      return 'offline';
    case 'fault':
    case 'unsupported':
      return 'fault';
  }
}

export class CoinHoppersDiagnostics implements DeviceDiagnostics {
  readonly id = 'coin-hoppers' as const;
  readonly interactive = false;
  private lastError: DeviceReport['lastError'] = null;
  private readonly faults = new Map<Won, { code: string; detail: string }>();
  private readonly counters = { coinsPaid: 0, faults: 0 };

  constructor(
    private readonly hoppers: CoinHoppers,
    private readonly options: CoinHoppersDiagnosticsOptions,
  ) {
    hoppers.subscribe((event) => this.observe(event));
  }

  private observe(event: CoinHoppersEvent): void {
    switch (event.type) {
      case 'fault':
        this.counters.faults += 1;
        this.faults.set(event.coinValue, { code: event.code, detail: event.detail });
        this.lastError = { code: `${event.code} (${event.coinValue} won)`, detail: event.detail, at: this.options.clock.now() };
        return;
      case 'recovered':
        this.faults.delete(event.coinValue);
        return;
      case 'coins-paid':
        if (event.paid === event.requested) this.counters.coinsPaid += event.paid;
        return;
      case 'level':
      case 'status':
        return;
    }
  }

  private problemsOf(coinValue: Won): Problem[] {
    const state = this.hoppers.state(coinValue);
    const problems: Problem[] = [];
    const fault = this.faults.get(coinValue);
    if (state === 'offline' || state === 'fault' || state === 'unsupported') {
      const code = fault?.code ?? (state === 'offline' ? 'not-responding' : state === 'unsupported' ? 'unsupported-encryption' : 'jam');
      problems.push(withCoin(explain('coin-hoppers', code, fault?.detail ?? null), coinValue));
    }
    const level = this.hoppers.level(coinValue);
    if (level?.lowSensorFitted && level.belowLow) {
      problems.push(withCoin(explain('coin-hoppers', 'coins-low', 'payout status: below low level'), coinValue));
      const ledger = this.options.ledgerCoins?.().get(coinValue);
      const threshold = this.options.lowSensorCoins ?? LOW_SENSOR_COINS;
      if (ledger !== undefined && ledger > threshold * 2) {
        problems.push(withCoin(explain('coin-hoppers', 'count-disagrees', `ledger ${ledger} coins, sensor below low`), coinValue));
      }
    }
    return problems;
  }

  async report(): Promise<DeviceReport> {
    const start = this.options.startReport?.();
    const values = this.hoppers.coinValues();
    const ledger = this.options.ledgerCoins?.();
    const details: Record<string, string | number | boolean | null> = {};
    const serials: string[] = [];
    for (const coinValue of values) {
      const identity = start?.hoppers.find((h) => h.identity.coinValue === coinValue)?.identity;
      details[`${coinValue}.state`] = this.hoppers.state(coinValue);
      details[`${coinValue}.address`] = identity?.address ?? null;
      details[`${coinValue}.product`] = identity ? [identity.manufacturer, identity.productCode].filter(Boolean).join(' ') || null : null;
      details[`${coinValue}.ledgerCoins`] = ledger?.get(coinValue) ?? null;
      const level = this.hoppers.level(coinValue);
      details[`${coinValue}.level`] = level ? (level.belowLow ? 'below low' : level.atOrAboveHigh ? 'at or above high' : 'between') : null;
      if (identity?.serialNumber !== undefined) serials.push(`${coinValue}: ${identity.serialNumber}`);
    }
    const problems = values.flatMap((coinValue) => this.problemsOf(coinValue));
    const healths = values.map((coinValue) => healthOf(this.hoppers.state(coinValue)));
    if (problems.some((p) => p.severity === 'warning')) healths.push('warning');
    return {
      id: this.id,
      label: DEVICE_LABELS[this.id],
      driver: this.options.driver,
      description: this.hoppers.description,
      health: worstHealth(healths),
      state: values.map((coinValue) => `${coinValue}:${this.hoppers.state(coinValue)}`).join(' '),
      problems,
      firmware: null,
      serialNumber: serials.length > 0 ? serials.join(', ') : null,
      lastError: this.lastError,
      counters: { ...this.counters },
      details,
    };
  }

  async selfTest(context: SelfTestContext): Promise<SelfTestOutcome> {
    const measurements: Record<string, string | number | boolean | null> = {};
    const problems: Problem[] = [];
    const ledger = this.options.ledgerCoins?.();
    for (const coinValue of this.hoppers.coinValues()) {
      if (context.signal.aborted) break;
      context.step({ kind: 'info', text: { ko: `${coinValue}원 호퍼를 검사합니다`, en: `Testing the ${coinValue}-won hopper` } });
      const counters = await this.hoppers.readCounters(coinValue);
      if (!counters.ok) {
        const problem = withCoin(explain('coin-hoppers', counters.error.kind === 'unsupported-encryption' ? 'unsupported-encryption' : 'not-responding', counters.error.detail), coinValue);
        problems.push(problem);
        context.step({ kind: 'problem', text: problem.what, raw: problem.raw ?? problem.code });
        continue;
      }
      measurements[`${coinValue}.eventCounter`] = counters.value.eventCounter;
      measurements[`${coinValue}.lifetimeDispensed`] = counters.value.dispenseCount;
      measurements[`${coinValue}.lastPaid`] = counters.value.lastPaid;
      measurements[`${coinValue}.lastUnpaid`] = counters.value.lastUnpaid;
      measurements[`${coinValue}.ledgerCoins`] = ledger?.get(coinValue) ?? null;
      const own = this.problemsOf(coinValue);
      problems.push(...own);
      for (const problem of own) context.step({ kind: 'problem', text: problem.what, raw: problem.raw ?? problem.code });
      if (own.length === 0) {
        context.step({
          kind: 'ok',
          text: {
            ko: `${coinValue}원 호퍼 정상: 누적 방출 ${counters.value.dispenseCount}개, 장부상 ${ledger?.get(coinValue) ?? '?'}개`,
            en: `${coinValue}-won hopper OK: ${counters.value.dispenseCount} coins paid in its life, ${ledger?.get(coinValue) ?? '?'} in the ledger`,
          },
        });
      }
    }
    const faults = problems.filter((p) => p.severity === 'fault');
    const passed = faults.length === 0 && !context.signal.aborted;
    return {
      device: this.id,
      passed,
      summary: passed
        ? problems.length > 0
          ? { ko: '동작은 정상이나 확인할 것이 있습니다', en: 'Working, with warnings' }
          : { ko: '모든 호퍼가 정상입니다', en: 'Every hopper answers and is ready' }
        : (faults[0]?.what ?? { ko: '시험을 취소했습니다', en: 'Test cancelled' }),
      problems,
      measurements,
    };
  }
}

function withCoin(problem: Problem, coinValue: Won): Problem {
  return {
    ...problem,
    what: { ko: `${coinValue}원 호퍼: ${problem.what.ko}`, en: `${coinValue}-won hopper: ${problem.what.en}` },
  };
}
