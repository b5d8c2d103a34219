import { crashPointFrom, CRASH_ENV } from './crash-point';

describe('the test-only crash point', () => {
  it('is read from the environment only when simulator control is on', () => {
    expect(crashPointFrom({ [CRASH_ENV]: 'cash.stack:confirm' }, { simulatorControl: true })).toEqual({ label: 'cash.stack:confirm', occurrence: 1 });
    expect(crashPointFrom({ [CRASH_ENV]: 'print.copy:begin#2' }, { simulatorControl: true })).toEqual({ label: 'print.copy:begin', occurrence: 2 });
    expect(crashPointFrom({ [CRASH_ENV]: 'cash.stack:confirm' }, { simulatorControl: false })).toBeNull();
    expect(crashPointFrom({}, { simulatorControl: true })).toBeNull();
  });

  it('refuses a label that is not a journal write', () => {
    expect(() => crashPointFrom({ [CRASH_ENV]: 'somewhere' }, { simulatorControl: true })).toThrow(/expected <step>/);
  });
});
