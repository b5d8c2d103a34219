import { DEMO_KIOSKS, DEMO_OPERATOR, demoResidents, type DemoResident } from '../../../central-office/demo';
import type { DemoRole } from '../../../central-office/population/model';
import { startCentralOffice, type RunningCentralOffice } from '../../../central-office/start';
import type { StorageConfig } from '../../../central-office/storage/open';
import { FakeClock } from '../../../common/clock';
import { capturedTemplate } from '../../../devices/fingerprint/synthetic-finger';
import { createCentralClient, type CentralOfficeClient } from '../../../kiosk/central-client/client';

/** A central office on port 0 with the demo kiosks and operator, a fake clock shared with its clients. */
export const HALL = DEMO_KIOSKS[0]!;
export const PNU = DEMO_KIOSKS[1]!;
export const OPERATOR = DEMO_OPERATOR;

export type TestOffice = {
  readonly running: RunningCentralOffice;
  readonly clock: FakeClock;
  client(kiosk?: typeof HALL): CentralOfficeClient;
};

export async function startTestOffice(storage: StorageConfig, clock = new FakeClock()): Promise<TestOffice> {
  const running = await startCentralOffice({ storage, kiosks: DEMO_KIOSKS, operators: [OPERATOR], clock, port: 0 });
  return {
    running,
    clock,
    client: (kiosk = HALL) => createCentralClient({ baseUrl: running.url, keyId: kiosk.keyId, secret: kiosk.secret, clock }),
  };
}

export function resident(role: DemoRole): DemoResident {
  const found = demoResidents().find((candidate) => candidate.role === role);
  if (!found) throw new Error(`no demo resident ${role}`);
  return found;
}

let captures = 0;
/** A fresh capture of this person's finger (every capture differs a little, as on a real sensor). */
export function fingerOf(residentNumber: string): string {
  return Buffer.from(capturedTemplate(residentNumber, ++captures)).toString('base64');
}
