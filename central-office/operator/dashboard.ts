import { localTime } from '../../catalog/availability';
import type { Heartbeat, KioskStatus } from '../contract/api';
import { addDays, buildOperationsReport, type OperationsReport } from '../contract/operations-report';
import type { CentralOffice } from '../office';
import { CENTRAL_TIME_ZONE, CentralOperationsSource } from './central-source';

/**
 * What the operator page shows, gathered in one place (the HTML is page.ts): today's counts per kiosk, issuances per
 * day over the last weeks and per document type this month, kiosks that need someone (a device fault, a queue that
 * does not drain, a kiosk gone silent, events missing), and paper, coin and cash-box levels from the heartbeats.
 */
export const CHART_DAYS = 30;
/** A kiosk's oldest unsent event older than this: its link to the office is not working. */
export const STALE_QUEUE_SECONDS = 15 * 60;
/** Heartbeats come every minute; three missed ones mean the kiosk (or its network) is down. */
export const SILENT_AFTER_MS = 3 * 60_000;
/** A4 sheets at or below this: send someone with paper (the printers' low mark is 50). */
export const LOW_PAPER_SHEETS = 50;
/** Coins at or below this in a hopper: send someone with coins. */
export const LOW_COINS = 20;

/** Device states a heartbeat may report that need nobody (the service mode's words, and the drivers'). */
const HEALTHY_STATES = new Set(['ok', 'ready', 'idle', 'disabled', 'connected', 'absent', 'none']);
const WARNING_STATES = new Set(['warning', 'low', 'near-end']);

export type Attention = {
  readonly kioskId: string;
  readonly kind:
    | 'cash-discrepancy'
    | 'device-fault'
    | 'device-warning'
    | 'stale-queue'
    | 'silent'
    | 'never-heard'
    | 'sequence-gap'
    | 'low-paper'
    | 'low-coins'
    | 'receipt-paper-low';
  readonly what: string;
  readonly detail: { readonly ko: string; readonly en: string };
};

const both = (text: string) => ({ ko: text, en: text });

/** A kiosk's latest end-of-day close (the `day.closed` event). */
export type LastClose = { readonly kioskId: string; readonly businessDate: string; readonly discrepancy: number; readonly cashBox: number };

/** How far back the page looks for a kiosk's latest close. */
export const CLOSE_LOOKBACK_MS = 31 * 24 * 3600_000;

export type KioskRow = {
  readonly kioskId: string;
  readonly name: string;
  readonly today: number;
  readonly todayFees: number;
  readonly sameDayLastYear: number;
  readonly lastHeartbeatAt: string | null;
  readonly heartbeat: Heartbeat | null;
  readonly queueDepth: number | null;
  readonly lastClose: LastClose | null;
};

export type Dashboard = {
  readonly date: string;
  readonly generatedAt: string;
  readonly today: OperationsReport;
  readonly month: OperationsReport;
  readonly kiosks: readonly KioskRow[];
  /** Issuances per day per kiosk over the last CHART_DAYS days ending on `date`. */
  readonly perDay: { readonly days: readonly string[]; readonly kioskIds: readonly string[]; readonly counts: ReadonlyMap<string, ReadonlyMap<string, number>> };
  readonly attention: readonly Attention[];
};

export function todayIn(now: number): string {
  return localTime(now, CENTRAL_TIME_ZONE).date;
}

export async function buildDashboard(office: CentralOffice, date: string, now: number): Promise<Dashboard> {
  const source = new CentralOperationsSource(office.storage.db, office.keys);
  const firstDay = addDays(date, -(CHART_DAYS - 1));
  const [today, month, statuses, daily, closes] = await Promise.all([
    buildOperationsReport(source, { period: 'daily', date }, now),
    buildOperationsReport(source, { period: 'monthly', date }, now),
    office.kioskStatuses(),
    source.issuances({ from: firstDay, to: date }, 'day', undefined),
    lastCloses(office, now),
  ]);
  const days = Array.from({ length: CHART_DAYS }, (_, i) => addDays(firstDay, i));
  const counts = new Map<string, Map<string, number>>();
  for (const row of daily) {
    const perKiosk = counts.get(row.bucket) ?? new Map<string, number>();
    perKiosk.set(row.kioskId, (perKiosk.get(row.kioskId) ?? 0) + row.issuances);
    counts.set(row.bucket, perKiosk);
  }
  const kiosks = statuses.map((status): KioskRow => {
    const row = today.kiosks.find((entry) => entry.kioskId === status.kioskId);
    return {
      kioskId: status.kioskId,
      name: status.name,
      today: row?.issuances ?? 0,
      todayFees: row?.fees ?? 0,
      sameDayLastYear: row?.lastYearIssuances ?? 0,
      lastHeartbeatAt: status.lastHeartbeatAt,
      heartbeat: status.heartbeat,
      queueDepth: status.heartbeat?.queue.depth ?? null,
      lastClose: closes.get(status.kioskId) ?? null,
    };
  });
  return {
    date,
    generatedAt: new Date(now).toISOString(),
    today,
    month,
    kiosks,
    perDay: { days, kioskIds: statuses.map((status) => status.kioskId), counts },
    attention: attentionFor(statuses, today, now, closes),
  };
}

