import { demoProperties } from '../../central-office/demo';
import type { RunningCentralOffice } from '../../central-office/start';
import type { FakeClock } from '../../common/clock';
import { createCentralClient, type CentralOfficeClient } from '../../kiosk/central-client/client';
import { HALL, PNU, fingerOf, resident, startTestOffice } from './support/office';
import { makeEvent } from './support/requests';
import { STORAGE_KINDS, useStorage } from './support/storages';

/**
 * POST /v1/records/reserved: a kiosk that must print a paid certificate again (after a restart, or after its
 * rendered copy was lost) gets the same record under the same numbers — without a token, only for its own
 * reservations, and only until the number is issued or released.
 */
describe.each(STORAGE_KINDS)('the same record again over %s', (kind) => {
  const storage = useStorage(kind);
  let office: RunningCentralOffice;
  let clock: FakeClock;
  let hall: CentralOfficeClient;

  beforeEach(async () => {
    const started = await startTestOffice(await storage.fresh());
    office = started.running;
    clock = started.clock;
    hall = started.client(HALL);
  });
  afterEach(() => office.close());

  async function reserveHouseholdCopy() {
    const citizen = resident('demo-citizen');
    const verdict = await hall.verifyIdentity({ residentNumber: citizen.residentNumber, template: fingerOf(citizen.residentNumber), documentCodes: ['resident-copy'] });
    if (!verdict.ok || !verdict.value.verified) throw new Error(`identity failed: ${JSON.stringify(verdict)}`);
    const options = { maskResidentNumbers: false };
    const fetched = await hall.fetchRecord({ documentCode: 'resident-copy', options, token: verdict.value.token, copies: 2 });
    if (!fetched.ok) throw new Error(`record failed: ${JSON.stringify(fetched.error)}`);
    return { options, first: fetched.value };
  }

  it('builds the same identity record under the same numbers, without a token, long after the token expired', async () => {
    const { options, first } = await reserveHouseholdCopy();
    await clock.advance(60 * 60_000);
    const again = await hall.fetchReservedRecord({ documentCode: 'resident-copy', issuanceNumber: first.issuanceNumber, options });
    expect(again).toEqual({ ok: true, value: first });
  });

  it('does the same for a public record found by its address option', async () => {
    const parcel = demoProperties().find((property) => property.documents.includes('land-ledger'));
    if (!parcel) throw new Error('no demo parcel');
    const first = await hall.fetchRecord({ documentCode: 'land-ledger', options: parcel.options, copies: 1 });
    if (!first.ok) throw new Error(JSON.stringify(first.error));
    const again = await hall.fetchReservedRecord({ documentCode: 'land-ledger', issuanceNumber: first.value.issuanceNumber, options: parcel.options });
    expect(again).toEqual({ ok: true, value: first.value });
  });

  it('answers only the kiosk that reserved the number, and only for that document and those options', async () => {
    const { options, first } = await reserveHouseholdCopy();
    const pnu = createCentralClient({ baseUrl: office.url, keyId: PNU.keyId, secret: PNU.secret, clock });
    expect(await pnu.fetchReservedRecord({ documentCode: 'resident-copy', issuanceNumber: first.issuanceNumber, options })).toMatchObject({
      ok: false,
      error: { status: 404, code: 'unknown-reservation' },
    });
    expect(await hall.fetchReservedRecord({ documentCode: 'resident-copy', issuanceNumber: '2026-1125-9999-9999', options })).toMatchObject({
      ok: false,
      error: { status: 404, code: 'unknown-reservation' },
    });
    expect(await hall.fetchReservedRecord({ documentCode: 'resident-abstract', issuanceNumber: first.issuanceNumber, options })).toMatchObject({
      ok: false,
      error: { status: 409, code: 'reservation-mismatch' },
    });
    expect(await hall.fetchReservedRecord({ documentCode: 'resident-copy', issuanceNumber: first.issuanceNumber, options: { maskResidentNumbers: true } })).toMatchObject({
      ok: false,
      error: { status: 409, code: 'reservation-mismatch' },
    });
  });

  it('refuses a number once the kiosk reported it issued or released', async () => {
    const { options, first } = await reserveHouseholdCopy();
    const second = await reserveHouseholdCopy();
    const at = clock.now();
    const issued = makeEvent(HALL.kioskId, 1, at, {
      type: 'document.issued',
      payload: { documentCode: 'resident-copy', issuanceNumber: first.issuanceNumber, verificationNumber: first.verificationNumber, copies: 2, pages: 1, fee: 400, waivedBy: null },
    });
    const released = makeEvent(HALL.kioskId, 2, at, {
      type: 'document.released',
      payload: { documentCode: 'resident-copy', issuanceNumber: second.first.issuanceNumber, reason: 'cancelled' },
    });
    const ack = await hall.sendEvents([issued, released]);
    expect(ack.ok && ack.value.accepted).toHaveLength(2);
    for (const number of [first.issuanceNumber, second.first.issuanceNumber]) {
      expect(await hall.fetchReservedRecord({ documentCode: 'resident-copy', issuanceNumber: number, options })).toMatchObject({
        ok: false,
        error: { status: 409, code: 'already-issued' },
      });
    }
  });
});
