import type { Command } from 'commander';

export function registerCentral(program: Command): void {
  program
    .command('central')
    .description('run the central office service (identity, records, log ingest, reports)')
    .option('--config <file>', 'central office configuration file')
    .action(() => {
      console.error('kiosk central: the central office is not built yet (see the issue "The central office and the offline queue")');
      process.exitCode = 3;
    });
}
