import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { RESIDENT_NUMBER_PATTERN } from '../../common/privacy';

/**
 * The privacy scan (domain.md "Privacy and security"): after an end-to-end session, look through every file the
 * kiosk wrote — SQLite database and its -wal/-shm files, logs, exported outbox — for the resident numbers and
 * fingerprint templates that passed through it. Any finding is a leak. Findings name the file, the form and the
 * offset, and which of the given values matched by index — never the value itself, so a failing test does not
 * print personal data either.
 */
export type PersonalDataFinding = {
  readonly path: string;
  readonly kind: 'resident-number' | 'template' | 'resident-number-shape';
  /** How it was written: `hyphenated`, `digits`, `utf16le`, `raw`, `base64`, `hex`, `raw-fragment` … */
  readonly form: string;
  readonly offset: number;
  /** Index into the `residentNumbers` or `templates` argument (−1 for a shape match). */
  readonly index: number;
};

export type ScanOptions = {
  /** Also report anything shaped like a resident number (valid date, 7th digit 1–8), not only the given ones. */
  readonly anyResidentNumberShape?: boolean;
  /** Length of the template pieces searched on their own (a leaked data packet or log excerpt). */
  readonly fragmentBytes?: number;
};

type Needle = { readonly kind: PersonalDataFinding['kind']; readonly form: string; readonly index: number; readonly bytes: Buffer };

function residentNumberNeedles(numbers: readonly string[]): Needle[] {
  return numbers.flatMap((number, index) => {
    const digits = number.replace(/[^0-9]/g, '');
    if (digits.length !== 13) throw new Error(`scanForPersonalData: resident number #${index} is not 13 digits`);
    const hyphenated = `${digits.slice(0, 6)}-${digits.slice(6)}`;
    const forms: [string, Buffer][] = [
      ['hyphenated', Buffer.from(hyphenated, 'latin1')],
      ['digits', Buffer.from(digits, 'latin1')],
      ['spaced', Buffer.from(`${digits.slice(0, 6)} ${digits.slice(6)}`, 'latin1')],
      // The back seven digits alone are enough to identify someone with the birth date shown elsewhere.
      ['back-seven', Buffer.from(digits.slice(6), 'latin1')],
      ['utf16le-hyphenated', Buffer.from(hyphenated, 'utf16le')],
      ['utf16le-digits', Buffer.from(digits, 'utf16le')],
    ];
    return forms.map(([form, bytes]) => ({ kind: 'resident-number' as const, form, index, bytes }));
  });
}

function templateNeedles(templates: readonly Uint8Array[], fragmentBytes: number): Needle[] {
  return templates.flatMap((template, index) => {
    if (template.length < 16) throw new Error(`scanForPersonalData: template #${index} is too short to search for`);
    const raw = Buffer.from(template);
    const needles: Needle[] = [
      { kind: 'template', form: 'raw', index, bytes: raw },
      { kind: 'template', form: 'base64', index, bytes: Buffer.from(raw.toString('base64'), 'latin1') },
      { kind: 'template', form: 'base64url', index, bytes: Buffer.from(raw.toString('base64url'), 'latin1') },
      { kind: 'template', form: 'hex', index, bytes: Buffer.from(raw.toString('hex'), 'latin1') },
      { kind: 'template', form: 'HEX', index, bytes: Buffer.from(raw.toString('hex').toUpperCase(), 'latin1') },
    ];
    // Pieces: a data packet's payload written somewhere, or a log line holding part of the template.
    const step = fragmentBytes - (fragmentBytes % 3 === 0 ? 0 : fragmentBytes % 3);
    for (let at = 0; at + step <= raw.length; at += step) {
      const piece = raw.subarray(at, at + step);
      needles.push({ kind: 'template', form: `raw-fragment@${at}`, index, bytes: piece });
      // Aligned on 3 bytes, a piece's base64 is a substring of the whole template's base64.
      needles.push({ kind: 'template', form: `base64-fragment@${at}`, index, bytes: Buffer.from(piece.toString('base64').replace(/=+$/, ''), 'latin1') });
    }
    return needles;
  });
}

function filesUnder(paths: readonly string[]): string[] {
  const files: string[] = [];
  const visit = (entry: string) => {
    let stat;
    try {
      stat = statSync(entry);
    } catch {
      return; // listed but not written (e.g. no -wal file after a checkpoint)
    }
    if (stat.isDirectory()) {
      for (const name of readdirSync(entry).sort()) visit(path.join(entry, name));
    } else if (stat.isFile()) {
      files.push(entry);
    }
  };
  for (const entry of paths) visit(entry);
  return files;
}

export function scanForPersonalData(
  paths: readonly string[],
  residentNumbers: readonly string[],
  templates: readonly Uint8Array[],
  options: ScanOptions = {},
): PersonalDataFinding[] {
  const needles = [...residentNumberNeedles(residentNumbers), ...templateNeedles(templates, options.fragmentBytes ?? 24)];
  const findings: PersonalDataFinding[] = [];
  for (const file of filesUnder(paths)) {
    const content = readFileSync(file);
    for (const needle of needles) {
      const offset = content.indexOf(needle.bytes);
      if (offset >= 0) findings.push({ path: file, kind: needle.kind, form: needle.form, offset, index: needle.index });
    }
    if (options.anyResidentNumberShape) {
      const text = content.toString('latin1');
      for (const match of text.matchAll(new RegExp(RESIDENT_NUMBER_PATTERN.source, 'g'))) {
        findings.push({ path: file, kind: 'resident-number-shape', form: 'shape', offset: match.index, index: -1 });
      }
    }
  }
  return findings;
}

/** A one-line summary for assertion messages: files and forms, no values. */
export function describeFindings(findings: readonly PersonalDataFinding[]): string {
  return findings.map((f) => `${path.basename(f.path)}: ${f.kind} #${f.index} as ${f.form} at ${f.offset}`).join('; ');
}
