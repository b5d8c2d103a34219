import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseVerificationQr, type DocumentVerification } from '../../central-office/contract/api';
import { demoResidents } from '../../central-office/demo';
import { capturedTemplate, enrolledTemplate } from '../../devices/fingerprint/synthetic-finger';
import { startIppEvePrinter, type IppEvePrinter } from '../support/ippeveprinter';
import { buildKioskBundle, type KioskBundle } from '../support/kiosk-bundle';
import { KioskCitizen } from '../support/kiosk-citizen';
import { startKioskProcess, type KioskProcess } from '../support/kiosk-process';
import { decodeCodes, pdfPagePng, pdfText } from '../support/pdf-tools';
import { describeFindings, scanForPersonalData } from '../support/privacy-scan';

/**
 * The whole issuance end to end (issue 7): the browser host in Debian Chromium, simulated devices except the A4
 * printer — a real `ippeveprinter` over IPP — the embedded central office and real SQLite files.
 *
 * This file checks what lies behind the screens — the real IPP printer's spool, the verification QR at the central
 * office, the issuance log exactly once, nothing personal on the kiosk's disk — so the browser drives only the first
 * screens and the rest goes through the same KioskApi commands the renderer sends (POST /api/command), with the
 * outside world played through the simulator-control endpoints (place the demo citizen's finger, insert a ₩1,000
 * note). The browser follows the session all along over the view stream, and is back on the attract screen at the
 * end. The same issuance done entirely in the browser is ui-issuance-touch.spec.ts (by touch) and
 * ui-issuance-keypad.spec.ts (by the accessible keypad, with voice guidance).
 */
test.describe.configure({ mode: 'serial', timeout: 180_000 });

const citizen = demoResidents().find((resident) => resident.role === 'demo-citizen');

let printer: IppEvePrinter;
let bundle: KioskBundle;
let kiosk: KioskProcess;
let dataDir: string;
let logFile: string;

test.beforeAll(async () => {
  printer = await startIppEvePrinter({ pageSeconds: 0.2 });
  bundle = await buildKioskBundle();
  dataDir = mkdtempSync(path.join(tmpdir(), 'kiosk-e2e-'));
  logFile = path.join(mkdtempSync(path.join(tmpdir(), 'kiosk-e2e-log-')), 'kiosk.log');
  appendFileSync(logFile, '');
  kiosk = await startKioskProcess({
    dataDir,
    entry: bundle.entry,
    logFile,
    // Debug logging: the privacy scan below must find nothing even in the most talkative log.
    env: { KIOSK_LOG_LEVEL: 'debug' },
    configure: (config) => {
      (config.devices as Record<string, unknown>).a4Printer = { driver: 'ipp', url: printer.uri };
    },
  });
});

test.afterAll(async () => {
  await kiosk?.stop();
  await printer?.stop();
  bundle?.dispose();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(path.dirname(logFile), { recursive: true, force: true });
});

