import { err, ok, type Result } from '../../common/result';

/**
 * The last pages of a rendered certificate, in memory, for finishing a copy that stopped after page k (a jam or an
 * empty tray mid-copy, then the printer came back): pages k+1…N must come out, not the whole copy again, because
 * the pages already out are the citizen's and security paper is counted.
 *
 * Done as a PDF incremental update (ISO 32000-1 §7.5.6): the page tree's root is written again with only the kept
 * pages in `/Kids`, followed by a new cross-reference section and a trailer pointing back (`/Prev`) to the
 * original one. Nothing of the original is rewritten, the dropped pages become unreachable, and every page keeps
 * its content, numbers and QR code exactly as rendered. Works on the classic cross-reference tables pdfkit writes
 * (no object streams); anything else is refused rather than guessed.
 */
export type PdfPagesError = { readonly kind: 'unsupported-pdf' | 'page-out-of-range'; readonly detail: string };

type Ref = { readonly object: number; readonly generation: number };

const refPattern = /(\d+)\s+(\d+)\s+R/g;

function lastMatch(text: string, pattern: RegExp): RegExpExecArray | null {
  let found: RegExpExecArray | null = null;
  const global = new RegExp(pattern.source, 'g');
  for (let match = global.exec(text); match; match = global.exec(text)) found = match;
  return found;
}

/** Offsets of objects from the classic cross-reference table at `xrefOffset` (one section; pdfkit writes one). */
function crossReference(text: string, xrefOffset: number): Result<{ offsets: Map<number, number>; trailer: string }, PdfPagesError> {
  if (!text.startsWith('xref', xrefOffset)) return err({ kind: 'unsupported-pdf', detail: 'no classic cross-reference table at startxref' });
  const offsets = new Map<number, number>();
  const lines = text.slice(xrefOffset + 4, text.indexOf('trailer', xrefOffset)).split(/\r\n|\r|\n/).map((line) => line.trim()).filter(Boolean);
  let object = 0;
  for (const line of lines) {
    const section = /^(\d+)\s+(\d+)$/.exec(line);
    if (section) {
      object = Number(section[1]);
      continue;
    }
    const entry = /^(\d{10})\s+(\d{5})\s+([nf])$/.exec(line);
    if (!entry) return err({ kind: 'unsupported-pdf', detail: `unreadable cross-reference entry "${line}"` });
    if (entry[3] === 'n') offsets.set(object, Number(entry[1]));
    object++;
  }
  const trailerStart = text.indexOf('trailer', xrefOffset);
  const dictStart = text.indexOf('<<', trailerStart);
  const dictEnd = text.indexOf('startxref', dictStart);
  if (trailerStart < 0 || dictStart < 0 || dictEnd < 0) return err({ kind: 'unsupported-pdf', detail: 'no trailer' });
  const trailer = text.slice(dictStart, text.lastIndexOf('>>', dictEnd) + 2);
  return ok({ offsets, trailer });
}

function objectBody(text: string, offsets: Map<number, number>, ref: Ref): string | null {
  const at = offsets.get(ref.object);
  if (at === undefined) return null;
  const header = new RegExp(`^${ref.object}\\s+${ref.generation}\\s+obj`).exec(text.slice(at, at + 32));
  if (!header) return null;
  const end = text.indexOf('endobj', at);
  return end < 0 ? null : text.slice(at + header[0].length, end).trim();
}

function refAfter(dictionary: string, key: string): Ref | null {
  const match = new RegExp(`/${key}\\s+(\\d+)\\s+(\\d+)\\s+R`).exec(dictionary);
  return match ? { object: Number(match[1]), generation: Number(match[2]) } : null;
}

/** Pages `fromPage`…N of `pdf` (1-based), as a new PDF; `fromPage` 1 returns the document itself. */
export function pdfFromPage(pdf: Uint8Array, fromPage: number): Result<{ readonly pdf: Uint8Array; readonly pages: number }, PdfPagesError> {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const startxref = lastMatch(text, /startxref\s+(\d+)/);
  if (!startxref) return err({ kind: 'unsupported-pdf', detail: 'no startxref' });
  const xrefOffset = Number(startxref[1]);
  const table = crossReference(text, xrefOffset);
  if (!table.ok) return table;
  const { offsets, trailer } = table.value;
  const rootRef = refAfter(trailer, 'Root');
  const root = rootRef ? objectBody(text, offsets, rootRef) : null;
  const pagesRef = root ? refAfter(root, 'Pages') : null;
  const pagesTree = pagesRef ? objectBody(text, offsets, pagesRef) : null;
  if (!pagesRef || !pagesTree) return err({ kind: 'unsupported-pdf', detail: 'no page tree' });
  const kidsMatch = /\/Kids\s*\[([^\]]*)\]/.exec(pagesTree);
  if (!kidsMatch) return err({ kind: 'unsupported-pdf', detail: 'the page tree has no /Kids' });
  const kids = [...(kidsMatch[1] ?? '').matchAll(refPattern)].map((match) => `${match[1]} ${match[2]} R`);
  // A flat tree: every kid a page (pdfkit never nests). A nested tree would need its leaves counted.
  const count = /\/Count\s+(\d+)/.exec(pagesTree);
  if (!count || Number(count[1]) !== kids.length) return err({ kind: 'unsupported-pdf', detail: 'a nested page tree' });
  if (!Number.isInteger(fromPage) || fromPage < 1 || fromPage > kids.length) {
    return err({ kind: 'page-out-of-range', detail: `page ${fromPage} of a ${kids.length}-page document` });
  }
  if (fromPage === 1) return ok({ pdf, pages: kids.length });

  const kept = kids.slice(fromPage - 1);
  const tree = pagesTree.replace(/\/Kids\s*\[[^\]]*\]/, `/Kids [${kept.join(' ')}]`).replace(/\/Count\s+\d+/, `/Count ${kept.length}`);
  const separator = text.endsWith('\n') ? '' : '\n';
  const objectOffset = pdf.byteLength + separator.length;
  const object = `${pagesRef.object} ${pagesRef.generation} obj\n${tree}\nendobj\n`;
  const newXref = objectOffset + Buffer.byteLength(object, 'latin1');
  const entry = (offset: number, generation: number, kind: 'n' | 'f') => `${String(offset).padStart(10, '0')} ${String(generation).padStart(5, '0')} ${kind} \n`;
  const updatedTrailer = trailer.replace(/\/Prev\s+\d+\s*/, '').replace(/>>\s*$/, `/Prev ${xrefOffset}\n>>`);
  const update =
    separator +
    object +
    `xref\n0 1\n${entry(0, 65535, 'f')}${pagesRef.object} 1\n${entry(objectOffset, pagesRef.generation, 'n')}` +
    `trailer\n${updatedTrailer}\nstartxref\n${newXref}\n%%EOF\n`;
  const out = new Uint8Array(pdf.byteLength + Buffer.byteLength(update, 'latin1'));
  out.set(pdf, 0);
  out.set(Buffer.from(update, 'latin1'), pdf.byteLength);
  return ok({ pdf: out, pages: kept.length });
}
