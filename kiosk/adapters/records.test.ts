import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FakeClock } from '../../common/clock';
import { silentLogger } from '../../common/log';
import { ok } from '../../common/result';
import { fingerOf, HALL, resident, startTestOffice, type TestOffice } from '../../test/central-office/support/office';
import { createCentralClient } from '../central-client/client';
import { centralRecordsPort, REACHABILITY_TIMEOUT_MS, recordFailureOf } from './records';

describe('the RecordsPort over the central office', () => {
  let dir: string;
  let office: TestOffice;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'records-port-'));
    office = await startTestOffice({ kind: 'sqlite', file: path.join(dir, 'central.sqlite') });
  });
  afterEach(async () => {
    await office.running.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const portFor = (probe: () => Promise<boolean> = async () => true) =>
    centralRecordsPort({ client: office.client(HALL), probe, clock: office.clock, log: silentLogger() });

  it('fetches a record with its numbers, and the same record again under the same numbers after a restart', async () => {
    const citizen = resident('demo-citizen');
    const verdict = await office.client(HALL).verifyIdentity({ residentNumber: citizen.residentNumber, template: fingerOf(citizen.residentNumber), documentCodes: ['resident-copy'] });
    if (!verdict.ok || !verdict.value.verified) throw new Error('not verified');
    const records = portFor();
    const fetched = await records.fetch({ documentCode: 'resident-copy', options: {}, copies: 1, token: verdict.value.token });
    expect(fetched.ok && fetched.value.issuanceNumber).toMatch(/^\d{4}-\d{4}-\d{4}-\d{4}$/);
    if (!fetched.ok) return;
    // A new adapter, as after a restart: no token, the same grant.
    const again = await portFor().refetch({ documentCode: 'resident-copy', issuanceNumber: fetched.value.issuanceNumber, options: {} });
    expect(again).toEqual(ok(fetched.value));
  });

  it('tells the session what it can do about a refusal', async () => {
    const records = portFor();
    expect(await records.fetch({ documentCode: 'resident-copy', options: {}, copies: 1, token: null })).toEqual({ ok: false, error: { kind: 'identity-expired' } });
    expect(await records.fetch({ documentCode: 'resident-copy', options: {}, copies: 1, token: 'forged' })).toEqual({ ok: false, error: { kind: 'identity-expired' } });
    expect(await records.refetch({ documentCode: 'resident-copy', issuanceNumber: '2026-1125-0000-0042', options: {} })).toEqual({ ok: false, error: { kind: 'not-found' } });
    expect(await records.fetch({ documentCode: 'land-ledger', options: { parcel: '어디에도 없는 번지 1' }, copies: 1, token: null })).toEqual({ ok: false, error: { kind: 'not-found' } });
  });

  it('reports an office that does not answer as unreachable', async () => {
    const down = createCentralClient({ baseUrl: 'http://127.0.0.1:9', keyId: HALL.keyId, secret: HALL.secret, clock: new FakeClock() });
    const records = centralRecordsPort({ client: down, probe: async () => false, clock: new FakeClock(), log: silentLogger() });
    expect(await records.fetch({ documentCode: 'land-ledger', options: { parcel: 'x' }, copies: 1, token: null })).toEqual({ ok: false, error: { kind: 'unreachable' } });
    expect(await records.reachable()).toBe(false);
  });

  it('gives up on the reachability probe after its own limit', async () => {
    const clock = new FakeClock();
    const records = centralRecordsPort({ client: office.client(HALL), probe: () => new Promise<boolean>(() => undefined), clock, log: silentLogger() });
    const answer = records.reachable();
    await clock.advance(REACHABILITY_TIMEOUT_MS);
    expect(await answer).toBe(false);
    expect(await portFor().reachable()).toBe(true);
  });

  it('maps every kind of central error', () => {
    expect(recordFailureOf({ kind: 'server-error', status: 500, message: 'x' })).toEqual({ kind: 'unreachable' });
    expect(recordFailureOf({ kind: 'invalid-response', status: 200, message: 'x' })).toEqual({ kind: 'unreachable' });
    expect(recordFailureOf({ kind: 'rejected', status: 409, code: 'already-issued', message: 'x' })).toEqual({ kind: 'refused', code: 'already-issued' });
    expect(recordFailureOf({ kind: 'rejected', status: 403, code: 'token-expired', message: 'x' })).toEqual({ kind: 'identity-expired' });
  });
});
