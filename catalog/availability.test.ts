import { DISTRICT_OFFICE_HOURS, PUBLIC_PLACE_HOURS, documentAvailability, documentOf, isKioskOpen, localTime } from '.';

/** 2026-11-25 is a Wednesday; Seoul is UTC+9 all year. */
const seoul = (date: string, time: string) => Date.parse(`${date}T${time}:00+09:00`);

describe('operating hours and availability', () => {
  it('reads local time in the kiosk’s time zone', () => {
    expect(localTime(seoul('2026-11-25', '08:29'), 'Asia/Seoul')).toEqual({ date: '2026-11-25', weekday: 3, minutes: 8 * 60 + 29 });
  });

  it('opens the district office kiosk 08:30–24:00 and the others 09:00–21:00, every day', () => {
    expect(isKioskOpen(DISTRICT_OFFICE_HOURS, seoul('2026-11-25', '08:29'))).toBe(false);
    expect(isKioskOpen(DISTRICT_OFFICE_HOURS, seoul('2026-11-25', '08:30'))).toBe(true);
    expect(isKioskOpen(DISTRICT_OFFICE_HOURS, seoul('2026-11-29', '23:59'))).toBe(true);
    expect(isKioskOpen(PUBLIC_PLACE_HOURS, seoul('2026-11-29', '21:00'))).toBe(false);
    expect(isKioskOpen(PUBLIC_PLACE_HOURS, seoul('2026-11-29', '20:59'))).toBe(true);
  });

  it('issues family-relation certificates on weekdays 09:00–18:00 only, not on holidays', () => {
    const family = documentOf('family-relations');
    const at = (date: string, time: string) => documentAvailability(family, { ...DISTRICT_OFFICE_HOURS, holidays: ['2026-12-25'] }, 'government-building', seoul(date, time));
    expect(at('2026-11-25', '10:00')).toEqual({ available: true });
    expect(at('2026-11-25', '18:00')).toEqual({ available: false, reason: 'office-hours-only' });
    expect(at('2026-11-28', '10:00')).toEqual({ available: false, reason: 'office-hours-only' });
    expect(at('2026-12-25', '10:00')).toEqual({ available: false, reason: 'office-hours-only' });
    expect(at('2026-11-25', '08:00')).toEqual({ available: false, reason: 'kiosk-closed' });
  });

  it('does not issue government-building-only documents at a subway station', () => {
    const registry = documentOf('real-estate-registry');
    expect(documentAvailability(registry, PUBLIC_PLACE_HOURS, 'public-place', seoul('2026-11-25', '10:00'))).toEqual({
      available: false,
      reason: 'not-at-this-site',
    });
    expect(documentAvailability(documentOf('resident-copy'), PUBLIC_PLACE_HOURS, 'public-place', seoul('2026-11-25', '10:00'))).toEqual({
      available: true,
    });
  });
});
