import { z } from 'zod';
import { findDocument } from '../../catalog';
import type { LocalizedText } from '../../catalog/types';

/**
 * The operators' report (docs/operator-guide.md): issuances per day, month or year, per document type and per kiosk
 * — the tables of the 2005 Geumjeong-gu district report are the model: counts by type, this year against last year —
 * with fees collected, change paid, refunds owed and claimed, paper used and device downtime. Claims (vouchers paid at
 * an office counter) are known only to the central office: the kiosk's report says so with `null`.
 *
 * Both ends build it the same way from the same issuance-log events: the kiosk from its own outbox (`kiosk report`
 * without a central office), the central office across kiosks (the operator page, `GET /v1/operator/report`). A
 * source answers a few aggregate questions; `buildOperationsReport` does the rest, so the two cannot disagree.
 */

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
export const OperationsPeriod = z.enum(['daily', 'monthly', 'yearly']);
export type OperationsPeriod = z.infer<typeof OperationsPeriod>;

export const OperationsReportQuery = z.object({
  period: OperationsPeriod,
  /** Any local date inside the period (default: today). */
  date: localDate.optional(),
  kiosk: z.string().min(1).optional(),
});
export type OperationsReportQuery = z.infer<typeof OperationsReportQuery>;

const count = z.number().int().nonnegative();
const won = z.number().int().nonnegative();
const text = z.object({ ko: z.string(), en: z.string() });

const ReportWindowSchema = z.object({ label: z.string(), from: localDate, to: localDate });

export const OperationsReport = z.object({
  source: z.enum(['kiosk', 'central-office']),
  period: OperationsPeriod,
  window: ReportWindowSchema,
  /** The same period a year earlier: the district report's "2004년" row. */
  lastYear: ReportWindowSchema,
  timeZone: z.string(),
  generatedAt: z.string(),
  kioskIds: z.array(z.string()),
  /** Per document type, in catalogue order (the report's columns): this period against the same period last year. */
  documents: z.array(
    z.object({
      documentCode: z.string(),
      name: text,
      issuances: count,
      copies: count,
      pages: count,
      fees: won,
      lastYearIssuances: count,
    }),
  ),
  kiosks: z.array(z.object({ kioskId: z.string(), issuances: count, copies: count, fees: won, lastYearIssuances: count })),
  /** Issuances per day (daily and monthly reports) or per month (yearly), every bucket present, zeros included. */
  series: z.array(z.object({ bucket: z.string(), issuances: count, fees: won })),
  totals: z.object({ issuances: count, copies: count, pages: count, fees: won, lastYearIssuances: count }),
  money: z.object({
    notesIn: won,
    feesKept: won,
    changePaid: won,
    refundsPaidInCoins: won,
    refundsOwed: won,
    /**
     * Refund vouchers paid at an office counter in the window (by the day of the claim): amount and number. Claims
     * are recorded by the central office, never by the kiosk, so a kiosk's own report has `null` here — not known
     * there, rather than a false 0. (An office older than the claims sends no `vouchersClaimed`: read as unknown.)
     */
    refundsClaimed: won.nullable(),
    vouchersClaimed: count.nullable().default(null),
  }),
  paper: z.object({
    /** Sheets of security paper in issued documents, and sheets printed for documents that then failed. */
    a4SheetsIssued: count,
    a4SheetsSpoiled: count,
    documentsFailed: count,
    a4SheetsLoaded: count,
    receiptRollsLoaded: count,
  }),
  downtime: z.array(
    z.object({
      kioskId: z.string(),
      device: z.string(),
      faults: count,
      downtimeMinutes: count,
      /** Still down at the end of the window (or now). */
      down: z.boolean(),
      lastCode: z.string().nullable(),
    }),
  ),
});
export type OperationsReport = z.infer<typeof OperationsReport>;

// ------------------------------------------------------------------------------------------------ windows

export type ReportWindow = z.infer<typeof ReportWindowSchema>;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number) => String(n).padStart(2, '0');

export function reportWindow(period: OperationsPeriod, date: string): ReportWindow {
  const [y, m] = date.split('-').map(Number) as [number, number, number];
  switch (period) {
    case 'daily':
      return { label: date, from: date, to: date };
    case 'monthly':
      return { label: `${y}-${pad(m)}`, from: `${y}-${pad(m)}-01`, to: `${y}-${pad(m)}-${pad(daysInMonth(y, m))}` };
    case 'yearly':
      return { label: String(y), from: `${y}-01-01`, to: `${y}-12-31` };
  }
}

