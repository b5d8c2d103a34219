/**
 * Issue dates are printed in Korea's time zone whatever the kiosk's system clock zone is: a paper issued at
 * 00:30 in Seoul must not say the day before.
 */
export const CERTIFICATE_TIME_ZONE = 'Asia/Seoul';

export type PrintedTime = {
  /** `2026년 11월 25일` */
  readonly longDate: string;
  /** `2026-11-25 10:00:12` */
  readonly dateTime: string;
  /** `2026-11-25` */
  readonly isoDate: string;
  readonly year: number;
};

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Building a formatter costs milliseconds; one per time zone is kept. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function printedTime(instant: Date, timeZone = CERTIFICATE_TIME_ZONE): PrintedTime {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
  const year = part('year');
  const month = part('month');
  const day = part('day');
  return {
    longDate: `${year}년 ${Number(month)}월 ${Number(day)}일`,
    dateTime: `${year}-${month}-${day} ${part('hour')}:${part('minute')}:${part('second')}`,
    isoDate: `${year}-${month}-${day}`,
    year: Number(year),
  };
}

/** `2019-03-02` stays as it is; a missing end date reads 현재 (still in force). */
export function periodEnd(date: string | null): string {
  return date ?? '현재';
}
