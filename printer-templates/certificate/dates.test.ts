import { printedTime } from './dates';

describe('issue time in Korea', () => {
  it('prints the Seoul date even when UTC is still the day before', () => {
    const time = printedTime(new Date('2026-11-24T15:30:05Z'));
    expect(time).toEqual({ longDate: '2026년 11월 25일', dateTime: '2026-11-25 00:30:05', isoDate: '2026-11-25', year: 2026 });
  });
});
