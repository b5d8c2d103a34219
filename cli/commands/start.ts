import type { Command } from 'commander';

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('start the kiosk service (devices, session, API, browser host)')
    .option('--config <file>', 'configuration file', 'kiosk/config/demo.json')
    .option('--open-browser', 'open Debian Chromium in kiosk mode on the UI when a display exists')
    .option('--port <port>', 'override api.port of the configuration', (value) => Number.parseInt(value, 10))
    .action(async (options: { config: string; openBrowser?: boolean; port?: number }) => {
      const { startFromCli } = await import('../../kiosk/main');
      const startOptions = { openBrowser: options.openBrowser ?? false, ...(options.port === undefined ? {} : { port: options.port }) };
      process.exitCode = await startFromCli(options.config, startOptions);
    });
}
