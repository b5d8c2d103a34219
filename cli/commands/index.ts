import type { Command } from 'commander';
import { registerStart } from './start';
import { registerCentral } from './central';
import { registerSim } from './sim';
import { registerDiag } from './diag';
import { registerReport } from './report';
import { registerPinHash } from './pin-hash';
import { registerSync } from './sync';
import { registerCloseDay } from './close-day';

/** Every sub-command, one file each. */
export function registerCommands(program: Command): void {
  registerStart(program);
  registerCentral(program);
  registerSim(program);
  registerDiag(program);
  registerReport(program);
  registerPinHash(program);
  registerSync(program);
  registerCloseDay(program);
}
