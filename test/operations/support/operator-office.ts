import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Heartbeat } from '../../../central-office/contract/api';
import { DEMO_KIOSKS, DEMO_OPERATOR } from '../../../central-office/demo';
import { startCentralOffice, type RunningCentralOffice } from '../../../central-office/start';
import type { Clock } from '../../../common/clock';
import { openDatabase, Outbox } from '../../../kiosk/store';
import { generateDays } from './generate';

/**
 * A central office with a month of the four demo kiosks' issuance logs (generated the way kiosks write them, then
 * ingested) and a heartbeat from each — one with a jammed A4 printer, one with a queue that has not drained, one low
 * on coins, one never heard from — for the operator page's tests and its screenshot.
 */
export type SeededOffice = { readonly running: RunningCentralOffice; readonly dir: string; close(): Promise<void> };

export const SEEDED_TODAY = '2026-11-25';

const healthy = (overrides: Partial<Heartbeat> = {}): Heartbeat => ({
  softwareVersion: '0.1.0',
  devices: {
    'bill-acceptor': { state: 'ok' },
    'coin-hoppers': { state: 'ok' },
    'receipt-printer': { state: 'ok' },
    'a4-printer': { state: 'ok' },
    fingerprint: { state: 'ok' },
    keypad: { state: 'ok' },
  },
  paper: { a4Sheets: 412, receiptLow: false },
  coins: { '500': 180, '100': 350 },
  cashBox: { notes: 57, total: 112_000 },
  queue: { depth: 0, oldestUnsentAgeSeconds: null },
  ...overrides,
});

export async function startSeededOffice(clock: Clock): Promise<SeededOffice> {
  const dir = mkdtempSync(path.join(tmpdir(), 'operator-office-'));
  const running = await startCentralOffice({
    storage: { kind: 'sqlite', file: path.join(dir, 'central.sqlite') },
    kiosks: DEMO_KIOSKS,
    operators: [DEMO_OPERATOR],
    port: 0,
    clock,
  });
  const volumes: [number, number][] = [
    [20, 45],
    [8, 25],
    [4, 14],
  ];
  for (const [index, kiosk] of DEMO_KIOSKS.slice(0, 3).entries()) {
    const opened = openDatabase(path.join(dir, `${kiosk.kioskId}.sqlite`));
    if (!opened.ok) throw new Error(opened.error.detail);
    const db = opened.value;
    generateDays(db, { kioskId: kiosk.kioskId, from: '2025-10-26', days: 31, seed: 100 + index, perDay: volumes[index] });
    generateDays(db, { kioskId: kiosk.kioskId, from: '2026-10-26', days: 31, seed: 200 + index, perDay: volumes[index] });
    if (index === 0) {
      // Last night's close at the hall came out 1,000 won short; the E-Mart's balanced.
      new Outbox(db, kiosk.kioskId, () => Date.parse(`${SEEDED_TODAY}T00:05:00+09:00`)).append('day.closed', {
        businessDate: '2026-11-24',
        issuances: 31,
        feesKept: 12_400,
        changePaid: 20_600,
        refundsOwed: 0,
        cashBox: 32_000,
        discrepancy: -1000,
      });
    }
    if (index === 2) {
      new Outbox(db, kiosk.kioskId, () => Date.parse(`${SEEDED_TODAY}T00:05:00+09:00`)).append('day.closed', {
        businessDate: '2026-11-24',
        issuances: 9,
        feesKept: 3_600,
        changePaid: 5_400,
        refundsOwed: 0,
        cashBox: 9_000,
        discrepancy: 0,
      });
    }
    const outbox = new Outbox(db, kiosk.kioskId, () => 0);
    const caller = { role: 'kiosk' as const, kioskId: kiosk.kioskId, name: kiosk.name, district: '금정구', keyId: kiosk.keyId };
    for (let rows = outbox.unacked(1000); rows.length > 0; rows = outbox.unacked(1000)) {
      await running.office.ingest(caller, rows.map((row) => outbox.toWire(row)));
      outbox.markAcked(rows.map((row) => row.eventId));
    }
    db.close();
  }
  const [hall, pnu, emart] = DEMO_KIOSKS;
  await running.office.heartbeat({ role: 'kiosk', kioskId: hall!.kioskId, name: hall!.name, district: '금정구', keyId: hall!.keyId }, healthy({
    devices: { ...healthy().devices, 'a4-printer': { state: 'fault', detail: 'media-jam (paper jam in the A4 printer)' } },
    paper: { a4Sheets: 38, receiptLow: false },
  }));
  await running.office.heartbeat({ role: 'kiosk', kioskId: pnu!.kioskId, name: pnu!.name, district: '금정구', keyId: pnu!.keyId }, healthy({
    queue: { depth: 42, oldestUnsentAgeSeconds: 3 * 3600 },
  }));
  await running.office.heartbeat({ role: 'kiosk', kioskId: emart!.kioskId, name: emart!.name, district: '금정구', keyId: emart!.keyId }, healthy({
    coins: { '500': 12, '100': 240 },
  }));
  return {
    running,
    dir,
    async close() {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
