import { silentLogger } from '../../common/log';
import { openDatabase } from '../store';
import { PAPER_STATE_KEY, persistSheetCounter, restoreSheetCounter } from './paper-store';

describe('the persisted A4 sheet counter', () => {
  it('survives a restart: every change is written, and read back before the printer is created', () => {
    const opened = openDatabase(':memory:');
    if (!opened.ok) throw new Error(opened.error.detail);
    const db = opened.value;
    const counter = restoreSheetCounter(db, silentLogger());
    expect(counter.count).toEqual({ used: 0, remaining: null, low: false });
    const stop = persistSheetCounter(db, counter, () => 1);
    counter.refill(120);
    counter.record(3);
    stop();
    counter.record(1); // after stop: not written
    expect(restoreSheetCounter(db, silentLogger()).count).toEqual({ used: 3, remaining: 117, low: false });
  });

  it('starts again from zero, loudly, when the stored value is damaged', () => {
    const opened = openDatabase(':memory:');
    if (!opened.ok) throw new Error(opened.error.detail);
    opened.value.prepare('INSERT INTO kiosk_state (key, value, updated_at) VALUES (?, ?, 0)').run(PAPER_STATE_KEY, '{"used":-4}');
    const errors: unknown[] = [];
    const log = { ...silentLogger(), error: (entry: unknown) => errors.push(entry) } as unknown as ReturnType<typeof silentLogger>;
    expect(restoreSheetCounter(opened.value, log).count.used).toBe(0);
    expect(errors).toHaveLength(1);
  });
});
