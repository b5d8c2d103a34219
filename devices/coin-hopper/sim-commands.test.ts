import { FakeClock } from '../../common/clock';
import { parseCoinHopperCommand, runCoinHopperCommand } from './sim-commands';
import { CoinHopperSimulator } from './simulator';

describe('coin hopper simulator commands', () => {
  it('parses the text forms into commands', () => {
    expect(parseCoinHopperCommand('coins 500 200')).toEqual({ ok: true, value: { command: 'set-coins', coinValue: 500, coins: 200 } });
    expect(parseCoinHopperCommand('jam 100')).toEqual({ ok: true, value: { command: 'jam', coinValue: 100, afterCoins: 0 } });
    expect(parseCoinHopperCommand('jam 100 2')).toEqual({ ok: true, value: { command: 'jam', coinValue: 100, afterCoins: 2 } });
    expect(parseCoinHopperCommand('encryption 500 on')).toEqual({ ok: true, value: { command: 'demand-encryption', coinValue: 500, on: true } });
    expect(parseCoinHopperCommand('mute')).toEqual({ ok: true, value: { command: 'stop-answering' } });
    expect(parseCoinHopperCommand('unmute 100')).toEqual({ ok: true, value: { command: 'resume-answering', coinValue: 100 } });
  });

  it('refuses nonsense with a message that helps', () => {
    expect(parseCoinHopperCommand('coins 500')).toMatchObject({ ok: false });
    expect(parseCoinHopperCommand('encryption 500 maybe')).toMatchObject({ ok: false });
    expect(parseCoinHopperCommand('fly')).toMatchObject({ ok: false, error: expect.stringMatching(/unknown command "fly".*coins <coin> <count>/s) });
  });

  it('runs commands against the simulator, and reports an unknown coin as an error value', () => {
    const sim = new CoinHopperSimulator({ clock: new FakeClock(), hoppers: [{ address: 3, coinValue: 500, coins: 10 }] });
    expect(runCoinHopperCommand(sim, { command: 'set-coins', coinValue: 500, coins: 7 })).toEqual({ ok: true, value: { coinValue: 500, coins: 7 } });
    expect(sim.coins(500)).toBe(7);
    expect(runCoinHopperCommand(sim, { command: 'empty', coinValue: 100 })).toMatchObject({ ok: false, error: expect.stringMatching(/no simulated hopper for 100/) });
    expect(runCoinHopperCommand(sim, { command: 'status' })).toMatchObject({ ok: true, value: { hoppers: [{ coinValue: 500, coins: 7, address: 3 }] } });
  });
});
