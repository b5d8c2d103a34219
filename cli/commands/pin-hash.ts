import type { Command } from 'commander';
import { hashPin } from '../../kiosk/service/pin';

export function registerPinHash(program: Command): void {
  program
    .command('pin-hash')
    .description('print the scrypt hash of a technician PIN for the configuration file (service.pinHash)')
    .argument('<pin>', 'the new PIN, 6 digits or more')
    .action((pin: string) => {
      if (!/^\d{6,12}$/.test(pin)) {
        console.error('kiosk pin-hash: the PIN must be 6 to 12 digits');
        process.exitCode = 2;
        return;
      }
      console.log(hashPin(pin));
    });
}