test('a citizen gets a 주민등록표 등본, pays ₩1,000 and receives ₩800 in change', async ({ page }) => {
  if (!citizen) throw new Error('no demo citizen in the synthetic population');
  const person = new KioskCitizen(kiosk.url);

  // ---- the first screens in the browser ----
  await page.goto(kiosk.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('무인민원발급기');
  await page.getByRole('button', { name: '화면을 눌러 시작하세요' }).click();
  await page.getByRole('button', { name: '한국어' }).click();
  await page.locator('.tile', { hasText: '주민등록표 등본' }).click();
  await expect(page.getByRole('heading', { name: '주민등록표 등본' })).toBeVisible();
  await expect(page.getByText('수수료 1통 200원')).toBeVisible();

  // ---- the rest through the KioskApi and the simulated outside world ----
  await person.do({ type: 'confirmOptions' });
  await person.enterResidentNumber(citizen.residentNumber);
  const numberScreen = await person.view();
  expect(JSON.stringify(numberScreen)).not.toContain(citizen.residentNumber.slice(7));
  await person.placeFinger(citizen.residentNumber);
  await person.pay();
  const payment = await person.waitFor('the payment screen', (view) => view.screen === 'payment' && view.phase === 'insert');
  expect(payment).toMatchObject({ screen: 'payment', due: 200 });
  await person.insertNote(1000);
  const change = await person.waitFor('the change', (view) => view.screen === 'change' || view.screen === 'receipt' || view.screen === 'thank-you', 60_000);
  // The change screen counts the coins as they come out (`paid` of `amount`).
  if (change.screen === 'change') expect(change).toMatchObject({ amount: 800 });
  await person.waitForScreen('thank-you', 30_000);
  await person.do({ type: 'acknowledge' });
  // The browser followed the session over the view stream and is home again.
  await expect(page.getByRole('button', { name: '화면을 눌러 시작하세요' })).toBeVisible();

  // ---- the receipt, decoded by the receipt printer simulator ----
  const receipt = (await person.panel()).devices.find((device) => device.device === 'receipt-printer');
  const text = String(receipt?.state.lastReceipt ?? '');
  expect(receipt?.state.printed).toBe(1);
  expect(text).toContain('주민등록표 등본');
  expect(text).toMatch(/합계\s+200원/);
  expect(text).toMatch(/받은 금액\s+1,000원/);
  expect(text).toMatch(/거스름돈\s+800원/);

  // ---- the certificate in the real printer's spool ----
  const spooled = readdirSync(printer.spoolDir)
    .map((name) => path.join(printer.spoolDir, name))
    .filter((file) => statSync(file).isFile() && readFileSync(file).subarray(0, 5).toString('latin1') === '%PDF-');
  expect(spooled).toHaveLength(1);
  const pdf = spooled[0]!;
  const certificate = pdfText(pdf);
  expect(certificate).toContain('주민등록표 등본');
  const qr = decodeCodes(pdfPagePng(pdf, 1)).map(parseVerificationQr).find((decoded) => decoded !== null);
  expect(qr?.kioskId).toBe('GJ-HALL-01');
  if (!qr) throw new Error('no verification QR on page 1');
  expect(certificate).toContain(qr.verificationNumber);
  expect(certificate).toContain(qr.issuanceNumber);
  // The certificate carries the citizen's record, which must never reach the kiosk's disk (checked below).
  expect(certificate).toContain(citizen.name);

  // ---- the QR verifies at the central office once the issuance log has arrived ----
  const officeUrl = readFileSync(path.join(dataDir, 'central-office.url'), 'utf8').trim();
  await expect
    .poll(
      async () => {
        const answer = await fetch(`${officeUrl}/v1/documents/verify?${new URLSearchParams({ issuance: qr.issuanceNumber, code: qr.verificationNumber })}`);
        return (await answer.json()) as DocumentVerification;
      },
      { timeout: 20_000 },
    )
    .toMatchObject({ valid: true, issuanceNumber: qr.issuanceNumber, documentCode: 'resident-copy', kioskId: 'GJ-HALL-01', pages: 1, copies: 1 });

  // ---- privacy: nothing personal in the kiosk's files, its WAL, its log or its outbox, while it runs ----
  checkPrivacy();

  // ---- the issuance log at the central office: each event exactly once ----
  await kiosk.stop();
  const central = new Database(path.join(dataDir, 'central-office.sqlite'), { readonly: true });
  const local = new Database(path.join(dataDir, 'kiosk.sqlite'), { readonly: true });
  try {
    const events = central.prepare('SELECT event_id, type, payload FROM events ORDER BY seq').all() as { event_id: string; type: string; payload: string }[];
    const outbox = local.prepare('SELECT event_id, acked_at FROM outbox ORDER BY seq').all() as { event_id: string; acked_at: number | null }[];
    expect(outbox.every((row) => row.acked_at !== null)).toBe(true);
    expect(events.map((event) => event.event_id).sort()).toEqual(outbox.map((row) => row.event_id).sort());
    // The session's events (device health and the simulated hoppers' first fill belong to no session).
    const sessionEvents = events.filter((event) => !event.type.startsWith('device.') && event.type !== 'cash.hopper-refilled');
    const byType = (type: string) => sessionEvents.filter((event) => event.type === type).map((event) => JSON.parse(event.payload) as Record<string, unknown>);
    // ₩800 of change is two payouts: one ₩500 coin, then three ₩100 coins.
    expect(sessionEvents.map((event) => event.type).sort()).toEqual(['cash.change-paid', 'cash.change-paid', 'cash.fee-kept', 'cash.note-stacked', 'document.issued', 'session.completed']);
    expect(byType('document.issued')).toEqual([
      { documentCode: 'resident-copy', issuanceNumber: qr.issuanceNumber, verificationNumber: qr.verificationNumber, copies: 1, pages: 1, fee: 200, waivedBy: null },
    ]);
    expect(byType('cash.note-stacked')).toEqual([{ value: 1000 }]);
    expect(byType('cash.change-paid')).toMatchObject([{ amount: 500 }, { amount: 300 }]);
    expect(byType('cash.fee-kept')).toEqual([{ amount: 200 }]);
    expect(byType('session.completed')).toMatchObject([{ outcome: 'issued', money: { in: 1000, feesKept: 200, changePaid: 800, refundPaid: 0, refundOwed: 0 } }]);
  } finally {
    central.close();
    local.close();
  }

  // ---- privacy, once more after the kiosk closed its database (the WAL was checkpointed into the file) ----
  checkPrivacy();
});

/** No resident number, no template, no document content (the name and address on the certificate) in what the kiosk wrote. */
function checkPrivacy(): void {
  if (!citizen) throw new Error('no demo citizen');
  const fingerKey = citizen.residentNumber;
  const templates = [enrolledTemplate(fingerKey), capturedTemplate(fingerKey, 1), capturedTemplate(fingerKey, 2)];
  const scanned = [dataDir, logFile];
  const findings = scanForPersonalData(scanned, [citizen.residentNumber], templates);
  expect(findings, describeFindings(findings)).toEqual([]);
  const files = scanned.flatMap((entry) => (statSync(entry).isDirectory() ? readdirSync(entry).map((name) => path.join(entry, name)) : [entry]));
  expect(files.map((file) => path.basename(file))).toEqual(expect.arrayContaining(['kiosk.sqlite', 'kiosk.log']));
  expect(readFileSync(logFile, 'utf8')).toContain('"event":"identity.verify"');
  for (const file of files) {
    const bytes = readFileSync(file);
    expect(bytes.includes(Buffer.from(citizen.name)), `${path.basename(file)} holds the citizen's name`).toBe(false);
    expect(bytes.includes(Buffer.from(citizen.address)), `${path.basename(file)} holds the citizen's address`).toBe(false);
  }
}
