import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { demoResidents } from '../../central-office/demo';
import { createLogger } from '../../common/log';
import { containsResidentNumber } from '../../common/privacy';
import { capturedTemplate } from '../../devices/fingerprint/synthetic-finger';
import { parseConfig, type KioskConfig } from '../../kiosk/config';
import { connectCentralOffice, EMBEDDED_URL_FILE } from '../../kiosk/central-client/connect';
import { DATABASE_FILE, Outbox, openDatabase } from '../../kiosk/store';
import { SyncClient } from '../../kiosk/sync/sync-client';
import { systemClock } from '../../common/clock';
import demo from '../../kiosk/config/demo.json';

/**
 * The kiosk keeps no resident number, fingerprint or document content at rest (domain.md, Privacy): after a
 * citizen is verified, records are fetched and the issuance log is shipped through the embedded central office,
 * no file in the kiosk's data folder and no log line holds a resident number or the template.
 */
describe('the kiosk side of the central office keeps nothing personal', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'kiosk-privacy-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('after identity, records and sync, no file and no log line holds a resident number or a template', async () => {
    const parsed = parseConfig({ ...demo, dataDir });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    const config: KioskConfig = parsed.value;
    const lines: string[] = [];
    const logger = createLogger({ level: 'debug', destination: { write: (line: string) => lines.push(line) } });

    const connected = await connectCentralOffice(config, { logger });
    if (!connected.ok) throw new Error(connected.error);
    const { client } = connected.value;
    expect(existsSync(path.join(dataDir, EMBEDDED_URL_FILE))).toBe(true);

    const citizen = demoResidents().find((resident) => resident.role === 'boarding-house-head')!;
    const template = Buffer.from(capturedTemplate(citizen.residentNumber, 7)).toString('base64');
    const verdict = await client.verifyIdentity({ residentNumber: citizen.residentNumber, template, documentCodes: ['resident-copy'] });
    if (!verdict.ok || !verdict.value.verified) throw new Error(JSON.stringify(verdict));
    const record = await client.fetchRecord({ documentCode: 'resident-copy', options: { includePastAddresses: true }, token: verdict.value.token, copies: 1 });
    if (!record.ok) throw new Error(JSON.stringify(record.error));
    expect(JSON.stringify(record.value.record)).toContain(citizen.residentNumber);

    const opened = openDatabase(path.join(dataDir, DATABASE_FILE));
    if (!opened.ok) throw new Error(opened.error.detail);
    const outbox = new Outbox(opened.value, config.kioskId, () => Date.now());
    outbox.append('document.issued', {
      documentCode: 'resident-copy',
      issuanceNumber: record.value.issuanceNumber,
      verificationNumber: record.value.verificationNumber,
      copies: 1,
      pages: 3,
      fee: 200,
      waivedBy: null,
    });
    const drained = await new SyncClient({ db: opened.value, outbox, sender: client, clock: systemClock, logger }).drain();
    expect(drained.ok).toBe(true);
    expect(await client.verifyDocument(record.value.issuanceNumber, record.value.verificationNumber)).toMatchObject({ ok: true, value: { valid: true, pages: 3 } });
    opened.value.close();
    await connected.value.close();
    logger.flush();
    expect(existsSync(path.join(dataDir, EMBEDDED_URL_FILE))).toBe(false);

    const files = readdirSync(dataDir);
    expect(files).toContain(DATABASE_FILE);
    for (const file of files) {
      const text = readFileSync(path.join(dataDir, file)).toString('latin1');
      expect(containsResidentNumber(text), `${file} holds a resident number`).toBe(false);
      expect(text.includes(template.slice(0, 40)), `${file} holds the template`).toBe(false);
    }
    const log = lines.join('');
    expect(log).toContain('central-client.request');
    expect(containsResidentNumber(log)).toBe(false);
    expect(log).not.toContain(template.slice(0, 40));
    expect(log).not.toContain(citizen.name);
  });
});
