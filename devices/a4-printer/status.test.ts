import { classifyReasons, printerStatusOf } from './status';

describe('printer state reasons', () => {
  it('finds the faults that stop printing, whatever the suffix', () => {
    expect(classifyReasons(['media-empty-error', 'media-jam', 'cover-open-warning']).faults).toEqual(['media-empty', 'media-jam', 'cover-open']);
  });

  it('keeps low supplies as warnings and ignores reports and none', () => {
    expect(classifyReasons(['media-low-warning', 'toner-low', 'marker-supply-low-report', 'none'])).toEqual({ faults: [], warnings: ['media-low', 'toner-low'] });
  });

  it('maps equivalent keywords to one fault', () => {
    expect(classifyReasons(['media-needed-error', 'media-empty-error']).faults).toEqual(['media-empty']);
    expect(classifyReasons(['interlock-open-error']).faults).toEqual(['door-open']);
  });

  it('treats an unknown -error as a fault and an unknown bare keyword as information', () => {
    expect(classifyReasons(['fuser-over-temp-error']).faults).toEqual(['other']);
    expect(classifyReasons(['identify-printer-requested']).faults).toEqual([]);
  });

  it('calls a stopped printer without reasons faulty', () => {
    expect(printerStatusOf({ state: 5, stateReasons: ['none'], stateMessage: '', queuedJobs: 0, makeAndModel: '' }).faults).toEqual(['other']);
  });
});
