import { withProgress } from './progress';

/** The technician sees progress for anything that takes more than a second, and nothing for what is quicker. */
function terminal(isTTY: boolean) {
  const written: string[] = [];
  const out = { isTTY, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream;
  return { out, written };
}

function after<T>(ms: number, value: T): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms));
}

describe('progress of a technician command', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('says nothing for work under a second', async () => {
    const { out, written } = terminal(true);
    const work = withProgress('Testing the bill acceptor', after(900, 'ok'), out);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await work).toBe('ok');
    expect(written).toEqual([]);
  });

  it('counts the seconds in place on a terminal, then says done with the time', async () => {
    const { out, written } = terminal(true);
    const work = withProgress('Testing the bill acceptor', after(3_100, 'passed'), out);
    await vi.advanceTimersByTimeAsync(3_200);
    expect(await work).toBe('passed');
    // Rewritten in place (carriage return, clear to the end of the line), the seconds counting up.
    const ticks = written.filter((text) => text.endsWith(' s\u001b[K'));
    expect(ticks.every((text) => text.startsWith('\rTesting the bill acceptor… '))).toBe(true);
    expect([...new Set(ticks)]).toEqual(['\rTesting the bill acceptor… 1 s\u001b[K', '\rTesting the bill acceptor… 2 s\u001b[K', '\rTesting the bill acceptor… 3 s\u001b[K']);
    expect(written.at(-1)).toBe('\rTesting the bill acceptor… done (3.1 s)\n');
  });

  it('writes a line every five seconds in a log, with the label as it is now', async () => {
    const { out, written } = terminal(false);
    let step = 'waiting for a note';
    const work = withProgress(() => `Bill acceptor: ${step}`, after(12_000, 'passed'), out);
    await vi.advanceTimersByTimeAsync(4_000);
    step = 'note in escrow';
    await vi.advanceTimersByTimeAsync(8_100);
    await work;
    expect(written).toEqual(['Bill acceptor: waiting for a note… (1 s)\n', 'Bill acceptor: note in escrow… (6 s)\n', 'Bill acceptor: note in escrow… (11 s)\n']);
  });

  it('stops ticking when the work fails, and passes the failure on', async () => {
    const { out, written } = terminal(false);
    const work = withProgress('Probing /dev/ttyUSB0', after(1_500, null).then(() => Promise.reject(new Error('no answer'))), out);
    const failed = expect(work).rejects.toThrow('no answer');
    await vi.advanceTimersByTimeAsync(1_600);
    await failed;
    const count = written.length;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(written).toHaveLength(count);
    expect(written).toEqual(['Probing /dev/ttyUSB0… (1 s)\n']);
  });
});
