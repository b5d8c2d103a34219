#!/usr/bin/env -S npx tsx
import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands';

/**
 * `kiosk`: the one command for installers, technicians and operators. Each area registers its own sub-command
 * in `cli/commands/` (start, central, sim, diag, report, sync …).
 */
export function buildProgram(): Command {
  const program = new Command('kiosk')
    .description('Unattended civil-document kiosk (무인민원발급기): service, simulators, diagnostics and reports')
    .showHelpAfterError('(run `kiosk --help` to see every command)')
    .showSuggestionAfterError(true)
    .exitOverride();
  registerCommands(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    console.error(`kiosk: ${(error as Error).message}`);
    return 1;
  }
}

const invokedDirectly = process.argv[1] !== undefined && /cli[\\/]main\.ts$/.test(process.argv[1]);
if (invokedDirectly) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
