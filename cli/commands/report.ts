import type { Command } from 'commander';

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('issuance reports: daily, monthly or yearly counts, fees, change, refunds')
    .argument('<period>', 'daily | monthly | yearly')
    .option('--config <file>', 'configuration file', 'kiosk/config/demo.json')
    .option('--date <date>', 'YYYY-MM-DD (default: today)')
    .option('--kiosk <id>', 'one kiosk (central office reports)')
    .option('--format <format>', 'table | csv | json', 'table')
    .action(() => {
      console.error('kiosk report: reports are not built yet (see the issue "Technicians and operators")');
      process.exitCode = 3;
    });
}
