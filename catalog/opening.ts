import { localTime, parseClock, type DailyWindow, type OperatingHours } from './availability';

/**
 * What the closed screen says: closed now, open again at … (and, while open, when it closes). Pure: the hours come
 * from configuration, the moment from the caller's clock. Walks day by day in the kiosk's time zone, so holidays,
 * closed dates, per-weekday hours and "24:00" (midnight, the district office's closing time) all count.
 */
export type LocalMoment = {
  readonly epochMs: number;
  /** Local date YYYY-MM-DD and time HH:MM in the kiosk's time zone. */
  readonly date: string;
  readonly time: string;
  /** 0 = Sunday … 6 = Saturday. */
  readonly weekday: number;
};

export type OpeningState =
  | { readonly open: true; readonly closesAt: LocalMoment | null }
  | { readonly open: false; readonly opensAt: LocalMoment | null };

/** How far ahead to look: a kiosk closed for longer than a year has no "next opening" worth showing. */
export const OPENING_SEARCH_DAYS = 370;
const DAY_MINUTES = 24 * 60;

type Schedule = {
  readonly timeZone: string;
  readonly windows: readonly (DailyWindow | null)[];
  /** Dates (local) on which the windows do not apply. */
  readonly excluded: readonly string[];
};

/** The kiosk itself: its hours, except on closed dates. */
export function kioskOpening(hours: OperatingHours, epochMs: number): OpeningState {
  return openingOf({ timeZone: hours.timeZone, windows: hours.kiosk, excluded: hours.closedDates }, epochMs);
}

/**
 * Office-hours-only documents (family-relation certificates): office hours, except on holidays and closed dates,
 * and only while the kiosk is open (a document is issued only when both are).
 */
export function officeHoursOpening(hours: OperatingHours, epochMs: number): OpeningState {
  const windows = hours.office.map((office, weekday) => intersect(office, hours.kiosk[weekday] ?? null));
  return openingOf({ timeZone: hours.timeZone, windows, excluded: [...hours.holidays, ...hours.closedDates] }, epochMs);
}

function intersect(a: DailyWindow | null, b: DailyWindow | null): DailyWindow | null {
  if (!a || !b) return null;
  const open = Math.max(parseClock(a.open), parseClock(b.open));
  const close = Math.min(parseClock(a.close), parseClock(b.close));
  return open < close ? { open: clockText(open), close: clockText(close) } : null;
}

function openingOf(schedule: Schedule, epochMs: number): OpeningState {
  const now = localTime(epochMs, schedule.timeZone);
  const today = windowOn(schedule, now.date, now.weekday);
  if (today && now.minutes >= today.open && now.minutes < today.close) {
    return { open: true, closesAt: closingAfter(schedule, now.date, now.weekday, today) };
  }
  for (let offset = 0; offset <= OPENING_SEARCH_DAYS; offset++) {
    const date = addDays(now.date, offset);
    const weekday = (now.weekday + offset) % 7;
    const window = windowOn(schedule, date, weekday);
    if (!window || window.open >= window.close) continue;
    if (offset === 0 && window.open <= now.minutes) continue;
    return { open: false, opensAt: momentAt(schedule.timeZone, date, window.open, weekday) };
  }
  return { open: false, opensAt: null };
}

/** The window ends at its close, unless it runs to midnight and the next day opens at 00:00 (a 24-hour kiosk). */
function closingAfter(schedule: Schedule, date: string, weekday: number, window: { open: number; close: number }): LocalMoment | null {
  let currentDate = date;
  let currentWeekday = weekday;
  let current = window;
  for (let offset = 0; offset <= OPENING_SEARCH_DAYS; offset++) {
    if (current.close < DAY_MINUTES) return momentAt(schedule.timeZone, currentDate, current.close, currentWeekday);
    const nextDate = addDays(currentDate, 1);
    const nextWeekday = (currentWeekday + 1) % 7;
    const next = windowOn(schedule, nextDate, nextWeekday);
    if (!next || next.open !== 0) return momentAt(schedule.timeZone, currentDate, DAY_MINUTES, currentWeekday);
    currentDate = nextDate;
    currentWeekday = nextWeekday;
    current = next;
  }
  return null;
}

function windowOn(schedule: Schedule, date: string, weekday: number): { open: number; close: number } | null {
  if (schedule.excluded.includes(date)) return null;
  const window = schedule.windows[weekday];
  return window ? { open: parseClock(window.open), close: parseClock(window.close) } : null;
}

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

function clockText(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The epoch of a local wall-clock time in a time zone (two rounds settle any offset change at that moment). */
export function epochOfLocal(timeZone: string, date: string, minutes: number): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, 0, minutes);
  let guess = wall;
  for (let round = 0; round < 2; round++) {
    const seen = localTime(guess, timeZone);
    const [sy, sm, sd] = seen.date.split('-').map(Number) as [number, number, number];
    const seenWall = Date.UTC(sy, sm - 1, sd, 0, seen.minutes);
    guess += wall - seenWall;
  }
  return guess;
}

/** "24:00" stays on its own day, as the configuration and the district report write it. */
function momentAt(timeZone: string, date: string, minutes: number, weekday: number): LocalMoment {
  return { epochMs: epochOfLocal(timeZone, date, minutes), date, time: clockText(minutes), weekday };
}
