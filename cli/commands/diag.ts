import type { Command } from 'commander';

export function registerDiag(program: Command): void {
  program
    .command('diag')
    .description('device diagnostics: list devices, self-test one, or probe an unknown port')
    .argument('[device]', 'a configured device to self-test')
    .option('--config <file>', 'configuration file', 'kiosk/config/demo.json')
    .option('--port <path>', 'probe this serial port')
    .option('--driver <driver>', 'id003 | cctalk | escpos | r30x (with --port)')
    .action(() => {
      console.error('kiosk diag: diagnostics are not built yet (see the issue "Technicians and operators")');
      process.exitCode = 3;
    });
}
