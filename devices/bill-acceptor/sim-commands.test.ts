import { FakeClock } from '../../common/clock';
import { parseBillAcceptorCommand, runBillAcceptorCommand } from './sim-commands';
import { BillAcceptorSimulator } from './simulator';

describe('bill acceptor simulator commands', () => {
  it('parses the text forms into commands', () => {
    expect(parseBillAcceptorCommand('insert 1000')).toEqual({ ok: true, value: { command: 'insert', value: 1000 } });
    expect(parseBillAcceptorCommand('reject')).toEqual({ ok: true, value: { command: 'reject-next', reason: 'insertion' } });
    expect(parseBillAcceptorCommand('reject magnetic')).toEqual({ ok: true, value: { command: 'reject-next', reason: 'magnetic' } });
    expect(parseBillAcceptorCommand('jam stacking')).toEqual({ ok: true, value: { command: 'jam-next', stage: 'stacking' } });
    expect(parseBillAcceptorCommand('power-loss vend-valid')).toEqual({ ok: true, value: { command: 'power-loss', at: 'vend-valid' } });
    expect(parseBillAcceptorCommand('power-loss')).toEqual({ ok: true, value: { command: 'power-loss', at: 'now' } });
    expect(parseBillAcceptorCommand('fail A2')).toEqual({ ok: true, value: { command: 'fail', code: 0xa2 } });
    expect(parseBillAcceptorCommand('mute')).toEqual({ ok: true, value: { command: 'stop-answering' } });
    expect(parseBillAcceptorCommand('clear box')).toEqual({ ok: true, value: { command: 'clear-fault', noteGoesTo: 'box' } });
  });

  it('refuses nonsense with a message that helps', () => {
    expect(parseBillAcceptorCommand('insert lots')).toMatchObject({ ok: false, error: expect.stringMatching(/value/) });
    expect(parseBillAcceptorCommand('jam sideways')).toMatchObject({ ok: false });
    expect(parseBillAcceptorCommand('fail zz')).toMatchObject({ ok: false });
    expect(parseBillAcceptorCommand('dance')).toMatchObject({ ok: false, error: expect.stringMatching(/unknown command "dance".*insert <won>/s) });
  });

  it('runs commands against the simulator', () => {
    const sim = new BillAcceptorSimulator({ clock: new FakeClock() });
    expect(runBillAcceptorCommand(sim, { command: 'insert', value: 1000 })).toMatchObject({ ok: false, error: expect.stringMatching(/not ready/) });
    expect(runBillAcceptorCommand(sim, { command: 'box-open' })).toEqual({ ok: true, value: {} });
    expect(runBillAcceptorCommand(sim, { command: 'status' })).toEqual({ ok: true, value: { status: 'stacker-open', cashBox: {}, cashBoxTotal: 0 } });
  });
});
