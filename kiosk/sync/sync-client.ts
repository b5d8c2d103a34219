import type { EventBatchAck } from '../../central-office/contract/api';
import type { IssuanceEvent } from '../../central-office/contract/events';
import type { Clock, TimerHandle } from '../../common/clock';
import { silentLogger, type Logger } from '../../common/log';
import { err, ok, type Result } from '../../common/result';
import { describeCentralError, type CentralError, type CentralResult } from '../central-client/client';
import type { KioskDatabase, Outbox } from '../store';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { readSyncState, rejectedCount, writeSyncState, type PersistedSyncState } from './sync-state';

/**
 * Ships the outbox to the central office: oldest first, in batches, one batch at a time (so a kiosk's events
 * arrive in sequence order), and marks rows acked only after the office has acknowledged them — a crash between
 * the send and the mark re-sends the batch, which the office's idempotent ingest acknowledges as duplicates. On
 * failure it waits with exponential backoff and jitter on the injected clock; while idle it looks for new events
 * every `idlePollMs` or when `notify()` says one was appended. It keeps its own bookkeeping in `kiosk_state` so
 * that it resumes after a restart exactly where the outbox says it is.
 */
export const DEFAULT_BATCH_SIZE = 500;
export const IDLE_POLL_MS = 5_000;
/** The office refuses batches over 1,000 events (contract EventBatch). */
export const MAX_BATCH_SIZE = 1_000;

export type EventSender = { sendEvents(events: readonly IssuanceEvent[]): Promise<CentralResult<EventBatchAck>> };

export type SyncClientOptions = {
  readonly db: KioskDatabase;
  readonly outbox: Outbox;
  readonly sender: EventSender;
  readonly clock: Clock;
  readonly logger?: Logger;
  readonly batchSize?: number;
  readonly backoff?: BackoffPolicy;
  readonly idlePollMs?: number;
  /** Jitter source; tests pin it. */
  readonly random?: () => number;
};

export type DrainSummary = { readonly batches: number; readonly acked: number; readonly duplicates: number; readonly rejected: number };
export type DrainFailure = { readonly message: string; readonly error: CentralError | { readonly kind: 'incomplete-ack' }; readonly progress: DrainSummary };
export type DrainResult = Result<DrainSummary, DrainFailure>;

export type SyncState = 'stopped' | 'idle' | 'sending' | 'backing-off';

export type SyncStatus = {
  readonly state: SyncState;
  /** Events not yet acknowledged by the central office. */
  readonly depth: number;
  /** Age of the oldest unacknowledged event, in seconds (null when the queue is empty). */
  readonly oldestUnsentAgeSeconds: number | null;
  /** Events the office refused for good, kept for a technician. */
  readonly rejected: number;
  readonly lastAttemptAt: number | null;
  readonly lastSuccessAt: number | null;
  readonly lastError: string | null;
  readonly consecutiveFailures: number;
  readonly nextAttemptAt: number | null;
  /** The office's view of this kiosk's sequence after the last ack (gaps are visible there). */
  readonly centralProgress: PersistedSyncState['centralProgress'];
};

export class SyncClient {
  private readonly log: Logger;
  private readonly batchSize: number;
  private readonly backoff: BackoffPolicy;
  private readonly idlePollMs: number;
  private readonly random: () => number;
  private persisted: PersistedSyncState;
  private state: SyncState = 'stopped';
  private running = false;
  private nextAttemptAt: number | null = null;
  private timer: TimerHandle | null = null;
  private wakeUp: (() => void) | null = null;
  private inFlight: Promise<DrainResult> | null = null;
  private loop: Promise<void> | null = null;
  private waiters: ((result: DrainResult) => void)[] = [];
  /** An event was appended since the current pass read the outbox. */
  private dirty = false;

