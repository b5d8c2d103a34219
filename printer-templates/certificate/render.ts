import PDFDocument from 'pdfkit';
import { documentOf, resolveOptions, type DocumentCode, type OptionProblem, type OptionValues } from '../../catalog';
import { RECORD_KIND_OF_FAMILY } from '../../catalog/records';
import { verificationQrText, type RecordResponse } from '../../central-office/contract/api';
import { err, ok, type Result } from '../../common/result';
import { typefaces } from '../fonts';
import { printedTime } from './dates';
import { FormWriter } from './form';
import { drawCertification, drawPageFrames, drawTitleBlock, type PageFrame } from './frame';
import { residentNumberPrinter } from './masking';
import { templateFor } from './registry';
import type { AnyCertificateTemplate, CertificateTemplate, RecordKind, RecordOfKind, TemplateContext } from './template';

/**
 * Renders one certificate to PDF bytes, in memory: the kiosk never writes a document to disk (domain.md,
 * "Privacy"). The same bytes go to the A4 printer once per copy.
 */
export type CertificateMeta = {
  readonly issuedAt: Date;
  readonly kioskId: string;
  /** The site name printed beside the kiosk id, e.g. 금정구청 민원실. */
  readonly kioskName: string;
};

export type CertificateRequest = {
  /** The central office's answer for this document (record, issuance and verification numbers). */
  readonly response: RecordResponse;
  readonly documentCode: DocumentCode;
  /** The citizen's choices; missing keys take the catalogue defaults. */
  readonly options: OptionValues;
  readonly meta: CertificateMeta;
};

export type RenderedCertificate = {
  readonly pdf: Uint8Array;
  readonly pages: number;
};

export type CertificateRenderError =
  | { readonly kind: 'record-mismatch'; readonly detail: string }
  | { readonly kind: 'invalid-options'; readonly problems: readonly OptionProblem[] }
  | { readonly kind: 'no-template'; readonly documentCode: DocumentCode };

type Doc = InstanceType<typeof PDFDocument>;

function drawBody<K extends RecordKind>(template: CertificateTemplate<K>, form: FormWriter, body: RecordOfKind<K>, context: TemplateContext): string {
  template.draw(form, body, context);
  return template.statement(body, context);
}

export async function renderCertificate(request: CertificateRequest): Promise<Result<RenderedCertificate, CertificateRenderError>> {
  const { response, documentCode, meta } = request;
  const document = documentOf(documentCode);
  const template: AnyCertificateTemplate | undefined = templateFor(documentCode);
  if (!template) return err({ kind: 'no-template', documentCode });
  const record = response.record;
  if (record.documentCode !== documentCode) {
    return err({ kind: 'record-mismatch', detail: `record is for ${record.documentCode}, not ${documentCode}` });
  }
  const expectedKind = RECORD_KIND_OF_FAMILY[document.family];
  if (record.body.kind !== expectedKind || template.recordKind !== expectedKind) {
    return err({ kind: 'record-mismatch', detail: `${documentCode} needs a ${expectedKind} record, got ${record.body.kind}` });
  }
  const resolved = resolveOptions(document, request.options);
  if (!resolved.ok) return err({ kind: 'invalid-options', problems: resolved.error });

  const masked = resolved.value.maskResidentNumbers !== false;
  const issued = printedTime(meta.issuedAt);
  const context: TemplateContext = {
    document,
    options: resolved.value,
    residentNumber: residentNumberPrinter(masked),
    residentNumbersMasked: masked,
    issued,
    authority: record.authority,
  };
  const frame: PageFrame = {
    title: document.name.ko,
    issuanceNumber: response.issuanceNumber,
    verificationNumber: response.verificationNumber,
    qrText: verificationQrText(response.issuanceNumber, response.verificationNumber, meta.kioskId),
    issued,
    kioskId: meta.kioskId,
    kioskName: meta.kioskName,
    authority: record.authority,
  };

  const fonts = typefaces();
  const doc: Doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    bufferPages: true,
    info: {
      Title: document.name.ko,
      Author: record.authority.name,
      Subject: `발급번호 ${response.issuanceNumber}`,
      Creator: 'kiosk-terminal',
      Producer: 'kiosk-terminal',
      CreationDate: meta.issuedAt,
    },
  });
  // pdfkit accepts a parsed fontkit font; its types only list file names and buffers. The default Helvetica is
  // never drawn with, so it is never embedded.
  doc.registerFont('regular', fonts.regular as unknown as string);
  doc.registerFont('bold', fonts.bold as unknown as string);
  doc.font('regular');
  const chunks: Uint8Array[] = [];
  doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });

  const form = new FormWriter(doc);
  drawTitleBlock(form, document.name.ko, template.subtitle?.(context) ?? null);
  // The registry pairs each template with its record kind (checked above), which the compiler cannot correlate.
  const statement = drawBody(template as CertificateTemplate<RecordKind>, form, record.body as RecordOfKind<RecordKind>, context);
  drawCertification(form, statement, frame);
  drawPageFrames(doc, frame);
  const pages = doc.bufferedPageRange().count;
  doc.end();
  await finished;
  return ok({ pdf: Buffer.concat(chunks), pages });
}
