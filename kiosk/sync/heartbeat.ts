import type { Heartbeat } from '../../central-office/contract/api';
import type { Clock, TimerHandle } from '../../common/clock';
import { silentLogger, type Logger } from '../../common/log';
import type { CentralOfficeClient } from '../central-client/client';
import { describeCentralError } from '../central-client/client';
import type { SyncClient } from './sync-client';

/**
 * Sends the kiosk's health to the central office every `intervalMs`: device states, paper, coins, cash box and
 * software version come from the caller; the queue depth and oldest unsent age from the sync client. A failed
 * heartbeat is only logged: the next one carries the newer state anyway.
 */
export const HEARTBEAT_INTERVAL_MS = 60_000;

export type HealthSource = () => Omit<Heartbeat, 'queue'> | Promise<Omit<Heartbeat, 'queue'>>;

export class HeartbeatSender {
  private timer: TimerHandle | null = null;
  private stopped = true;
  private readonly log: Logger;

  constructor(
    private readonly client: Pick<CentralOfficeClient, 'heartbeat'>,
    private readonly sync: Pick<SyncClient, 'status'>,
    private readonly health: HealthSource,
    private readonly clock: Clock,
    private readonly intervalMs: number = HEARTBEAT_INTERVAL_MS,
    logger?: Logger,
  ) {
    this.log = logger ?? silentLogger();
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.beat();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  /** One heartbeat now; true when the office took it. */
  async beat(): Promise<boolean> {
    const status = this.sync.status();
    const heartbeat: Heartbeat = { ...(await this.health()), queue: { depth: status.depth, oldestUnsentAgeSeconds: status.oldestUnsentAgeSeconds } };
    const result = await this.client.heartbeat(heartbeat);
    if (!result.ok) this.log.warn({ event: 'sync.heartbeat-failed', message: describeCentralError(result.error) });
    if (!this.stopped) this.timer = this.clock.setTimeout(() => void this.beat(), this.intervalMs);
    return result.ok;
  }
}