/** Each kiosk's latest `day.closed` of the last month. */
export async function lastCloses(office: CentralOffice, now: number): Promise<Map<string, LastClose>> {
  const rows = await office.storage.db
    .selectFrom('events')
    .select(['kiosk_id', 'payload', 'occurred_at'])
    .where('type', '=', 'day.closed')
    .where('occurred_at', '>=', now - CLOSE_LOOKBACK_MS)
    .orderBy('occurred_at')
    .execute();
  const closes = new Map<string, LastClose>();
  for (const row of rows) {
    const payload = JSON.parse(row.payload) as { businessDate?: unknown; discrepancy?: unknown; cashBox?: unknown };
    closes.set(row.kiosk_id, {
      kioskId: row.kiosk_id,
      businessDate: String(payload.businessDate ?? ''),
      discrepancy: Number(payload.discrepancy ?? 0),
      cashBox: Number(payload.cashBox ?? 0),
    });
  }
  return closes;
}

/** Everything an operator should send someone for, worst first within each kiosk. */
export function attentionFor(statuses: readonly KioskStatus[], today: OperationsReport, now: number, closes: ReadonlyMap<string, LastClose> = new Map()): Attention[] {
  const items: Attention[] = [];
  for (const status of statuses) {
    const id = status.kioskId;
    const close = closes.get(id);
    if (close && close.discrepancy !== 0) {
      const amount = `${close.discrepancy > 0 ? '+' : '-'}${Math.abs(close.discrepancy).toLocaleString('en-US')}`;
      items.push({ kioskId: id, kind: 'cash-discrepancy', what: 'cash-box', detail: { ko: `${close.businessDate} 마감 차액 ${amount}원`, en: `the ${close.businessDate} close is ${amount} won off` } });
    }
    const heartbeat = status.heartbeat;
    if (!status.lastHeartbeatAt) items.push({ kioskId: id, kind: 'never-heard', what: 'heartbeat', detail: { ko: '발급기가 아직 한 번도 보고하지 않았습니다', en: 'the kiosk has never reported to the office' } });
    else {
      const age = now - Date.parse(status.lastHeartbeatAt);
      if (age > SILENT_AFTER_MS) items.push({ kioskId: id, kind: 'silent', what: 'heartbeat', detail: { ko: `마지막 신호 ${Math.round(age / 60_000)}분 전`, en: `last heartbeat ${Math.round(age / 60_000)} min ago` } });
    }
    if (heartbeat) {
      for (const [device, state] of Object.entries(heartbeat.devices)) {
        if (HEALTHY_STATES.has(state.state)) continue;
        const kind = WARNING_STATES.has(state.state) ? 'device-warning' : 'device-fault';
        items.push({ kioskId: id, kind, what: device, detail: both(state.detail ? `${state.state}: ${state.detail}` : state.state) });
      }
      const age = heartbeat.queue.oldestUnsentAgeSeconds;
      if (age !== null && age > STALE_QUEUE_SECONDS) {
        items.push({ kioskId: id, kind: 'stale-queue', what: 'queue', detail: { ko: `${heartbeat.queue.depth}건 대기, 가장 오래된 것 ${Math.round(age / 60)}분`, en: `${heartbeat.queue.depth} events waiting, oldest ${Math.round(age / 60)} min` } });
      }
      if (heartbeat.paper.a4Sheets !== null && heartbeat.paper.a4Sheets <= LOW_PAPER_SHEETS) {
        items.push({ kioskId: id, kind: 'low-paper', what: 'a4-printer', detail: { ko: `${heartbeat.paper.a4Sheets}매 남음`, en: `${heartbeat.paper.a4Sheets} sheets left` } });
      }
      if (heartbeat.paper.receiptLow) items.push({ kioskId: id, kind: 'receipt-paper-low', what: 'receipt-printer', detail: { ko: '영수증 용지가 곧 떨어집니다', en: 'receipt paper near its end' } });
      for (const [coin, coins] of Object.entries(heartbeat.coins)) {
        if (coins <= LOW_COINS) items.push({ kioskId: id, kind: 'low-coins', what: `coin-hopper-${coin}`, detail: { ko: `${coin}원 동전 ${coins}개 남음`, en: `${coins} coins of ${coin} won left` } });
      }
    }
    // A device the event log says is down, even if no heartbeat said so (or the heartbeat is older).
    for (const row of today.downtime) {
      if (row.kioskId !== id || !row.down) continue;
      if (items.some((item) => item.kioskId === id && item.what === row.device && item.kind === 'device-fault')) continue;
      items.push({ kioskId: id, kind: 'device-fault', what: row.device, detail: { ko: `오늘 고장 후 복구되지 않음 (${row.lastCode ?? 'fault'})`, en: `down since a fault today (${row.lastCode ?? 'fault'})` } });
    }
    if (status.events.gaps.length > 0) {
      const missing = status.events.gaps.reduce((sum, gap) => sum + gap.to - gap.from + 1, 0);
      items.push({ kioskId: id, kind: 'sequence-gap', what: 'events', detail: { ko: `기록 ${missing}건 미수신 (일련번호 ${status.events.maxSeq} 이하)`, en: `${missing} events not received (below seq ${status.events.maxSeq})` } });
    }
  }
  return items;
}
