import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * poppler-utils and zbar-tools, run on the bytes a template produced (tests only: the kiosk itself never writes a
 * document to disk). A missing tool fails loudly with the Debian package to install, never skips.
 */
function run(tool: string, args: string[], debianPackage: string): string {
  try {
    return execFileSync(tool, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { status?: number; stderr?: string };
    if (failure.code === 'ENOENT') {
      throw new Error(`${tool} is not installed (Debian package ${debianPackage}; run ./scripts/setup.sh test)`);
    }
    throw new Error(`${tool} ${args.join(' ')} failed (${failure.status ?? '?'}): ${failure.stderr ?? failure.message}`);
  }
}

export type PdfWorkspace = {
  readonly dir: string;
  write(name: string, pdf: Uint8Array): string;
  dispose(): void;
};

export function pdfWorkspace(prefix = 'pdf-check-'): PdfWorkspace {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return {
    dir,
    write(name, pdf) {
      const file = path.join(dir, name);
      writeFileSync(file, pdf);
      return file;
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Text of the whole document, or of one page (1-based). */
export function pdfText(file: string, page?: number): string {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return run('pdftotext', [...range, '-enc', 'UTF-8', file, '-'], 'poppler-utils');
}

export type PdfFont = { name: string; type: string; embedded: boolean; subset: boolean; unicode: boolean };

export function pdfFonts(file: string): PdfFont[] {
  const lines = run('pdffonts', [file], 'poppler-utils').split('\n').slice(2).filter((line) => line.trim() !== '');
  return lines.map((line) => {
    const columns = line.trim().split(/\s+/);
    // name, type (may contain spaces), encoding, emb, sub, uni, object, id: read the flags from the end.
    const [emb, sub, uni] = columns.slice(-5, -2);
    return { name: columns[0] ?? '', type: columns.slice(1, -6).join(' '), embedded: emb === 'yes', subset: sub === 'yes', unicode: uni === 'yes' };
  });
}

export function pdfPageCount(file: string): number {
  const info = run('pdfinfo', [file], 'poppler-utils');
  const match = /^Pages:\s+(\d+)/m.exec(info);
  if (!match) throw new Error(`pdfinfo gave no page count for ${file}`);
  return Number(match[1]);
}

/** Rasterises one page to PNG and returns its path. */
export function pdfPagePng(file: string, page: number, dpi = 150): string {
  const outputPrefix = `${file}-p${page}-${dpi}`;
  run('pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file, outputPrefix], 'poppler-utils');
  return `${outputPrefix}.png`;
}

/** Every QR/bar code zbarimg finds in a PNG, as raw strings. */
export function decodeCodes(png: string): string[] {
  const output = run('zbarimg', ['-q', '--raw', png], 'zbar-tools');
  return output.split('\n').filter((line) => line.length > 0);
}

export function filesIn(dir: string): string[] {
  return readdirSync(dir);
}
