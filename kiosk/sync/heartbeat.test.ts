import type { Heartbeat } from '../../central-office/contract/api';
import { FakeClock } from '../../common/clock';
import { err, ok } from '../../common/result';
import type { CentralResult } from '../central-client/client';
import { HeartbeatSender } from './heartbeat';
import type { SyncStatus } from './sync-client';

describe('the heartbeat', () => {
  it('sends the health with the queue every interval, and keeps going after a failure', async () => {
    const clock = new FakeClock();
    const sent: Heartbeat[] = [];
    let fail = false;
    const client = {
      heartbeat: async (heartbeat: Heartbeat): Promise<CentralResult<{ receivedAt: string }>> => {
        sent.push(heartbeat);
        return fail ? err({ kind: 'unreachable', cause: 'network', message: 'down' }) : ok({ receivedAt: new Date(clock.now()).toISOString() });
      },
    };
    let depth = 3;
    const sync = { status: () => ({ depth, oldestUnsentAgeSeconds: depth > 0 ? 42 : null }) as SyncStatus };
    const health = () => ({ softwareVersion: '0.1.0', devices: { a4Printer: { state: 'ok' } }, paper: { a4Sheets: 200, receiptLow: false }, coins: { '500': 10 }, cashBox: { notes: 1, total: 1000 } });
    const sender = new HeartbeatSender(client, sync, health, clock, 60_000);
    sender.start();
    await clock.advance(0);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.queue).toEqual({ depth: 3, oldestUnsentAgeSeconds: 42 });
    fail = true;
    depth = 0;
    await clock.advance(60_000);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.queue).toEqual({ depth: 0, oldestUnsentAgeSeconds: null });
    fail = false;
    await clock.advance(60_000);
    expect(sent).toHaveLength(3);
    sender.stop();
    await clock.advance(120_000);
    expect(sent).toHaveLength(3);
    expect(clock.pendingTimers).toBe(0);
  });
});
