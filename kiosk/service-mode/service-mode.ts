import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import path from 'node:path';
import { silentLogger, type Logger } from '../../common/log';
import type { Won } from '../../common/money';
import { err, ok, type Result } from '../../common/result';
import { closeDay, type CashBoxCount, type DayCloseResult } from '../day-close/close';
import type { DeviceDiagnostics, DeviceId, DeviceReport, SelfTestOutcome, SelfTestStep } from '../diagnostics/types';
import { verifyPin } from '../service/pin';
import { Outbox } from '../store/outbox';
import { ServiceAudit, type AuditEntry } from './audit';
import { databaseSections, exportName, writeExport, type LogExport } from './log-export';
import { PinGuard } from './pin-guard';
import type { QueueStatus, ServiceModeOptions } from './ports';
import { queueFromDatabase } from './queue';

/**
 * Service mode: what a field technician does at the open cabinet, behind the technician PIN. Entering checks the
 * PIN against `service.pinHash` (scrypt) with a persisted lockout, and gives a short-lived service session whose token
 * every action carries. Every PIN attempt, entry, exit and action is written to the audit trail with its outcome.
 * Cash functions and self-tests are refused while a citizen is being served.
 */
export const SERVICE_IDLE_MS = 5 * 60_000;
export const SERVICE_MAX_MS = 60 * 60_000;
const FINISHED_TESTS_KEPT = 20;

export type ServiceModeError =
  | { readonly kind: 'not-signed-in'; readonly detail: string }
  | { readonly kind: 'wrong-pin'; readonly detail: string; readonly attemptsLeft: number }
  | { readonly kind: 'locked'; readonly detail: string; readonly until: number }
  | { readonly kind: 'busy'; readonly detail: string }
  | { readonly kind: 'invalid'; readonly detail: string }
  | { readonly kind: 'unknown'; readonly detail: string }
  | { readonly kind: 'unavailable'; readonly detail: string };

export type ServiceSessionInfo = { readonly session: string; readonly token: string; readonly expiresAt: number };

type Session = { readonly id: string; readonly token: string; readonly startedAt: number; lastUsedAt: number };

export type SelfTestRun = {
  readonly testId: string;
  readonly device: DeviceId;
  readonly interactive: boolean;
  readonly startedAt: number;
  state: 'running' | 'passed' | 'failed' | 'cancelled' | 'error';
  readonly steps: SelfTestStep[];
  outcome: SelfTestOutcome | null;
  finishedAt: number | null;
};

export type ServiceOverview = {
  readonly kioskId: string;
  readonly kioskName: { readonly ko: string; readonly en: string };
  readonly devices: readonly DeviceReport[];
  readonly cash: ReturnType<NonNullable<ServiceModeOptions['cash']>['status']> | null;
  readonly paper: { readonly a4: { readonly used: number; readonly remaining: number | null; readonly low: boolean } | null };
  readonly queue: QueueStatus;
  readonly citizenSessionActive: boolean;
};

export type PaperRefill =
  | { readonly printer: 'a4'; readonly sheetsAdded?: number; readonly sheetsInTray?: number }
  | { readonly printer: 'receipt' };

export class ServiceMode {
  private readonly log: Logger;
  private readonly guard: PinGuard;
  readonly audit: ServiceAudit;
  private readonly outbox: Outbox;
  private session: Session | null = null;
  private readonly tests = new Map<string, { run: SelfTestRun; abort: AbortController }>();
  private readonly listeners = new Set<(active: boolean) => void>();
  private readonly devices: ReadonlyMap<DeviceId, DeviceDiagnostics>;

  constructor(private readonly options: ServiceModeOptions) {
    this.log = options.log ?? silentLogger();
    const now = () => options.clock.now();
    this.guard = new PinGuard(options.db, now);
    this.audit = new ServiceAudit(options.db, now);
    this.outbox = new Outbox(options.db, options.kioskId, now);
    this.devices = new Map((options.devices ?? []).map((device) => [device.id, device]));
  }

