import { documentOf, type DocumentCode } from '../../catalog';
import { parseVerificationQr, verificationQrText } from '../../central-office/contract/api';
import { decodeCodes, pdfFonts, pdfPageCount, pdfPagePng, pdfText, pdfWorkspace, type PdfWorkspace } from '../../test/support/pdf-tools';
import { ALL_DOCUMENT_CODES, APPLICANT, FIXTURE_META, fixtureNames, fixtureOptions, fixtureResponse } from '../fixtures/records';
import { renderCertificate, type CertificateRequest, type RenderedCertificate } from './render';

/**
 * Every document of the catalogue, rendered from synthetic records, read back with the tools a verifier has:
 * pdftotext finds the title, the names and the numbers; zbarimg decodes the QR from a rasterised page; pdffonts
 * shows only embedded subset fonts.
 */
let workspace: PdfWorkspace;
beforeAll(() => {
  workspace = pdfWorkspace('certificates-');
});
afterAll(() => workspace.dispose());

function request(code: DocumentCode, overrides: Partial<CertificateRequest> = {}): CertificateRequest {
  return { response: fixtureResponse(code), documentCode: code, options: fixtureOptions(code), meta: FIXTURE_META, ...overrides };
}

async function rendered(req: CertificateRequest): Promise<RenderedCertificate> {
  const result = await renderCertificate(req);
  if (!result.ok) throw new Error(`render failed: ${JSON.stringify(result.error)}`);
  return result.value;
}

/** pdftotext puts each drawn string on its own line; spacing inside a string survives, so compare without it. */
const squeeze = (text: string) => text.replace(/\s+/g, '');

describe('all 36 certificates render from synthetic records', () => {
  it('covers the whole catalogue', () => {
    expect(ALL_DOCUMENT_CODES).toHaveLength(36);
  });

  it.each(ALL_DOCUMENT_CODES)('%s: title, names, numbers, QR and embedded subset fonts', async (code) => {
    const response = fixtureResponse(code);
    const certificate = await rendered(request(code));
    const file = workspace.write(`${code}.pdf`, certificate.pdf);
    expect(pdfPageCount(file)).toBe(certificate.pages);

    const text = pdfText(file);
    expect(squeeze(text)).toContain(squeeze(documentOf(code).name.ko));
    for (const name of fixtureNames(code)) expect(squeeze(text)).toContain(squeeze(name));
    expect(text.split(response.verificationNumber).length - 1).toBe(certificate.pages);
    expect(text).toContain(response.issuanceNumber);
    expect(text).toContain(FIXTURE_META.kioskId);
    expect(squeeze(text)).toContain(squeeze('무인민원발급기에서 발급되었습니다'));
    expect(squeeze(text)).toContain(squeeze(response.record.authority.name));

    const codes = decodeCodes(pdfPagePng(file, 1));
    expect(codes).toEqual([verificationQrText(response.issuanceNumber, response.verificationNumber, FIXTURE_META.kioskId)]);
    expect(parseVerificationQr(codes[0] ?? '')).toEqual({
      issuanceNumber: response.issuanceNumber,
      verificationNumber: response.verificationNumber,
      kioskId: FIXTURE_META.kioskId,
    });

    const fonts = pdfFonts(file);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      expect(font).toMatchObject({ embedded: true, subset: true, unicode: true });
      expect(font.name).toMatch(/^[A-Z]{6}\+PretendardGOV-(Regular|Bold)$/);
    }
  });
});