  constructor(private readonly options: SyncClientOptions) {
    this.log = options.logger ?? silentLogger();
    this.batchSize = Math.min(MAX_BATCH_SIZE, Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE));
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.idlePollMs = options.idlePollMs ?? IDLE_POLL_MS;
    this.random = options.random ?? Math.random;
    this.persisted = readSyncState(options.db);
  }

  /** Start the background loop (drains at once, then waits). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stop the loop after the batch in flight (its ack is still applied). */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    this.loop = null;
    this.state = 'stopped';
    this.nextAttemptAt = null;
  }

  /** A new event was appended: drain soon if idle (a backoff in progress is respected). */
  notify(): void {
    if (this.state === 'backing-off') return;
    this.dirty = true;
    this.wake();
  }

  /** Drain now, cutting a backoff short (`kiosk sync now`); resolves with the result of that drain. */
  syncNow(): Promise<DrainResult> {
    if (!this.running) return this.drain();
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.wake();
    });
  }

  /** Resolves when no batch is in flight (tests wait on it after advancing the fake clock). */
  async settled(): Promise<void> {
    while (this.inFlight) await this.inFlight;
  }

  status(): SyncStatus {
    const { depth, oldestUnsentAt } = this.options.outbox.depth();
    const now = this.options.clock.now();
    return {
      state: this.state,
      depth,
      oldestUnsentAgeSeconds: oldestUnsentAt === null ? null : Math.max(0, Math.round((now - oldestUnsentAt) / 1000)),
      rejected: rejectedCount(this.options.db),
      lastAttemptAt: this.persisted.lastAttemptAt,
      lastSuccessAt: this.persisted.lastSuccessAt,
      lastError: this.persisted.lastError,
      consecutiveFailures: this.persisted.consecutiveFailures,
      nextAttemptAt: this.nextAttemptAt,
      centralProgress: this.persisted.centralProgress,
    };
  }

  /** One pass: send batches until the queue is empty or a send fails. Never two passes at once. */
  drain(): Promise<DrainResult> {
    if (this.inFlight) return this.inFlight.then(() => this.drain());
    const pass = this.drainPass().finally(() => {
      this.inFlight = null;
    });
    this.inFlight = pass;
    return pass;
  }

  private async run(): Promise<void> {
    while (this.running) {
      // Callers of syncNow() who arrive during this pass wait for the next one, which starts at once.
      const answered = this.waiters.splice(0);
      const result = await this.drain();
      for (const resolve of answered) resolve(result);
      if (!this.running) break;
      const wait = result.ok ? this.idlePollMs : backoffDelay(this.backoff, this.persisted.consecutiveFailures, this.random);
      this.state = result.ok ? 'idle' : 'backing-off';
      this.nextAttemptAt = this.options.clock.now() + wait;
      if (this.waiters.length === 0 && !(result.ok && this.dirty)) await this.sleep(wait);
    }
    for (const resolve of this.waiters.splice(0)) resolve(await this.drain());
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        if (this.timer) this.options.clock.clearTimeout(this.timer);
        this.timer = null;
        this.wakeUp = null;
        resolve();
      };
      this.wakeUp = done;
      this.timer = this.options.clock.setTimeout(done, ms);
    });
  }

  private wake(): void {
    this.wakeUp?.();
  }

  private async drainPass(): Promise<DrainResult> {
    const { outbox, db, clock, sender } = this.options;
    const progress = { batches: 0, acked: 0, duplicates: 0, rejected: 0 };
    this.dirty = false;
    const previousState = this.state;
    this.state = 'sending';
    try {
      for (;;) {
        const rows = outbox.unacked(this.batchSize);
        if (rows.length === 0) break;
        const events = rows.map((row) => outbox.toWire(row));
        const attemptAt = clock.now();
        const result = await sender.sendEvents(events);
        if (!result.ok) return this.failed(attemptAt, result.error, describeCentralError(result.error), progress);

        const sent = new Set(events.map((event) => event.eventId));
        const acked = [...result.value.accepted, ...result.value.duplicates].filter((id) => sent.has(id));
        const refused = result.value.rejected.filter((entry) => sent.has(entry.eventId));
        const seqOf = new Map(events.map((event) => [event.eventId, event.seq]));
        // The acks, the refusals and the bookkeeping in one transaction: one durable write per batch.
        db.transaction(() => {
          const keep = db.prepare('INSERT OR IGNORE INTO outbox_rejections (event_id, seq, reason, rejected_at) VALUES (?, ?, ?, ?)');
          for (const entry of refused) keep.run(entry.eventId, seqOf.get(entry.eventId) ?? 0, entry.reason, clock.now());
          outbox.markAcked([...acked, ...refused.map((entry) => entry.eventId)]);
          this.remember({ lastAttemptAt: attemptAt, lastSuccessAt: clock.now(), lastError: null, consecutiveFailures: 0, centralProgress: result.value.progress ?? this.persisted.centralProgress });
        })();
        progress.batches++;
        progress.acked += result.value.accepted.length;
        progress.duplicates += result.value.duplicates.length;
        progress.rejected += refused.length;
        if (refused.length > 0) this.log.warn({ event: 'sync.rejected', count: refused.length, reasons: refused.slice(0, 3).map((entry) => entry.reason) });
        if (acked.length + refused.length < rows.length) {
          // The office answered for only part of the batch: back off rather than loop on the rest.
          return this.failed(attemptAt, { kind: 'incomplete-ack' }, `the office acknowledged ${acked.length + refused.length} of ${rows.length} events`, progress);
        }
      }
      if (progress.batches > 0) this.log.info({ event: 'sync.drained', ...progress });
      return ok(progress);
    } finally {
      if (this.state === 'sending') this.state = previousState;
    }
  }

  private failed(attemptAt: number, error: DrainFailure['error'], message: string, progress: DrainSummary): DrainResult {
    const failures = this.persisted.consecutiveFailures + 1;
    this.remember({ ...this.persisted, lastAttemptAt: attemptAt, lastError: message, consecutiveFailures: failures });
    this.log.warn({ event: 'sync.failed', kind: error.kind, consecutiveFailures: failures, message });
    return err({ message, error, progress });
  }

  private remember(state: PersistedSyncState): void {
    this.persisted = state;
    writeSyncState(this.options.db, state, this.options.clock.now());
  }
}
