import { z } from 'zod';
import { err, ok, type Result } from '../../common/result';
import type { CoinHopperSimulator } from './simulator';

/**
 * What the outside world can do to simulated hoppers, as data: one command per line on `kiosk sim coin-hopper`'s
 * standard input (`coins 500 200`), or a JSON body on the kiosk's simulator-control endpoint.
 */
const coinValue = z.number().int().positive();

export const CoinHopperSimCommand = z.discriminatedUnion('command', [
  z.object({ command: z.literal('set-coins'), coinValue, coins: z.number().int().min(0).max(100_000) }).strict(),
  z.object({ command: z.literal('empty'), coinValue }).strict(),
  z.object({ command: z.literal('jam'), coinValue, afterCoins: z.number().int().min(0).default(0) }).strict(),
  z.object({ command: z.literal('clear-jam'), coinValue }).strict(),
  z.object({ command: z.literal('demand-encryption'), coinValue, on: z.boolean() }).strict(),
  z.object({ command: z.literal('power-cut') }).strict(),
  z.object({ command: z.literal('power-on') }).strict(),
  z.object({ command: z.literal('stop-answering'), coinValue: coinValue.optional() }).strict(),
  z.object({ command: z.literal('resume-answering'), coinValue: coinValue.optional() }).strict(),
  z.object({ command: z.literal('status') }).strict(),
]);
export type CoinHopperSimCommand = z.infer<typeof CoinHopperSimCommand>;

export const COIN_HOPPER_SIM_HELP = `commands (one per line):
  coins <coin> <count>       set the coins in the hopper for that coin (e.g. coins 500 200)
  empty <coin>               the hopper runs empty
  jam <coin> [afterCoins]    the next payout jams after that many coins
  clear-jam <coin>           a technician frees the disc
  encryption <coin> on|off   play a hopper that demands the encrypted dispense
  power-cut | power-on       the hoppers lose / regain power (event counters go to 0)
  mute [coin] | unmute [coin]
  status`;

export function parseCoinHopperCommand(line: string): Result<CoinHopperSimCommand, string> {
  const [word = '', ...args] = line.trim().split(/\s+/);
  const n = (i: number) => (args[i] === undefined ? undefined : Number(args[i]));
  let candidate: unknown;
  switch (word.toLowerCase()) {
    case 'coins':
      candidate = { command: 'set-coins', coinValue: n(0), coins: n(1) };
      break;
    case 'empty':
      candidate = { command: 'empty', coinValue: n(0) };
      break;
    case 'jam':
      candidate = { command: 'jam', coinValue: n(0), ...(args[1] !== undefined ? { afterCoins: n(1) } : {}) };
      break;
    case 'clear-jam':
      candidate = { command: 'clear-jam', coinValue: n(0) };
      break;
    case 'encryption':
      candidate = { command: 'demand-encryption', coinValue: n(0), on: args[1] === 'on' ? true : args[1] === 'off' ? false : undefined };
      break;
    case 'power-cut':
    case 'power-on':
    case 'status':
      candidate = { command: word.toLowerCase() };
      break;
    case 'mute':
      candidate = { command: 'stop-answering', ...(args[0] !== undefined ? { coinValue: n(0) } : {}) };
      break;
    case 'unmute':
      candidate = { command: 'resume-answering', ...(args[0] !== undefined ? { coinValue: n(0) } : {}) };
      break;
    default:
      return err(`unknown command "${word}"\n${COIN_HOPPER_SIM_HELP}`);
  }
  const parsed = CoinHopperSimCommand.safeParse(candidate);
  if (!parsed.success) return err(`${line.trim()}: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'command'}: ${issue.message}`).join('; ')}`);
  return ok(parsed.data);
}

export function runCoinHopperCommand(sim: CoinHopperSimulator, command: CoinHopperSimCommand): Result<Record<string, unknown>, string> {
  try {
    switch (command.command) {
      case 'set-coins':
        sim.setCoins(command.coinValue, command.coins);
        return ok({ coinValue: command.coinValue, coins: command.coins });
      case 'empty':
        sim.empty(command.coinValue);
        return ok({ coinValue: command.coinValue, coins: 0 });
      case 'jam':
        sim.jamAfter(command.coinValue, command.afterCoins);
        return ok({ coinValue: command.coinValue, jamAfter: command.afterCoins });
      case 'clear-jam':
        sim.clearJam(command.coinValue);
        return ok({ coinValue: command.coinValue });
      case 'demand-encryption':
        sim.demandEncryption(command.coinValue, command.on);
        return ok({ coinValue: command.coinValue, demandsEncryption: command.on });
      case 'power-cut':
        sim.powerCut();
        return ok({});
      case 'power-on':
        sim.powerOn();
        return ok({});
      case 'stop-answering':
        sim.stopAnswering(command.coinValue);
        return ok({});
      case 'resume-answering':
        sim.resumeAnswering(command.coinValue);
        return ok({});
      case 'status':
        return ok({ hoppers: sim.describe() });
    }
  } catch (error) {
    // An unknown coin value is the operator's typo, not a crash.
    return err((error as Error).message);
  }
}
