import { demoResidents } from '../../central-office/demo';
import type { DemoResident } from '../api/simulator-contract';

/**
 * The demo's cast for the panel: synthetic residents whose fingerprint is enrolled (ID-card holders), with the
 * number to type and the finger to place. Generated once, on first use (the synthetic population takes a moment).
 */
let cached: readonly DemoResident[] | null = null;

export function panelResidents(): readonly DemoResident[] {
  cached ??= demoResidents()
    .filter((resident) => resident.fingerprintEnrolled)
    .map((resident) => ({ name: resident.name, residentNumber: resident.residentNumber, note: `${resident.note.ko} / ${resident.note.en}` }));
  return cached;
}