/** The same period one year earlier; 29 February falls back to the 28th. */
export function lastYearWindow(period: OperationsPeriod, date: string): ReportWindow {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = Math.min(d, daysInMonth(y - 1, m));
  return reportWindow(period, `${y - 1}-${pad(m)}-${pad(day)}`);
}

/** Every bucket of the window's series: days for daily and monthly reports, months for yearly ones. */
export function seriesBuckets(period: OperationsPeriod, window: ReportWindow): string[] {
  if (period === 'yearly') return Array.from({ length: 12 }, (_, i) => `${window.label}-${pad(i + 1)}`);
  const buckets: string[] = [];
  for (let day = window.from; day <= window.to; day = addDays(day, 1)) buckets.push(day);
  return buckets;
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

// ------------------------------------------------------------------------------------------------ sources

/** Local dates, inclusive; times are epoch milliseconds. */
export type DateRange = { readonly from: string; readonly to: string };

/**
 * How far before a window a source looks for the fault that may have taken a device down: a device that failed
 * longer ago than this and never recovered is not counted as down (say so in the guide; it is a month).
 */
export const DOWNTIME_LOOKBACK_MS = 31 * 24 * 3600_000;

export type IssuanceAggregate = {
  /** Local date (`day`) or month (`month`). */
  readonly bucket: string;
  readonly kioskId: string;
  readonly documentCode: string;
  readonly issuances: number;
  readonly copies: number;
  readonly pages: number;
  readonly fees: number;
};

export type MoneyAggregate = {
  readonly notesIn: number;
  readonly feesKept: number;
  readonly changePaid: number;
  readonly refundsPaidInCoins: number;
  readonly refundsOwed: number;
  /** Vouchers paid at the office, amount and number; null where the source cannot know (the kiosk). */
  readonly refundsClaimed: number | null;
  readonly vouchersClaimed: number | null;
};

export type PaperAggregate = {
  readonly a4SheetsIssued: number;
  readonly a4SheetsSpoiled: number;
  readonly documentsFailed: number;
  readonly a4SheetsLoaded: number;
  readonly receiptRollsLoaded: number;
};

export type DeviceEvent = {
  readonly kioskId: string;
  readonly device: string;
  readonly type: 'fault' | 'recovered';
  readonly code: string | null;
  readonly at: number;
};

/** What the kiosk's outbox and the central office's event table can both answer. */
export interface OperationsSource {
  readonly kind: 'kiosk' | 'central-office';
  readonly timeZone: string;
  issuances(range: DateRange, bucket: 'day' | 'month', kiosk: string | undefined): Promise<IssuanceAggregate[]>;
  money(range: DateRange, kiosk: string | undefined): Promise<MoneyAggregate>;
  paper(range: DateRange, kiosk: string | undefined): Promise<PaperAggregate>;
  /**
   * Device faults and recoveries before `to`, from far enough back to know which devices were already down at
   * `from` (at least the last event of each device before `from`), oldest first.
   */
  deviceEvents(from: number, to: number, kiosk: string | undefined): Promise<DeviceEvent[]>;
  /** Kiosks in scope (the kiosk itself, or every kiosk the office knows). */
  kioskIds(kiosk: string | undefined): Promise<string[]>;
  /** Epoch milliseconds of a local date's midnight in the source's time zone. */
  startOfDay(date: string): number;
}

// ------------------------------------------------------------------------------------------------ building

export function documentName(code: string): LocalizedText {
  return findDocument(code)?.name ?? { ko: code, en: code };
}

function catalogOrder(code: string): number {
  return findDocument(code)?.no ?? 1000;
}

export async function buildOperationsReport(
  source: OperationsSource,
  query: { readonly period: OperationsPeriod; readonly date: string; readonly kiosk?: string | undefined },
  now: number,
): Promise<OperationsReport> {
  const window = reportWindow(query.period, query.date);
  const lastYear = lastYearWindow(query.period, query.date);
  const bucket = query.period === 'yearly' ? 'month' : 'day';
  const [current, previous, money, paper, kioskIds] = await Promise.all([
    source.issuances(window, bucket, query.kiosk),
    source.issuances(lastYear, bucket, query.kiosk),
    source.money(window, query.kiosk),
    source.paper(window, query.kiosk),
    source.kioskIds(query.kiosk),
  ]);
  const windowStart = source.startOfDay(window.from);
  const windowEnd = Math.min(now, source.startOfDay(addDays(window.to, 1)));
  const events = windowEnd > windowStart ? await source.deviceEvents(windowStart, windowEnd, query.kiosk) : [];

  const documents = new Map<string, OperationsReport['documents'][number]>();
  const documentRow = (code: string) => {
    let row = documents.get(code);
    if (!row) {
      row = { documentCode: code, name: documentName(code), issuances: 0, copies: 0, pages: 0, fees: 0, lastYearIssuances: 0 };
      documents.set(code, row);
    }
    return row;
  };
  const kiosks = new Map<string, OperationsReport['kiosks'][number]>();
  const kioskRow = (kioskId: string) => {
    let row = kiosks.get(kioskId);
    if (!row) {
      row = { kioskId, issuances: 0, copies: 0, fees: 0, lastYearIssuances: 0 };
      kiosks.set(kioskId, row);
    }
    return row;
  };
  for (const id of kioskIds) kioskRow(id);
  const series = new Map(seriesBuckets(query.period, window).map((b) => [b, { bucket: b, issuances: 0, fees: 0 }]));
  for (const row of current) {
    const document = documentRow(row.documentCode);
    document.issuances += row.issuances;
    document.copies += row.copies;
    document.pages += row.pages;
    document.fees += row.fees;
    const kiosk = kioskRow(row.kioskId);
    kiosk.issuances += row.issuances;
    kiosk.copies += row.copies;
    kiosk.fees += row.fees;
    const point = series.get(row.bucket);
    if (point) {
      point.issuances += row.issuances;
      point.fees += row.fees;
    }
  }
  for (const row of previous) {
    documentRow(row.documentCode).lastYearIssuances += row.issuances;
    kioskRow(row.kioskId).lastYearIssuances += row.issuances;
  }
  const documentRows = [...documents.values()].sort((a, b) => catalogOrder(a.documentCode) - catalogOrder(b.documentCode) || a.documentCode.localeCompare(b.documentCode));
  const sum = (pick: (row: OperationsReport['documents'][number]) => number) => documentRows.reduce((total, row) => total + pick(row), 0);
  return {
    source: source.kind,
    period: query.period,
    window,
    lastYear,
    timeZone: source.timeZone,
    generatedAt: new Date(now).toISOString(),
    kioskIds: [...kiosks.keys()].sort(),
    documents: documentRows,
    kiosks: [...kiosks.values()].sort((a, b) => a.kioskId.localeCompare(b.kioskId)),
    series: [...series.values()],
    totals: {
      issuances: sum((r) => r.issuances),
      copies: sum((r) => r.copies),
      pages: sum((r) => r.pages),
      fees: sum((r) => r.fees),
      lastYearIssuances: sum((r) => r.lastYearIssuances),
    },
    money,
    paper,
    downtime: downtimeOf(events, windowStart, windowEnd),
  };
}

/**
 * Minutes each device was down inside [from, to): from a fault to the next recovery of the same device (later faults
 * while down extend nothing — the device was already down), clipped to the window; a device still down at the end is
 * counted to the end and marked `down`. Faults counted are those inside the window.
 */
export function downtimeOf(events: readonly DeviceEvent[], from: number, to: number): OperationsReport['downtime'] {
  type Track = { kioskId: string; device: string; downSince: number | null; downMs: number; faults: number; lastCode: string | null };
  const tracks = new Map<string, Track>();
  const ordered = [...events].sort((a, b) => a.at - b.at);
  for (const event of ordered) {
    if (event.at >= to) break;
    const key = `${event.kioskId}\u0000${event.device}`;
    let track = tracks.get(key);
    if (!track) {
      track = { kioskId: event.kioskId, device: event.device, downSince: null, downMs: 0, faults: 0, lastCode: null };
      tracks.set(key, track);
    }
    if (event.type === 'fault') {
      if (event.at >= from) track.faults += 1;
      track.lastCode = event.code;
      if (track.downSince === null) track.downSince = event.at;
    } else if (track.downSince !== null) {
      const start = Math.max(track.downSince, from);
      if (event.at > start) track.downMs += event.at - start;
      track.downSince = null;
    }
  }
  const rows: OperationsReport['downtime'] = [];
  for (const track of tracks.values()) {
    const down = track.downSince !== null;
    if (down) track.downMs += to - Math.max(track.downSince ?? to, from);
    if (track.faults === 0 && track.downMs === 0) continue;
    rows.push({ kioskId: track.kioskId, device: track.device, faults: track.faults, downtimeMinutes: Math.round(track.downMs / 60_000), down, lastCode: track.lastCode });
  }
  return rows.sort((a, b) => a.kioskId.localeCompare(b.kioskId) || a.device.localeCompare(b.device));
}
