import { demoResidents } from '../central-office/demo';
import { buildKioskBundle, type KioskBundle } from './support/kiosk-bundle';
import { describeCrashes, JOURNAL_STEPS } from './support/crash-scenario';

/**
 * Process-level crash tests (issue 7): the kiosk process, with its simulated devices and embedded central office,
 * is killed with SIGKILL right after each journal step of a paid issuance (from the records to the certificate printed) and
 * started again on the same data folder (test/support/crash-scenario.ts).
 */
describe('a paid issuance killed at each journal step, from the records to the certificate printed', () => {
  let bundle: KioskBundle;
  const citizen = demoResidents().find((resident) => resident.role === 'demo-citizen');
  beforeAll(async () => {
    bundle = await buildKioskBundle();
  });
  afterAll(() => bundle?.dispose());

  describeCrashes(
    JOURNAL_STEPS.slice(0, 8),
    () => {
      if (!citizen) throw new Error('no demo citizen');
      return citizen.residentNumber;
    },
    () => bundle.entry,
  );
});
