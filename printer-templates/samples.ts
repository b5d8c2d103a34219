import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DocumentCode } from '../catalog';
import { encodeReceipt } from '../devices/receipt-printer/encode';
import { PaperInterpreter, type PrintedReceipt } from '../devices/receipt-printer/paper';
import { paperImage } from '../devices/receipt-printer/paper-image';
import { EscPosParser } from '../devices/receipt-printer/parser';
import { renderCertificate, type CertificateRequest } from './certificate/render';
import { FIXTURE_META, fixtureOptions, fixtureResponse } from './fixtures/records';
import { SAMPLE_RECEIPTS } from './fixtures/receipts';
import { encodePng } from './receipt/png';

/**
 * Writes the sample images in docs/images: a few certificates rasterised with pdftoppm, and receipts as the
 * printer simulator decoded them from the ESC/POS bytes. Run: `npx tsx printer-templates/samples.ts [dir]`.
 */
const outDir = path.resolve(process.argv[2] ?? 'docs/images');
const DPI = 80;

const CERTIFICATES: { code: DocumentCode; file: string; request?: Partial<CertificateRequest>; pages?: number }[] = [
  { code: 'resident-copy', file: 'certificate-resident-copy-long-household', request: { response: fixtureResponse('resident-copy', 'long-household'), options: { includePastAddresses: true } }, pages: 3 },
  { code: 'family-relations', file: 'certificate-family-relations' },
  { code: 'real-estate-registry', file: 'certificate-real-estate-registry' },
  { code: 'local-tax-assessment', file: 'certificate-local-tax-assessment' },
  { code: 'building-general', file: 'certificate-building-general' },
];

function decode(bytes: Uint8Array): PrintedReceipt {
  const parser = new EscPosParser();
  const paper = new PaperInterpreter();
  for (const command of parser.push(bytes)) {
    const receipt = paper.apply(command);
    if (receipt) return receipt;
  }
  throw new Error('the receipt was not cut');
}

mkdirSync(outDir, { recursive: true });
const work = mkdtempSync(path.join(tmpdir(), 'samples-'));
try {
  for (const sample of CERTIFICATES) {
    const result = await renderCertificate({
      response: fixtureResponse(sample.code),
      documentCode: sample.code,
      options: fixtureOptions(sample.code),
      meta: FIXTURE_META,
      ...sample.request,
    });
    if (!result.ok) throw new Error(`${sample.code}: ${JSON.stringify(result.error)}`);
    const pdf = path.join(work, `${sample.file}.pdf`);
    writeFileSync(pdf, result.value.pdf);
    const pages = sample.pages ?? 1;
    for (let page = 1; page <= pages; page++) {
      const prefix = path.join(work, `${sample.file}-${page}`);
      execFileSync('pdftoppm', ['-png', '-r', String(DPI), '-f', String(page), '-l', String(page), '-singlefile', pdf, prefix]);
      const name = pages > 1 ? `${sample.file}-page${page}.png` : `${sample.file}.png`;
      renameSync(`${prefix}.png`, path.join(outDir, name));
      process.stdout.write(`wrote ${name}\n`);
    }
  }
  for (const [kind, make] of Object.entries(SAMPLE_RECEIPTS)) {
    const printed = decode(encodeReceipt(make(), { korean: 'native' }));
    const name = `receipt-${kind}.png`;
    writeFileSync(path.join(outDir, name), encodePng(paperImage(printed), 16));
    process.stdout.write(`wrote ${name}\n`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