describe('a household long enough for three pages', () => {
  it('breaks pages automatically and frames every page', async () => {
    const response = fixtureResponse('resident-copy', 'long-household');
    const certificate = await rendered(
      request('resident-copy', { response, options: { includePastAddresses: true, includeCohabitants: true } }),
    );
    expect(certificate.pages).toBe(3);
    const file = workspace.write('long-household.pdf', certificate.pdf);
    const body = response.record.body;
    if (body.kind !== 'resident-registration') throw new Error('fixture is not a resident registration');
    const allText = squeeze(pdfText(file));
    for (const member of body.members) expect(allText).toContain(squeeze(member.person.name));
    for (let page = 1; page <= 3; page++) {
      const text = pdfText(file, page);
      expect(squeeze(text)).toContain(`${page}/3`);
      expect(text).toContain(response.verificationNumber);
      if (page > 1) expect(squeeze(text)).toContain(squeeze('주민등록표 등본 (계속)'));
      expect(decodeCodes(pdfPagePng(file, page))).toEqual([
        verificationQrText(response.issuanceNumber, response.verificationNumber, FIXTURE_META.kioskId),
      ]);
    }
    // The certification closes the last page only.
    expect(squeeze(pdfText(file, 3))).toContain(squeeze('원본내용과 틀림없음을 증명합니다'));
    expect(squeeze(pdfText(file, 1))).not.toContain(squeeze('원본내용과 틀림없음을 증명합니다'));
  });
});

describe('resident numbers as the citizen chose', () => {
  it('masks the back digits by default', async () => {
    const file = workspace.write('masked.pdf', (await rendered(request('resident-abstract'))).pdf);
    const text = pdfText(file);
    expect(text).toContain('850315-1******');
    expect(text).not.toContain(APPLICANT.residentNumber);
  });

  it('prints them in full when asked', async () => {
    const file = workspace.write('full.pdf', (await rendered(request('resident-abstract', { options: { maskResidentNumbers: false } }))).pdf);
    const text = pdfText(file);
    expect(text).toContain(APPLICANT.residentNumber);
    expect(text).not.toContain('850315-1******');
  });
});

describe('options shape the paper', () => {
  it('leaves cohabitants out of a 등본 when asked', async () => {
    const withThem = pdfText(workspace.write('with.pdf', (await rendered(request('resident-copy'))).pdf));
    const without = pdfText(
      workspace.write('without.pdf', (await rendered(request('resident-copy', { options: { includeCohabitants: false } }))).pdf),
    );
    expect(withThem).toContain('최지우');
    expect(without).not.toContain('최지우');
    expect(without).toContain('김하준');
  });

  it('filters a tax certificate to the chosen year and prints the won sign', async () => {
    const text = pdfText(workspace.write('tax.pdf', (await rendered(request('local-tax-assessment', { options: { taxYear: 2024 } }))).pdf));
    expect(text).toContain('₩412,300');
    expect(text).not.toContain('₩428,900');
  });

  it('shows only the chosen unit of a collective building', async () => {
    const options = { ...fixtureOptions('building-collective'), part: 'exclusive', unit: '102동 301호' };
    const text = squeeze(pdfText(workspace.write('unit.pdf', (await rendered(request('building-collective', { options }))).pdf)));
    expect(text).toContain(squeeze('102동 301호'));
    expect(text).not.toContain(squeeze('101동 1204호'));
  });
});

describe('refusals are values', () => {
  it('refuses a record of another document', async () => {
    const result = await renderCertificate(request('basic', { response: fixtureResponse('resident-copy') }));
    expect(result).toMatchObject({ ok: false, error: { kind: 'record-mismatch' } });
  });

  it('refuses options the catalogue does not allow', async () => {
    const result = await renderCertificate(request('resident-copy', { options: { maskResidentNumbers: 'yes' } }));
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-options', problems: [{ key: 'maskResidentNumbers', problem: 'wrong-type' }] } });
  });
});

describe('names in Hanja', () => {
  it('prints the Hanja the typeface has and leaves out what it cannot draw', async () => {
    const response = fixtureResponse('family-relations');
    const body = response.record.body;
    if (body.kind !== 'family-relation') throw new Error('fixture is not a family relation');
    const unprintable = { ...response, record: { ...response.record, body: { ...body, subject: { ...body.subject, nameHanja: '丂丂丂' } } } };
    const text = pdfText(workspace.write('hanja.pdf', (await rendered(request('family-relations', { response: unprintable }))).pdf));
    expect(text).not.toContain('丂');
    expect(text).toContain('김민준');
    expect(text).toContain('김영수(金英洙)');
  });
});
