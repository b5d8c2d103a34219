import type { Clock } from '../../../common/clock';
import type { SessionPorts } from '../ports';
import { FakeIdentity } from './fake-identity';
import { FakePrinting } from './fake-printing';
import { FakeRecords, type FakeRecordsOptions } from './fake-records';

export { FakeIdentity, FAKE_OFFICE_ATTEMPTS, FAKE_READ_MS, FAKE_VERIFY_MS } from './fake-identity';
export { FakePrinting, FAKE_PAGE_MS, FAKE_RENDER_MS, FAKE_SLIP_MS, type PlannedFault } from './fake-printing';
export { FakeRecords, FAKE_FETCH_MS, FAKE_PROBE_MS } from './fake-records';

/** The demo citizen of the fakes: a valid resident number (check digit included) and the finger that matches it. */
export const FAKE_CITIZEN = { residentNumber: '900101-1234568', finger: 'kim-right-thumb', displayName: '김민원' } as const;

export type FakePorts = SessionPorts & {
  readonly records: FakeRecords;
  readonly identity: FakeIdentity;
  readonly printing: FakePrinting;
  /** Cut the power to every fake device at once (crash tests). */
  powerCycle(): void;
};

/**
 * Every port faked on one clock, with the demo citizen registered and placing the right finger by default. Money
 * is never faked: the session takes it through the real MoneyService (over simulated cash devices in tests and
 * the demo), see kiosk/session/testing.ts.
 */
export function createFakePorts(clock: Clock, options: FakeRecordsOptions = {}): FakePorts {
  const records = new FakeRecords(clock, { residentNumber: FAKE_CITIZEN.residentNumber, ...options });
  const identity = new FakeIdentity(clock);
  identity.residents.set(FAKE_CITIZEN.residentNumber, { finger: FAKE_CITIZEN.finger, displayName: FAKE_CITIZEN.displayName, entitlements: [] });
  identity.autoFinger = FAKE_CITIZEN.finger;
  const printing = new FakePrinting(clock);
  return {
    records,
    identity,
    printing,
    clock,
    powerCycle() {
      printing.powerCycle();
    },
  };
}
