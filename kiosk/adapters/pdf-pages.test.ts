import { renderCertificate } from '../../printer-templates';
import { fixtureNumbers, fixtureResponse } from '../../printer-templates/fixtures/records';
import { pdfPageCount, pdfText, pdfWorkspace } from '../../test/support/pdf-tools';
import { pdfFromPage } from './pdf-pages';

async function longHousehold(): Promise<{ pdf: Uint8Array; pages: number }> {
  const rendered = await renderCertificate({
    response: fixtureResponse('resident-copy', 'long-household'),
    documentCode: 'resident-copy',
    options: {},
    meta: { issuedAt: new Date('2026-11-25T01:00:00Z'), kioskId: 'GJ-HALL-01', kioskName: '금정구청 민원실' },
  });
  if (!rendered.ok) throw new Error(JSON.stringify(rendered.error));
  return rendered.value;
}

describe('the last pages of a rendered certificate', () => {
  const workspace = pdfWorkspace('pdf-pages-');
  afterAll(() => workspace.dispose());

  it('keeps pages k…N, each as rendered, and poppler reads the result', async () => {
    const whole = await longHousehold();
    expect(whole.pages).toBeGreaterThanOrEqual(2);
    const original = workspace.write('whole.pdf', whole.pdf);
    const lastPage = pdfText(original, whole.pages);

    const tail = pdfFromPage(whole.pdf, whole.pages);
    expect(tail.ok && tail.value.pages).toBe(1);
    if (!tail.ok) return;
    const file = workspace.write('tail.pdf', tail.value.pdf);
    expect(pdfPageCount(file)).toBe(1);
    expect(pdfText(file)).toBe(lastPage);
    expect(pdfText(file)).toContain(fixtureNumbers('resident-copy').verificationNumber);
    // An incremental update: the original bytes are untouched at the front.
    expect(Buffer.from(tail.value.pdf.subarray(0, whole.pdf.length)).equals(Buffer.from(whole.pdf))).toBe(true);
  });

  it('returns the document itself from page 1 and refuses pages it does not have', async () => {
    const whole = await longHousehold();
    const same = pdfFromPage(whole.pdf, 1);
    expect(same.ok && same.value.pdf).toBe(whole.pdf);
    expect(pdfFromPage(whole.pdf, whole.pages + 1)).toMatchObject({ ok: false, error: { kind: 'page-out-of-range' } });
    expect(pdfFromPage(whole.pdf, 0)).toMatchObject({ ok: false, error: { kind: 'page-out-of-range' } });
  });

  it('refuses what is not a PDF it understands', () => {
    expect(pdfFromPage(new TextEncoder().encode('%PDF-1.7\nnot really\n'), 2)).toMatchObject({ ok: false, error: { kind: 'unsupported-pdf' } });
  });
});
