import type { RunningCentralOffice } from '../../central-office/start';
import { IDENTITY_TOKEN_TTL_MS, KIOSK_FAILURE_LIMIT, RESIDENT_FAILURE_LIMIT, RESIDENT_LOCK_WINDOW_MS } from '../../central-office/service/identity';
import { generatePopulation } from '../../central-office/population/generate';
import type { FakeClock } from '../../common/clock';
import type { CentralOfficeClient } from '../../kiosk/central-client/client';
import { HALL, PNU, fingerOf, resident, startTestOffice } from './support/office';
import { STORAGE_KINDS, useStorage } from './support/storages';

/** The identity check: fingerprint against the enrolled one, attempt limits, tokens scoped to documents. */
describe.each(STORAGE_KINDS)('identity check over %s', (kind) => {
  const storage = useStorage(kind);
  let office: RunningCentralOffice;
  let clock: FakeClock;
  let hall: CentralOfficeClient;
  let pnu: CentralOfficeClient;
  const citizen = resident('demo-citizen');
  const stranger = resident('farmer');

  beforeEach(async () => {
    const started = await startTestOffice(await storage.fresh());
    office = started.running;
    clock = started.clock;
    hall = started.client(HALL);
    pnu = started.client(PNU);
  });
  afterEach(() => office.close());

  const verify = (client: CentralOfficeClient, residentNumber: string, finger: string, documentCodes = ['resident-copy']) =>
    client.verifyIdentity({ residentNumber, template: fingerOf(finger), documentCodes }).then((result) => {
      if (!result.ok) throw new Error(`identity call failed: ${JSON.stringify(result.error)}`);
      return result.value;
    });

  it('verifies the right finger and names the citizen', async () => {
    const verdict = await verify(hall, citizen.residentNumber, citizen.residentNumber);
    expect(verdict).toMatchObject({ verified: true, displayName: citizen.name, entitlements: [] });
    expect(verdict.verified && Date.parse(verdict.expiresAt) - clock.now()).toBe(IDENTITY_TOKEN_TTL_MS);
  });

  it('reports fee entitlements', async () => {
    const recipient = resident('livelihood-recipient');
    const veteran = resident('veteran');
    expect(await verify(hall, recipient.residentNumber, recipient.residentNumber)).toMatchObject({ verified: true, entitlements: ['basic-livelihood-recipient'] });
    expect(await verify(hall, veteran.residentNumber, veteran.residentNumber)).toMatchObject({ verified: true, entitlements: ['national-merit'] });
  });

  it('counts down attempts for a wrong finger, then locks the number at every kiosk', async () => {
    const left: number[] = [];
    for (let i = 0; i < RESIDENT_FAILURE_LIMIT; i++) {
      const verdict = await verify(hall, citizen.residentNumber, stranger.residentNumber);
      expect(verdict).toMatchObject({ verified: false, reason: 'no-match' });
      if (!verdict.verified) left.push(verdict.attemptsLeft);
    }
    expect(left).toEqual([2, 1, 0]);
    expect(await verify(hall, citizen.residentNumber, citizen.residentNumber)).toEqual({ verified: false, reason: 'locked', attemptsLeft: 0 });
    expect(await verify(pnu, citizen.residentNumber, citizen.residentNumber)).toEqual({ verified: false, reason: 'locked', attemptsLeft: 0 });
  });

  it('lifts the lock after a day', async () => {
    for (let i = 0; i < RESIDENT_FAILURE_LIMIT; i++) await verify(hall, citizen.residentNumber, stranger.residentNumber);
    await clock.advance(RESIDENT_LOCK_WINDOW_MS + 1_000);
    expect(await verify(hall, citizen.residentNumber, citizen.residentNumber)).toMatchObject({ verified: true });
  });

  it('starts counting again after a success', async () => {
    await verify(hall, citizen.residentNumber, stranger.residentNumber);
    await verify(hall, citizen.residentNumber, stranger.residentNumber);
    expect(await verify(hall, citizen.residentNumber, citizen.residentNumber)).toMatchObject({ verified: true });
    expect(await verify(hall, citizen.residentNumber, stranger.residentNumber)).toEqual({ verified: false, reason: 'no-match', attemptsLeft: 2 });
  });

  it('says when the resident number is unknown', async () => {
    expect(await verify(hall, '990101-1234563', citizen.residentNumber)).toEqual({ verified: false, reason: 'unknown-resident', attemptsLeft: 2 });
  });

  it('does not count a template the reader could not read', async () => {
    const poor = await hall.verifyIdentity({ residentNumber: citizen.residentNumber, template: Buffer.from('smudge').toString('base64'), documentCodes: ['resident-copy'] });
    expect(poor).toEqual({ ok: true, value: { verified: false, reason: 'poor-template', attemptsLeft: RESIDENT_FAILURE_LIMIT } });
    expect(await verify(hall, citizen.residentNumber, stranger.residentNumber)).toMatchObject({ attemptsLeft: 2 });
  });

  it('does not verify a child without an ID card (no enrolled fingerprint)', async () => {
    const child = generatePopulation().persons.find((person) => !person.fingerprintEnrolled);
    expect(child).toBeDefined();
    expect(await verify(hall, child!.residentNumber, child!.residentNumber)).toMatchObject({ verified: false, reason: 'no-match' });
  });

  it('refuses a kiosk that fails too many checks, but not the other kiosks', async () => {
    const people = generatePopulation().persons.filter((person) => person.fingerprintEnrolled).slice(0, KIOSK_FAILURE_LIMIT);
    for (const person of people) await verify(hall, person.residentNumber, stranger.residentNumber);
    const refused = await hall.verifyIdentity({ residentNumber: citizen.residentNumber, template: fingerOf(citizen.residentNumber), documentCodes: ['resident-copy'] });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'rejected', status: 429, code: 'kiosk-attempt-limit' } });
    expect(await verify(pnu, citizen.residentNumber, citizen.residentNumber)).toMatchObject({ verified: true });
  });

  it('refuses an unknown document code', async () => {
    const answer = await hall.verifyIdentity({ residentNumber: citizen.residentNumber, template: fingerOf(citizen.residentNumber), documentCodes: ['passport'] });
    expect(answer).toMatchObject({ ok: false, error: { kind: 'rejected', status: 400, code: 'unknown-document' } });
  });

  describe('tokens', () => {
    const token = async (codes: string[]) => {
      const verdict = await verify(hall, citizen.residentNumber, citizen.residentNumber, codes);
      if (!verdict.verified) throw new Error('expected a verified identity');
      return verdict.token;
    };
    const fetchWith = (client: CentralOfficeClient, documentCode: string, tokenValue?: string) =>
      client.fetchRecord({ documentCode, options: {}, copies: 1, ...(tokenValue ? { token: tokenValue } : {}) });

    it('fetches the documents it was issued for', async () => {
      const value = await token(['resident-copy', 'resident-abstract']);
      expect((await fetchWith(hall, 'resident-copy', value)).ok).toBe(true);
      expect((await fetchWith(hall, 'resident-abstract', value)).ok).toBe(true);
    });

    it('is required for identity documents', async () => {
      expect(await fetchWith(hall, 'resident-copy')).toMatchObject({ ok: false, error: { status: 403, code: 'token-required' } });
    });

    it('is scoped to its documents', async () => {
      const value = await token(['resident-copy']);
      expect(await fetchWith(hall, 'military-service', value)).toMatchObject({ ok: false, error: { status: 403, code: 'token-scope' } });
    });

    it('is bound to the kiosk that verified the citizen', async () => {
      const value = await token(['resident-copy']);
      expect(await fetchWith(pnu, 'resident-copy', value)).toMatchObject({ ok: false, error: { status: 403, code: 'token-invalid' } });
    });

    it('expires', async () => {
      const value = await token(['resident-copy']);
      await clock.advance(IDENTITY_TOKEN_TTL_MS + 1);
      expect(await fetchWith(hall, 'resident-copy', value)).toMatchObject({ ok: false, error: { status: 403, code: 'token-expired' } });
    });

    it('a made-up token is refused', async () => {
      expect(await fetchWith(hall, 'resident-copy', 'not-a-token')).toMatchObject({ ok: false, error: { status: 403, code: 'token-invalid' } });
    });
  });

  it('stores no resident number in its tables', async () => {
    await verify(hall, citizen.residentNumber, citizen.residentNumber);
    await verify(hall, citizen.residentNumber, stranger.residentNumber);
    const db = office.office.storage.db;
    const attempts = await db.selectFrom('identity_attempts').selectAll().execute();
    const tokens = await db.selectFrom('identity_tokens').selectAll().execute();
    const dump = JSON.stringify([attempts, tokens]);
    expect(attempts).toHaveLength(2);
    expect(dump).not.toContain(citizen.residentNumber);
    expect(dump).not.toContain(citizen.residentNumber.replace('-', ''));
  });
});
