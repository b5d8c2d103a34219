import { DOCUMENTS, type DocumentCode, type OptionValues } from '../../catalog';
import { parseVerificationQr, type RecordResponse } from '../../central-office/contract/api';
import { demoProperties, demoResidents } from '../../central-office/demo';
import type { RunningCentralOffice } from '../../central-office/start';
import type { FakeClock } from '../../common/clock';
import type { CentralOfficeClient } from '../../kiosk/central-client/client';
import { renderCertificate } from '../../printer-templates/certificate/render';
import { decodeCodes, pdfPagePng, pdfWorkspace, type PdfWorkspace } from '../support/pdf-tools';
import { HALL, fingerOf, startTestOffice } from './support/office';
import { makeEvent } from './support/requests';
import { useStorage } from './support/storages';

/**
 * What a bank clerk does with the paper, for each of the 36 documents: the record comes from the central office's
 * records API (the synthetic population), the certificate is rendered as the kiosk prints it, the QR code is read
 * back from a rasterised page with zbarimg, and what it says is checked at the office's verification endpoint —
 * not issued until the kiosk reports the issuance, then valid, naming the document, the kiosk and the pages.
 * (The storage-independent parts run against both databases in records.test.ts; this one renders, so SQLite.)
 */
describe('every certificate verifies at the central office from its printed QR code', () => {
  const storage = useStorage('sqlite');
  let office: RunningCentralOffice;
  let clock: FakeClock;
  let hall: CentralOfficeClient;
  let workspace: PdfWorkspace;

  beforeAll(async () => {
    const started = await startTestOffice(await storage.fresh());
    office = started.running;
    clock = started.clock;
    hall = started.client(HALL);
    workspace = pdfWorkspace('verify-');
  });
  afterAll(async () => {
    workspace?.dispose();
    await office?.close();
  });

  /** One record per document: residents' documents with a verified identity, public records without. */
  async function recordsForEveryDocument(): Promise<Map<DocumentCode, { response: RecordResponse; options: OptionValues }>> {
    const records = new Map<DocumentCode, { response: RecordResponse; options: OptionValues }>();
    for (const person of demoResidents()) {
      const missing = person.documents.filter((code) => !records.has(code));
      if (missing.length === 0) continue;
      const verdict = await hall.verifyIdentity({ residentNumber: person.residentNumber, template: fingerOf(person.residentNumber), documentCodes: missing });
      if (!verdict.ok || !verdict.value.verified) throw new Error(`identity of ${person.role}: ${JSON.stringify(verdict)}`);
      for (const code of missing) {
        const options = person.options[code] ?? {};
        const answer = await hall.fetchRecord({ documentCode: code, options, token: verdict.value.token, copies: 1 });
        if (!answer.ok) throw new Error(`${code}: ${JSON.stringify(answer.error)}`);
        records.set(code, { response: answer.value, options });
      }
    }
    for (const property of demoProperties()) {
      for (const code of property.documents.filter((candidate) => !records.has(candidate))) {
        const answer = await hall.fetchRecord({ documentCode: code, options: property.options, copies: 1 });
        if (!answer.ok) throw new Error(`${code}: ${JSON.stringify(answer.error)}`);
        records.set(code, { response: answer.value, options: property.options });
      }
    }
    return records;
  }

  it('for all 36 documents', { timeout: 120_000 }, async () => {
    const records = await recordsForEveryDocument();
    expect([...records.keys()].sort()).toEqual(DOCUMENTS.map((document) => document.code).sort());

    let seq = 0;
    for (const [code, { response, options }] of records) {
      const issuedAt = clock.now();
      const rendered = await renderCertificate({ response, documentCode: code, options, meta: { issuedAt: new Date(issuedAt), kioskId: HALL.kioskId, kioskName: HALL.name } });
      if (!rendered.ok) throw new Error(`${code}: ${JSON.stringify(rendered.error)}`);
      const file = workspace.write(`${code}.pdf`, rendered.value.pdf);
      const scanned = decodeCodes(pdfPagePng(file, 1)).map(parseVerificationQr);
      expect(scanned, code).toEqual([{ issuanceNumber: response.issuanceNumber, verificationNumber: response.verificationNumber, kioskId: HALL.kioskId }]);
      const qr = scanned[0]!;

      // Reserved but not yet reported as issued: a verifier is told so.
      expect(await hall.verifyDocument(qr.issuanceNumber, qr.verificationNumber), code).toEqual({ ok: true, value: { valid: false, reason: 'not-issued' } });
      const sent = await hall.sendEvents([
        makeEvent(HALL.kioskId, ++seq, issuedAt, {
          type: 'document.issued',
          payload: { documentCode: code, issuanceNumber: qr.issuanceNumber, verificationNumber: qr.verificationNumber, copies: 1, pages: rendered.value.pages, fee: 0, waivedBy: null },
        }),
      ]);
      expect(sent.ok, code).toBe(true);
      expect(await hall.verifyDocument(qr.issuanceNumber, qr.verificationNumber), code).toMatchObject({
        ok: true,
        value: { valid: true, issuanceNumber: qr.issuanceNumber, documentCode: code, kioskId: HALL.kioskId, pages: rendered.value.pages, copies: 1 },
      });
    }
  });
});
