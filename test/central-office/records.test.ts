import { DOCUMENTS, documentOf, type DocumentCode } from '../../catalog';
import { CertificateRecord, RECORD_KIND_OF_FAMILY } from '../../catalog/records';
import { demoProperties, demoResidents } from '../../central-office/demo';
import type { RunningCentralOffice } from '../../central-office/start';
import type { FakeClock } from '../../common/clock';
import type { CentralOfficeClient } from '../../kiosk/central-client/client';
import { HALL, fingerOf, resident, startTestOffice } from './support/office';
import { makeEvent } from './support/requests';
import { STORAGE_KINDS, useStorage } from './support/storages';

/** Records for every one of the 36 documents, through the HTTP API, and the verification of issued documents. */
describe.each(STORAGE_KINDS)('records and verification over %s', (kind) => {
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

  async function tokenFor(residentNumber: string, documentCodes: string[]): Promise<string> {
    const verdict = await hall.verifyIdentity({ residentNumber, template: fingerOf(residentNumber), documentCodes });
    if (!verdict.ok || !verdict.value.verified) throw new Error(`identity failed: ${JSON.stringify(verdict)}`);
    return verdict.value.token;
  }

  it('returns a valid record for each of the 36 documents, each with its own issuance number', async () => {
    const issued = new Map<DocumentCode, string>();
    for (const person of demoResidents()) {
      const missing = person.documents.filter((code) => !issued.has(code));
      if (missing.length === 0) continue;
      const token = await tokenFor(person.residentNumber, missing);
      for (const code of missing) {
        const answer = await hall.fetchRecord({ documentCode: code, options: person.options[code] ?? {}, token, copies: 1 });
        if (!answer.ok) throw new Error(`${code} for ${person.role}: ${JSON.stringify(answer.error)}`);
        expect(CertificateRecord.safeParse(answer.value.record).success).toBe(true);
        expect(answer.value.record.body.kind).toBe(RECORD_KIND_OF_FAMILY[documentOf(code).family]);
        issued.set(code, answer.value.issuanceNumber);
      }
    }
    for (const property of demoProperties()) {
      for (const code of property.documents) {
        if (issued.has(code) && code !== 'real-estate-registry') continue;
        const answer = await hall.fetchRecord({ documentCode: code, options: property.options, copies: 1 });
        if (!answer.ok) throw new Error(`${code} for ${property.label.en}: ${JSON.stringify(answer.error)}`);
        expect(answer.value.record.body.kind).toBe(RECORD_KIND_OF_FAMILY[documentOf(code).family]);
        issued.set(code, answer.value.issuanceNumber);
      }
    }
    expect([...issued.keys()].sort()).toEqual(DOCUMENTS.map((document) => document.code).sort());
    expect(new Set(issued.values()).size).toBe(36);
    for (const number of issued.values()) expect(number).toMatch(/^\d{4}-\d{4}-\d{4}-\d{4}$/);
  });

  it('marks records of another district as out-of-district', async () => {
    const outsider = resident('out-of-district');
    const local = resident('demo-citizen');
    const outside = await hall.fetchRecord({ documentCode: 'resident-abstract', options: {}, token: await tokenFor(outsider.residentNumber, ['resident-abstract']), copies: 1 });
    const inside = await hall.fetchRecord({ documentCode: 'resident-abstract', options: {}, token: await tokenFor(local.residentNumber, ['resident-abstract']), copies: 1 });
    expect(outside.ok && outside.value.inDistrict).toBe(false);
    expect(outside.ok && outside.value.record.authority.district).toBe('동래구');
    expect(inside.ok && inside.value.inDistrict).toBe(true);
  });

  it('refuses options the catalogue does not allow, and too many copies', async () => {
    const token = await tokenFor(resident('demo-citizen').residentNumber, ['resident-abstract']);
    expect(await hall.fetchRecord({ documentCode: 'resident-abstract', options: { addressHistory: 'last-100-years' }, token, copies: 1 })).toMatchObject({
      ok: false,
      error: { status: 422, code: 'invalid-options', message: expect.stringContaining('addressHistory') },
    });
    expect(await hall.fetchRecord({ documentCode: 'resident-abstract', options: {}, token, copies: 6 })).toMatchObject({ ok: false, error: { status: 422, code: 'too-many-copies' } });
    expect(await hall.fetchRecord({ documentCode: 'no-such-document', options: {}, copies: 1 })).toMatchObject({ ok: false, error: { status: 400, code: 'unknown-document' } });
  });

  it('answers 404 with a reason when there is nothing to certify', async () => {
    const graduate = resident('graduate');
    const token = await tokenFor(graduate.residentNumber, ['military-service', 'graduation']);
    expect(await hall.fetchRecord({ documentCode: 'military-service', options: {}, token, copies: 1 })).toMatchObject({ ok: false, error: { status: 404, code: 'no-record' } });
    expect(await hall.fetchRecord({ documentCode: 'graduation', options: { schoolLevel: 'high', graduationYear: 2019 }, token, copies: 1 })).toMatchObject({
      ok: false,
      error: { status: 404, code: 'no-record' },
    });
    expect(await hall.fetchRecord({ documentCode: 'land-ledger', options: { parcel: '부산광역시 금정구 장전동 9999' }, copies: 1 })).toMatchObject({ ok: false, error: { status: 404, code: 'no-record' } });
  });

  it('does not reserve a number for a refused request', async () => {
    await hall.fetchRecord({ documentCode: 'land-ledger', options: { parcel: '부산광역시 금정구 장전동 9999' }, copies: 1 });
    expect((await office.office.rowCounts()).issuances).toBe(0);
  });

  describe('document verification', () => {
    async function reserve() {
      const answer = await hall.fetchRecord({ documentCode: 'land-price', options: { parcel: '부산광역시 금정구 두구동 521' }, copies: 2 });
      if (!answer.ok) throw new Error(JSON.stringify(answer.error));
      return answer.value;
    }

    it('is not-issued until the document.issued event arrives, then valid with when, where, what and pages', async () => {
      const record = await reserve();
      expect(await hall.verifyDocument(record.issuanceNumber, record.verificationNumber)).toEqual({ ok: true, value: { valid: false, reason: 'not-issued' } });
      const issuedAt = clock.now() + 60_000;
      await hall.sendEvents([
        makeEvent(HALL.kioskId, 1, issuedAt, {
          type: 'document.issued',
          payload: { documentCode: 'land-price', issuanceNumber: record.issuanceNumber, verificationNumber: record.verificationNumber, copies: 2, pages: 1, fee: 1600, waivedBy: null },
        }),
      ]);
      expect(await hall.verifyDocument(record.issuanceNumber, record.verificationNumber)).toEqual({
        ok: true,
        value: {
          valid: true,
          issuanceNumber: record.issuanceNumber,
          documentCode: 'land-price',
          documentName: '개별공시지가확인서',
          issuedAt: new Date(issuedAt).toISOString(),
          kioskId: HALL.kioskId,
          kioskName: HALL.name,
          pages: 1,
          copies: 2,
        },
      });
    });

    it('says mismatch for a wrong verification number and unknown for an unknown issuance number', async () => {
      const record = await reserve();
      expect(await hall.verifyDocument(record.issuanceNumber, '0000-0000-0000-0000')).toEqual({ ok: true, value: { valid: false, reason: 'mismatch' } });
      expect(await hall.verifyDocument('1999-0101-0000-0001', record.verificationNumber)).toEqual({ ok: true, value: { valid: false, reason: 'unknown' } });
    });

    it('stays not-issued after a document.failed event', async () => {
      const record = await reserve();
      await hall.sendEvents([
        makeEvent(HALL.kioskId, 1, clock.now(), {
          type: 'document.failed',
          payload: { documentCode: 'land-price', issuanceNumber: record.issuanceNumber, reason: 'paper jam', pagesPrinted: 0, pagesExpected: 1 },
        }),
      ]);
      expect(await hall.verifyDocument(record.issuanceNumber, record.verificationNumber)).toEqual({ ok: true, value: { valid: false, reason: 'not-issued' } });
    });
  });
});