  // ------------------------------------------------------------------ entering and leaving

  /** Whether a technician is in service mode now (the citizen screen shows "out of service" meanwhile). */
  active(): boolean {
    return this.current() !== null;
  }

  onChange(listener: (active: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  enter(pin: string): Result<ServiceSessionInfo, ServiceModeError> {
    const check = this.guard.check();
    if (check.locked) {
      this.audit.record(null, 'enter', 'refused-locked', { until: new Date(check.until).toISOString() });
      return err({ kind: 'locked', detail: `too many wrong PINs: locked until ${new Date(check.until).toISOString()}`, until: check.until });
    }
    if (!verifyPin(pin, this.options.pinHash)) {
      const after = this.guard.recordFailure();
      this.audit.record(null, 'enter', 'wrong-pin', after.locked ? { lockedUntil: new Date(after.until).toISOString() } : { attemptsLeft: after.attemptsLeft });
      this.log.warn({ event: 'service-mode.wrong-pin', locked: after.locked });
      if (after.locked) return err({ kind: 'locked', detail: `too many wrong PINs: locked until ${new Date(after.until).toISOString()}`, until: after.until });
      return err({ kind: 'wrong-pin', detail: `wrong PIN (${after.attemptsLeft} attempt(s) left before the lockout)`, attemptsLeft: after.attemptsLeft });
    }
    this.guard.recordSuccess();
    if (this.options.citizenSessionActive?.()) {
      this.audit.record(null, 'enter', 'refused-busy');
      return err({ kind: 'busy', detail: 'a citizen is being served: enter service mode when the session has ended' });
    }
    const previous = this.current();
    if (previous) this.end(previous, 'replaced');
    const at = this.options.clock.now();
    const session: Session = { id: randomBytes(4).toString('hex'), token: randomBytes(32).toString('hex'), startedAt: at, lastUsedAt: at };
    this.session = session;
    this.audit.record(session.id, 'enter', 'ok');
    this.log.info({ event: 'service-mode.entered', session: session.id });
    this.emit(true);
    return ok({ session: session.id, token: session.token, expiresAt: this.expiryOf(session) });
  }

  exit(token: string | undefined): Result<void, ServiceModeError> {
    const session = this.authorise(token);
    if (!session.ok) return session;
    this.end(session.value, 'exit');
    return ok(undefined);
  }

  /** The session a token belongs to, if it is still valid (use extends it). */
  private authorise(token: string | undefined): Result<Session, ServiceModeError> {
    const session = this.current();
    if (!session || !token || !sameToken(token, session.token)) return err({ kind: 'not-signed-in', detail: 'enter the technician PIN first (or the service session ended)' });
    session.lastUsedAt = this.options.clock.now();
    return ok(session);
  }

  private current(): Session | null {
    const session = this.session;
    if (!session) return null;
    const now = this.options.clock.now();
    if (now >= this.expiryOf(session)) {
      this.end(session, now - session.startedAt >= SERVICE_MAX_MS ? 'expired-max' : 'expired-idle');
      return null;
    }
    return session;
  }

  private expiryOf(session: Session): number {
    return Math.min(session.lastUsedAt + SERVICE_IDLE_MS, session.startedAt + SERVICE_MAX_MS);
  }

  private end(session: Session, why: string): void {
    if (this.session !== session) return;
    this.session = null;
    for (const { run, abort } of this.tests.values()) if (run.state === 'running') abort.abort();
    this.audit.record(session.id, 'exit', why);
    this.log.info({ event: 'service-mode.left', session: session.id, why });
    this.emit(false);
  }

  private emit(active: boolean): void {
    for (const listener of [...this.listeners]) listener(active);
  }

  private idle(session: Session, action: string): Result<void, ServiceModeError> {
    if (!this.options.citizenSessionActive?.()) return ok(undefined);
    this.audit.record(session.id, action, 'refused-busy');
    return err({ kind: 'busy', detail: 'a citizen is being served: wait until the session ends' });
  }

  // ------------------------------------------------------------------ status

  async overview(token: string | undefined): Promise<Result<ServiceOverview, ServiceModeError>> {
    const session = this.authorise(token);
    if (!session.ok) return session;
    const devices = await this.reports();
    const count = this.options.a4Paper?.count;
    return ok({
      kioskId: this.options.kioskId,
      kioskName: this.options.kioskName,
      devices,
      cash: this.options.cash?.status() ?? null,
      paper: { a4: count ? { used: count.used, remaining: count.remaining, low: count.low } : null },
      queue: this.queueStatus(),
      citizenSessionActive: this.options.citizenSessionActive?.() ?? false,
    });
  }

  /** Device reports without a service session: only for the kiosk's own processes (`kiosk diag` asks with a session). */
  async reports(): Promise<DeviceReport[]> {
    return Promise.all([...this.devices.values()].map((device) => device.report()));
  }

  queueStatus(): QueueStatus {
    return this.options.queue?.() ?? queueFromDatabase(this.options.db, this.options.clock.now());
  }

  // ------------------------------------------------------------------ self-tests

  startSelfTest(token: string | undefined, deviceId: string): Result<SelfTestRun, ServiceModeError> {
    const session = this.authorise(token);
    if (!session.ok) return session;
    const device = this.devices.get(deviceId as DeviceId);
    if (!device) return err({ kind: 'unknown', detail: `no device "${deviceId}" (known: ${[...this.devices.keys()].join(', ')})` });
    const idle = this.idle(session.value, `self-test:${deviceId}`);
    if (!idle.ok) return idle;
    const running = [...this.tests.values()].find((entry) => entry.run.state === 'running');
    if (running) return err({ kind: 'busy', detail: `the ${running.run.device} self-test is still running` });
    const abort = new AbortController();
    const run: SelfTestRun = {
      testId: randomBytes(6).toString('hex'),
      device: device.id,
      interactive: device.interactive,
      startedAt: this.options.clock.now(),
      state: 'running',
      steps: [],
      outcome: null,
      finishedAt: null,
    };
    this.tests.set(run.testId, { run, abort });
    this.prune();
    this.audit.record(session.value.id, `self-test:${device.id}`, 'started', { testId: run.testId });
    const sessionId = session.value.id;
    void device
      .selfTest({
        clock: this.options.clock,
        signal: abort.signal,
        step: (step) => {
          run.steps.push({ ...step, at: this.options.clock.now() });
          // A technician working through an interactive test is not idle.
          if (this.session?.id === sessionId) this.session.lastUsedAt = this.options.clock.now();
        },
      })
      .then(
        (outcome) => {
          run.outcome = outcome;
          run.state = abort.signal.aborted && !outcome.passed ? 'cancelled' : outcome.passed ? 'passed' : 'failed';
        },
        (error: unknown) => {
          run.state = 'error';
          run.outcome = {
            device: device.id,
            passed: false,
            summary: { ko: '시험 중 오류가 났습니다', en: 'The test stopped with an error' },
            problems: [],
            measurements: { error: (error as Error).message },
          };
          this.log.error({ event: 'service-mode.self-test-error', device: device.id, error });
        },
      )
      .finally(() => {
        run.finishedAt = this.options.clock.now();
        this.audit.record(sessionId, `self-test:${device.id}`, run.state, {
          testId: run.testId,
          summary: run.outcome?.summary.en ?? null,
          problems: run.outcome?.problems.map((problem) => problem.code) ?? [],
          measurements: run.outcome?.measurements ?? {},
        });
      });
    return ok(run);
  }

  selfTest(token: string | undefined, testId: string): Result<SelfTestRun, ServiceModeError> {
    const session = this.authorise(token);
    if (!session.ok) return session;
    const entry = this.tests.get(testId);
    return entry ? ok(entry.run) : err({ kind: 'unknown', detail: `no self-test ${testId}` });
  }

  cancelSelfTest(token: string | undefined, testId: string): Result<SelfTestRun, ServiceModeError> {
    const session = this.authorise(token);
    if (!session.ok) return session;
    const entry = this.tests.get(testId);
    if (!entry) return err({ kind: 'unknown', detail: `no self-test ${testId}` });
    entry.abort.abort();
    this.audit.record(session.value.id, `self-test:${entry.run.device}`, 'cancel-requested', { testId });
    return ok(entry.run);
  }

  private prune(): void {
    const finished = [...this.tests.values()].filter((entry) => entry.run.state !== 'running');
    for (const entry of finished.slice(0, Math.max(0, finished.length - FINISHED_TESTS_KEPT))) this.tests.delete(entry.run.testId);
  }

  // ------------------------------------------------------------------ refills, counts, the cash box

  refillPaper(token: string | undefined, refill: PaperRefill): Result<{ readonly remaining: number | null }, ServiceModeError> {
    const session = this.authorise(token);
    if (!session.ok) return session;
    const action = `paper-refill:${refill.printer}`;
    if (refill.printer === 'receipt') {
      this.outbox.append('paper.refilled', { printer: 'receipt', sheets: 1 });
      this.audit.record(session.value.id, action, 'ok', { rolls: 1 });
      return ok({ remaining: null });
    }
    const counter = this.options.a4Paper;
    if (!counter) return err({ kind: 'unavailable', detail: 'this kiosk has no A4 sheet counter' });
    const { sheetsAdded, sheetsInTray } = refill;
    const valid = (n: number | undefined, min: number) => n === undefined || (Number.isSafeInteger(n) && n >= min && n <= 10_000);
    if ((sheetsAdded === undefined && sheetsInTray === undefined) || !valid(sheetsAdded, 1) || !valid(sheetsInTray, 0)) {
      this.audit.record(session.value.id, action, 'invalid', { sheetsAdded, sheetsInTray });
      return err({ kind: 'invalid', detail: 'give the sheets added (1–10000) or the sheets now in the tray (0–10000)' });
    }
    const before = counter.count.remaining;
    const remaining = sheetsInTray ?? (before ?? 0) + (sheetsAdded ?? 0);
    const added = sheetsAdded ?? Math.max(0, remaining - (before ?? 0));
    this.options.db.transaction(() => {
      counter.refill(remaining);
      if (added > 0) this.outbox.append('paper.refilled', { printer: 'a4', sheets: added });
    })();
    this.audit.record(session.value.id, action, 'ok', { before, added, remaining });
    return ok({ remaining });
  }

  refillHopper(token: string | undefined, coinValue: Won, coins: number): Result<void, ServiceModeError> {
    return this.cashAction(token, 'hopper-refill', { coinValue, coins }, (cash) => cash.refillHopper(coinValue, coins));
  }

  countHopper(token: string | undefined, coinValue: Won, coins: number): Result<void, ServiceModeError> {
    return this.cashAction(token, 'hopper-count', { coinValue, coins, ledgerBefore: this.options.cash?.status().hoppers.find((h) => h.coinValue === coinValue)?.coins ?? null }, (cash) =>
      cash.countHopper(coinValue, coins),
    );
  }

  /** The technician took the cash box out: the ledger's content is recorded and zeroed, and the office told. */
  removeCashBox(token: string | undefined): Result<{ readonly byDenomination: Readonly<Record<string, number>>; readonly notes: number; readonly total: Won }, ServiceModeError> {
    return this.cashAction(token, 'cash-box-removal', {}, (cash) => cash.collectCashBox(), (content) => ({ byDenomination: content.byDenomination, total: content.total }));
  }

  private cashAction<T>(
    token: string | undefined,
    action: string,
    detail: Record<string, unknown>,
    run: (cash: NonNullable<ServiceModeOptions['cash']>) => Result<T, { kind: 'busy' | 'invalid'; detail: string }>,
    describe: (value: T) => Record<string, unknown> = () => ({}),
  ): Result<T, ServiceModeError> {
    const session = this.authorise(token);
    if (!session.ok) return session;
    const cash = this.options.cash;
    if (!cash) return err({ kind: 'unavailable', detail: 'this kiosk has no cash devices' });
    const idle = this.idle(session.value, action);
    if (!idle.ok) return idle;
    const result = run(cash);
    this.audit.record(session.value.id, action, result.ok ? 'ok' : result.error.kind, { ...detail, ...(result.ok ? describe(result.value) : { reason: result.error.detail }) });
    return result.ok ? result : err(result.error);
  }

  // ------------------------------------------------------------------ close, logs, audit

  async closeDay(token: string | undefined, input: { readonly counted?: CashBoxCount; readonly businessDate?: string }): Promise<Result<DayCloseResult, ServiceModeError>> {
    const session = this.authorise(token);
    if (!session.ok) return session;
    const idle = this.idle(session.value, 'day-close');
    if (!idle.ok) return idle;
    const closed = await closeDay(
      {
        db: this.options.db,
        kioskId: this.options.kioskId,
        kioskName: this.options.kioskName.ko,
        timeZone: this.options.timeZone,
        clock: this.options.clock,
        log: this.log,
        ...(this.options.receiptPrinter ? { printer: this.options.receiptPrinter } : {}),
      },
      input,
    );
    if (!closed.ok) {
      this.audit.record(session.value.id, 'day-close', closed.error.kind, { reason: closed.error.detail });
      return err({ kind: closed.error.kind === 'money-moving' ? 'busy' : 'invalid', detail: closed.error.detail });
    }
    const summary = closed.value.summary;
    this.audit.record(session.value.id, 'day-close', summary.balanced ? 'balanced' : 'discrepancy', {
      businessDate: summary.businessDate,
      discrepancy: summary.discrepancy,
      counted: summary.box.counted?.byDenomination ?? null,
      printed: closed.value.printed?.ok ?? null,
    });
    return closed;
  }

  async exportLogs(token: string | undefined): Promise<Result<LogExport, ServiceModeError>> {
    const session = this.authorise(token);
    if (!session.ok) return session;
    const now = this.options.clock.now();
    const devices = await this.reports();
    let logLines: readonly string[] = [];
    if (this.options.logSource) {
      try {
        logLines = await this.options.logSource();
      } catch (error) {
        logLines = [`(the process log could not be read: ${(error as Error).message})`];
      }
    }
    const exported = writeExport(this.options.dataDir, exportName(this.options.kioskId, now), [
      { kind: 'kiosk', kioskId: this.options.kioskId, exportedAt: new Date(now).toISOString(), session: session.value.id },
      ...devices.map((report) => ({ ...report, kind: 'device', device: report.id })),
      { kind: 'queue', ...this.queueStatus() },
      ...(this.options.cash ? [{ kind: 'cash', ...this.options.cash.status() }] : []),
      ...databaseSections(this.options.db, now, this.audit.recent(1000)),
      ...logLines.map((line) => ({ kind: 'log', line })),
    ]);
    this.audit.record(session.value.id, 'log-export', 'ok', { file: path.basename(exported.file), lines: exported.lines, bytes: exported.bytes });
    return ok(exported);
  }

  auditTrail(token: string | undefined, limit = 100): Result<AuditEntry[], ServiceModeError> {
    const session = this.authorise(token);
    if (!session.ok) return session;
    return ok(this.audit.recent(Math.max(1, Math.min(1000, limit))));
  }

  /** The export file of this name, for download (only names this kiosk wrote). */
  exportFile(token: string | undefined, name: string): Result<string, ServiceModeError> {
    const session = this.authorise(token);
    if (!session.ok) return session;
    if (!/^service-export-[A-Z0-9-]+-\d{8}-\d{6}\.jsonl$/.test(name)) return err({ kind: 'invalid', detail: 'not an export file name' });
    return ok(path.join(this.options.dataDir, 'exports', name));
  }
}

/** Compares digests so the time taken says nothing about how much of a guessed token was right. */
function sameToken(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
