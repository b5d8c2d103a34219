import type { Command } from 'commander';

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('start the kiosk service (devices, session, API, browser host)')
    .option('--config <file>', 'configuration file', 'kiosk/config/demo.json')
    .action(async (options: { config: string }) => {
      const { startFromCli } = await import('../../kiosk/main');
      process.exitCode = await startFromCli(options.config);
    });
}
