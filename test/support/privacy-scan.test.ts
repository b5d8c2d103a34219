import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { capturedTemplate } from '../../devices/fingerprint/synthetic-finger';
import { describeFindings, scanForPersonalData } from './privacy-scan';

const NUMBER = '900101-1234568';
const TEMPLATE = capturedTemplate(NUMBER, 1);

describe('scanForPersonalData', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'privacy-scan-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('finds nothing in files that hold none of it', () => {
    writeFileSync(path.join(dir, 'kiosk.log'), '{"event":"identity.check.end","outcome":"verified","n":"900101-1******"}\n');
    const db = new Database(path.join(dir, 'kiosk.sqlite'));
    db.exec('CREATE TABLE outbox (payload TEXT)');
    db.prepare('INSERT INTO outbox VALUES (?)').run('{"type":"session.completed"}');
    db.close();
    expect(scanForPersonalData([dir], [NUMBER], [TEMPLATE])).toEqual([]);
  });

  it('finds a resident number in every form it might be written', () => {
    const forms = {
      'a.log': 'resident 900101-1234568 seen',
      'b.log': 'rrn=9001011234568',
      'c.log': 'back digits 1234568',
    };
    for (const [name, text] of Object.entries(forms)) writeFileSync(path.join(dir, name), text);
    writeFileSync(path.join(dir, 'd.bin'), Buffer.from('x900101-1234568x', 'utf16le'));
    const found = scanForPersonalData([dir], ['9001011234568'], []);
    const byFile = Object.fromEntries(found.map((f) => [path.basename(f.path), f.form]));
    expect(Object.keys(byFile).sort()).toEqual(['a.log', 'b.log', 'c.log', 'd.bin']);
    expect(found.every((f) => f.kind === 'resident-number' && f.index === 0)).toBe(true);
    expect(describeFindings(found)).not.toContain('1234568');
  });

  it('finds a template in a SQLite blob (WAL mode), as base64, hex and as a fragment', () => {
    mkdirSync(path.join(dir, 'data'));
    const db = new Database(path.join(dir, 'data', 'kiosk.sqlite'));
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (b BLOB)');
    db.prepare('INSERT INTO t VALUES (?)').run(Buffer.from(TEMPLATE));
    const walFindings = scanForPersonalData([dir], [], [TEMPLATE]);
    expect(walFindings.some((f) => f.form === 'raw')).toBe(true);
    db.close();
    writeFileSync(path.join(dir, 'b64.json'), JSON.stringify({ template: Buffer.from(TEMPLATE).toString('base64') }));
    writeFileSync(path.join(dir, 'hex.log'), Buffer.from(TEMPLATE).toString('hex'));
    writeFileSync(path.join(dir, 'packet.bin'), Buffer.from(TEMPLATE.subarray(128, 256)));
    const found = scanForPersonalData([dir], [], [TEMPLATE]);
    const files = new Set(found.map((f) => path.basename(f.path)));
    expect(files).toEqual(new Set(['kiosk.sqlite', 'b64.json', 'hex.log', 'packet.bin']));
    expect(found.find((f) => path.basename(f.path) === 'packet.bin')?.form).toMatch(/^raw-fragment@/);
  });

  it('can also flag anything shaped like a resident number', () => {
    writeFileSync(path.join(dir, 'x.log'), 'someone else: 850315-2345678');
    expect(scanForPersonalData([dir], [NUMBER], [])).toEqual([]);
    expect(scanForPersonalData([dir], [NUMBER], [], { anyResidentNumberShape: true })).toMatchObject([
      { kind: 'resident-number-shape', index: -1 },
    ]);
  });
});
