import { z } from 'zod';
import { err, ok, type Result } from '../../common/result';
import { REJECT_CODES, type RejectReason } from './codec';
import type { BillAcceptorSimulator } from './simulator';

/**
 * What the outside world can do to a simulated bill acceptor, as data: one command per line on `kiosk sim
 * bill-acceptor`'s standard input (`insert 1000`), or a JSON body on the kiosk's simulator-control endpoint
 * (`{"command":"insert","value":1000}`). Validated here, at the edge.
 */
const rejectReasons = Object.keys(REJECT_CODES) as [Exclude<RejectReason, 'unknown'>, ...Exclude<RejectReason, 'unknown'>[]];

export const BillAcceptorSimCommand = z.discriminatedUnion('command', [
  z.object({ command: z.literal('insert'), value: z.number().int().positive() }).strict(),
  z.object({ command: z.literal('reject-next'), reason: z.enum(rejectReasons).default('insertion') }).strict(),
  z.object({ command: z.literal('jam-next'), stage: z.enum(['accepting', 'stacking', 'after-vend-valid', 'returning']) }).strict(),
  z.object({ command: z.literal('jam-now'), where: z.enum(['acceptor', 'stacker']).default('acceptor') }).strict(),
  z.object({ command: z.literal('stacker-full') }).strict(),
  z.object({ command: z.literal('box-open') }).strict(),
  z.object({ command: z.literal('box-close') }).strict(),
  z.object({ command: z.literal('empty-box') }).strict(),
  z.object({ command: z.literal('power-loss'), at: z.enum(['now', 'escrow', 'stacking', 'vend-valid']).default('now') }).strict(),
  z.object({ command: z.literal('power-on') }).strict(),
  z.object({ command: z.literal('stop-answering') }).strict(),
  z.object({ command: z.literal('resume-answering') }).strict(),
  z.object({ command: z.literal('cheat') }).strict(),
  z.object({ command: z.literal('fail'), code: z.number().int().min(0).max(255) }).strict(),
  z.object({ command: z.literal('clear-fault'), noteGoesTo: z.enum(['removed', 'box']).default('removed') }).strict(),
  z.object({ command: z.literal('status') }).strict(),
]);
export type BillAcceptorSimCommand = z.infer<typeof BillAcceptorSimCommand>;

export const BILL_ACCEPTOR_SIM_HELP = `commands (one per line):
  insert <won>                      a citizen inserts a note (1000, 5000, 10000, 50000)
  reject [reason]                   the next note is rejected (${rejectReasons.join(', ')})
  jam <accepting|stacking|after-vend-valid|returning>   the next note jams at that step
  jam-now [acceptor|stacker]        jam now
  stacker-full | box-open | box-close | empty-box
  power-loss [now|escrow|stacking|vend-valid]           lose power now, or when a note reaches that step
  power-on
  mute | unmute                     stop / resume answering the host
  cheat                             a note is pulled back on a string
  fail <hex code>                   hardware failure, e.g. fail A2 (stack motor)
  clear [box]                       a technician clears the fault (the stuck note is removed, or pushed into the box)
  status`;

/** The text form of `kiosk sim`: `insert 1000`, `jam stacking`, `fail A2` … */
export function parseBillAcceptorCommand(line: string): Result<BillAcceptorSimCommand, string> {
  const [word = '', ...args] = line.trim().split(/\s+/);
  const arg = args[0];
  let candidate: unknown;
  switch (word.toLowerCase()) {
    case 'insert':
      candidate = { command: 'insert', value: Number(arg) };
      break;
    case 'reject':
      candidate = { command: 'reject-next', ...(arg ? { reason: arg } : {}) };
      break;
    case 'jam':
      candidate = { command: 'jam-next', stage: arg };
      break;
    case 'jam-now':
      candidate = { command: 'jam-now', ...(arg ? { where: arg } : {}) };
      break;
    case 'stacker-full':
    case 'box-open':
    case 'box-close':
    case 'empty-box':
    case 'power-on':
    case 'cheat':
    case 'status':
      candidate = { command: word.toLowerCase() };
      break;
    case 'power-loss':
      candidate = { command: 'power-loss', ...(arg ? { at: arg } : {}) };
      break;
    case 'mute':
      candidate = { command: 'stop-answering' };
      break;
    case 'unmute':
      candidate = { command: 'resume-answering' };
      break;
    case 'fail':
      candidate = { command: 'fail', code: arg && /^(0x)?[0-9a-f]{1,2}$/i.test(arg) ? Number.parseInt(arg.replace(/^0x/i, ''), 16) : Number.NaN };
      break;
    case 'clear':
      candidate = { command: 'clear-fault', ...(arg === 'box' ? { noteGoesTo: 'box' } : {}) };
      break;
    default:
      return err(`unknown command "${word}"\n${BILL_ACCEPTOR_SIM_HELP}`);
  }
  const parsed = BillAcceptorSimCommand.safeParse(candidate);
  if (!parsed.success) return err(`${line.trim()}: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'command'}: ${issue.message}`).join('; ')}`);
  return ok(parsed.data);
}

/** Apply a command; the value is what to report back (JSON-friendly). */
export function runBillAcceptorCommand(sim: BillAcceptorSimulator, command: BillAcceptorSimCommand): Result<Record<string, unknown>, string> {
  switch (command.command) {
    case 'insert': {
      const inserted = sim.insertNote(command.value);
      return inserted.ok ? ok({ inserted: command.value }) : err(inserted.error);
    }
    case 'reject-next':
      sim.rejectNext(command.reason);
      return ok({ rejectNext: command.reason });
    case 'jam-next':
      sim.jamNext(command.stage);
      return ok({ jamNext: command.stage });
    case 'jam-now':
      sim.jamNow(command.where);
      return ok({ jammed: command.where });
    case 'stacker-full':
      sim.fillStacker();
      return ok({});
    case 'box-open':
      sim.openCashBox();
      return ok({});
    case 'box-close':
      sim.closeCashBox();
      return ok({});
    case 'empty-box':
      return ok({ collected: Object.fromEntries(sim.emptyCashBox()) });
    case 'power-loss':
      if (command.at === 'now') sim.powerLoss();
      else sim.powerLossAt(command.at);
      return ok({ powerLoss: command.at });
    case 'power-on':
      sim.powerOn();
      return ok({});
    case 'stop-answering':
      sim.stopAnswering();
      return ok({});
    case 'resume-answering':
      sim.resumeAnswering();
      return ok({});
    case 'cheat':
      sim.cheat();
      return ok({});
    case 'fail':
      sim.fail(command.code);
      return ok({ failure: command.code });
    case 'clear-fault':
      sim.clearFault(command.noteGoesTo);
      return ok({});
    case 'status':
      return ok({ status: sim.status().kind, cashBox: Object.fromEntries(sim.cashBox()), cashBoxTotal: sim.cashBoxTotal() });
  }
}
