import { FakeClock } from '../../common/clock';
import { silentLogger } from '../../common/log';
import { LoopbackPair } from './loopback';
import { LinkSupervisor, type LinkState } from './supervisor';

function rig(options: { present?: () => boolean; reinitialise?: () => boolean } = {}) {
  const clock = new FakeClock();
  const pair = new LoopbackPair('dev');
  void pair.host.open();
  const states: LinkState[] = [];
  let reinitialised = 0;
  const supervisor = new LinkSupervisor({
    device: 'test-device',
    transport: pair.host,
    clock,
    log: silentLogger(),
    isPresent: () => Promise.resolve(options.present ? options.present() : !pair.unplugged),
    reinitialise: () => {
      reinitialised++;
      return Promise.resolve(options.reinitialise ? options.reinitialise() : true);
    },
    onChange: (state) => states.push(state),
  });
  return { clock, pair, supervisor, states, reinitialised: () => reinitialised };
}

describe('link supervisor: two signals before an alarm', () => {
  it('one silence only makes the link suspect; a reply clears it', async () => {
    const r = rig();
    r.supervisor.noteSilence('poll');
    expect(r.supervisor.state).toMatchObject({ kind: 'suspect', signal: { kind: 'silence' } });
    r.supervisor.noteReply();
    expect(r.states.map((s) => s.kind)).toEqual(['suspect', 'online']);
  });

  it('repeated silence from a listed device is "not responding"', async () => {
    const r = rig();
    for (let i = 0; i < 3; i++) r.supervisor.noteSilence('poll');
    await r.clock.advance(0);
    expect(r.supervisor.state).toMatchObject({ kind: 'offline', reason: 'not-responding' });
  });

  it('silence and a device gone from the list is "gone"', async () => {
    const r = rig({ present: () => false });
    for (let i = 0; i < 3; i++) r.supervisor.noteSilence('poll');
    await r.clock.advance(0);
    expect(r.supervisor.state).toMatchObject({ kind: 'offline', reason: 'gone' });
  });

  it('an I/O error on a listed device that reopens is only suspect', async () => {
    const r = rig();
    r.supervisor.noteTransportError('EIO');
    await r.clock.advance(0);
    expect(r.supervisor.state).toMatchObject({ kind: 'suspect', signal: { kind: 'io-error', detail: 'EIO' } });
  });

  it('an I/O error with the device unplugged is "gone", keeping the raw error text', async () => {
    const r = rig();
    r.pair.unplug();
    r.supervisor.noteTransportError('write EIO: device disconnected');
    await r.clock.advance(0);
    expect(r.supervisor.state).toMatchObject({ kind: 'offline', reason: 'gone', detail: expect.stringContaining('write EIO') });
  });

  it('retries on a timer, re-initialises the device, and declares it back', async () => {
    const r = rig();
    r.pair.unplug();
    r.supervisor.noteTransportError('EIO');
    await r.clock.advance(5000);
    expect(r.reinitialised()).toBe(0);
    r.pair.replug();
    await r.clock.advance(2000);
    expect(r.reinitialised()).toBe(1);
    expect(r.supervisor.state).toEqual({ kind: 'online' });
    expect(r.pair.host.isOpen).toBe(true);
  });

  it('keeps retrying while re-initialisation fails', async () => {
    let ok = false;
    const r = rig({ reinitialise: () => ok });
    r.supervisor.markOffline('not-responding', 'start failed');
    await r.clock.advance(6000);
    expect(r.reinitialised()).toBe(3);
    expect(r.supervisor.isOffline).toBe(true);
    ok = true;
    await r.clock.advance(2000);
    expect(r.supervisor.state).toEqual({ kind: 'online' });
  });

  it('does nothing once stopped', async () => {
    const r = rig();
    r.supervisor.stop();
    for (let i = 0; i < 5; i++) r.supervisor.noteSilence('poll');
    r.supervisor.markOffline('gone', 'x');
    await r.clock.advance(10_000);
    expect(r.states).toEqual([]);
    expect(r.clock.pendingTimers).toBe(0);
  });
});
