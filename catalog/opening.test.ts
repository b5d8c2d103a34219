import { DISTRICT_OFFICE_HOURS, PUBLIC_PLACE_HOURS, type OperatingHours } from './availability';
import { epochOfLocal, kioskOpening, officeHoursOpening } from './opening';

/** 2026-11-25 is a Wednesday; Seoul is UTC+9 all year. */
const seoul = (date: string, time: string) => Date.parse(`${date}T${time}:00+09:00`);

describe('the closed screen: when the kiosk opens again', () => {
  it('converts a local wall-clock time to the epoch, midnight as 24:00 included', () => {
    expect(epochOfLocal('Asia/Seoul', '2026-11-25', 8 * 60 + 30)).toBe(seoul('2026-11-25', '08:30'));
    expect(epochOfLocal('Asia/Seoul', '2026-11-25', 24 * 60)).toBe(seoul('2026-11-26', '00:00'));
    expect(epochOfLocal('Europe/Berlin', '2026-07-01', 12 * 60)).toBe(Date.parse('2026-07-01T12:00:00+02:00'));
  });

  it('says the district office kiosk opens at 08:30 the same morning, and closes at 24:00', () => {
    expect(kioskOpening(DISTRICT_OFFICE_HOURS, seoul('2026-11-25', '07:00'))).toEqual({
      open: false,
      opensAt: { epochMs: seoul('2026-11-25', '08:30'), date: '2026-11-25', time: '08:30', weekday: 3 },
    });
    expect(kioskOpening(DISTRICT_OFFICE_HOURS, seoul('2026-11-25', '12:00'))).toEqual({
      open: true,
      closesAt: { epochMs: seoul('2026-11-26', '00:00'), date: '2026-11-25', time: '24:00', weekday: 3 },
    });
  });

  it('says a station kiosk closed at 21:30 opens the next morning at 09:00', () => {
    const state = kioskOpening(PUBLIC_PLACE_HOURS, seoul('2026-11-25', '21:30'));
    expect(state).toMatchObject({ open: false, opensAt: { date: '2026-11-26', time: '09:00', weekday: 4 } });
  });

  it('skips closed dates and closed weekdays', () => {
    const hours: OperatingHours = {
      ...PUBLIC_PLACE_HOURS,
      kiosk: [null, ...PUBLIC_PLACE_HOURS.kiosk.slice(1)],
      closedDates: ['2026-11-28'],
    };
    // Friday night: Saturday is a closed date and Sunday a closed weekday → Monday 09:00.
    expect(kioskOpening(hours, seoul('2026-11-27', '22:00'))).toMatchObject({ open: false, opensAt: { date: '2026-11-30', time: '09:00', weekday: 1 } });
  });

  it('keeps a 24-hour kiosk open across midnight, and finds no opening for one that never opens', () => {
    const always: OperatingHours = { ...DISTRICT_OFFICE_HOURS, kiosk: Array.from({ length: 7 }, () => ({ open: '00:00', close: '24:00' })), closedDates: ['2026-12-01'] };
    expect(kioskOpening(always, seoul('2026-11-25', '23:59'))).toMatchObject({ open: true, closesAt: { date: '2026-11-30', time: '24:00' } });
    const never: OperatingHours = { ...DISTRICT_OFFICE_HOURS, kiosk: Array.from({ length: 7 }, () => null) };
    expect(kioskOpening(never, seoul('2026-11-25', '12:00'))).toEqual({ open: false, opensAt: null });
  });

  it('tells when office-hours documents are available again: weekdays 09:00–18:00, not on holidays', () => {
    const hours = { ...DISTRICT_OFFICE_HOURS, holidays: ['2026-11-30'] };
    // Friday 18:30 → Monday is a holiday → Tuesday 09:00.
    expect(officeHoursOpening(hours, seoul('2026-11-27', '18:30'))).toMatchObject({ open: false, opensAt: { date: '2026-12-01', time: '09:00' } });
    expect(officeHoursOpening(hours, seoul('2026-11-25', '10:00'))).toMatchObject({ open: true, closesAt: { time: '18:00' } });
    // Office hours inside a kiosk that opens later: the later opening wins.
    const late = { ...hours, kiosk: Array.from({ length: 7 }, () => ({ open: '10:00', close: '20:00' })) };
    expect(officeHoursOpening(late, seoul('2026-11-25', '08:00'))).toMatchObject({ open: false, opensAt: { date: '2026-11-25', time: '10:00' } });
  });
});
