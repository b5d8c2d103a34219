import type { CatalogDocument } from './types';

/**
 * When the kiosk is open and when each document may be issued. Times are local to the kiosk's time zone
 * (Asia/Seoul); "24:00" closes at midnight. The district report's kiosks: 08:30–24:00 at the district office,
 * 09:00–21:00 elsewhere, 365 days.
 */
export type DailyWindow = { readonly open: string; readonly close: string };

export type OperatingHours = {
  readonly timeZone: string;
  /** Kiosk hours per weekday, 0 = Sunday … 6 = Saturday; null = closed that day. */
  readonly kiosk: readonly (DailyWindow | null)[];
  /** Office hours for `office-hours` documents, per weekday; null = not that day (weekends). */
  readonly office: readonly (DailyWindow | null)[];
  /** Dates (YYYY-MM-DD, local) on which office-hours documents are unavailable: public holidays. */
  readonly holidays: readonly string[];
  /** Dates on which the kiosk itself is closed (most kiosks are open 365 days: usually empty). */
  readonly closedDates: readonly string[];
};

export type SiteKind = 'government-building' | 'public-place';

export type LocalTime = { readonly date: string; readonly weekday: number; readonly minutes: number };

export type Availability =
  | { readonly available: true }
  | { readonly available: false; readonly reason: 'kiosk-closed' | 'office-hours-only' | 'not-at-this-site' };

const formatterCache = new Map<string, Intl.DateTimeFormat>();

export function localTime(epochMs: number, timeZone: string): LocalTime {
  let formatter = formatterCache.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
      hourCycle: 'h23',
    });
    formatterCache.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(new Date(epochMs)).map((part) => [part.type, part.value]));
  const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: weekdays.indexOf(parts.weekday ?? ''),
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

export function parseClock(text: string): number {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(text);
  if (!match) throw new Error(`not a time of day HH:MM: ${text}`);
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  if (minutes > 24 * 60) throw new Error(`time of day after 24:00: ${text}`);
  return minutes;
}

function inside(window: DailyWindow | null | undefined, minutes: number): boolean {
  if (!window) return false;
  return minutes >= parseClock(window.open) && minutes < parseClock(window.close);
}

export function isKioskOpen(hours: OperatingHours, epochMs: number): boolean {
  const now = localTime(epochMs, hours.timeZone);
  if (hours.closedDates.includes(now.date)) return false;
  return inside(hours.kiosk[now.weekday], now.minutes);
}

export function documentAvailability(
  document: CatalogDocument,
  hours: OperatingHours,
  site: SiteKind,
  epochMs: number,
): Availability {
  if (site === 'public-place' && !document.outsideGovernmentBuilding) return { available: false, reason: 'not-at-this-site' };
  if (!isKioskOpen(hours, epochMs)) return { available: false, reason: 'kiosk-closed' };
  if (document.availability === 'office-hours') {
    const now = localTime(epochMs, hours.timeZone);
    if (hours.holidays.includes(now.date) || !inside(hours.office[now.weekday], now.minutes)) {
      return { available: false, reason: 'office-hours-only' };
    }
  }
  return { available: true };
}

const everyDay = (window: DailyWindow): DailyWindow[] => Array.from({ length: 7 }, () => window);
const weekdaysOnly = (window: DailyWindow): (DailyWindow | null)[] =>
  Array.from({ length: 7 }, (_, day) => (day === 0 || day === 6 ? null : window));

/** The district office's citizen hall: 08:30–24:00, 365 days. */
export const DISTRICT_OFFICE_HOURS: OperatingHours = {
  timeZone: 'Asia/Seoul',
  kiosk: everyDay({ open: '08:30', close: '24:00' }),
  office: weekdaysOnly({ open: '09:00', close: '18:00' }),
  holidays: [],
  closedDates: [],
};

/** Subway stations and supermarkets: 09:00–21:00, 365 days. */
export const PUBLIC_PLACE_HOURS: OperatingHours = {
  ...DISTRICT_OFFICE_HOURS,
  kiosk: everyDay({ open: '09:00', close: '21:00' }),
};
