import { Writable } from 'node:stream';
import { createLogger } from './log';
import { containsResidentNumber, scrubResidentNumbers, scrubValue } from './privacy';

describe('personal data never reaches a log', () => {
  it('recognises resident numbers with and without the hyphen, and not other numbers', () => {
    expect(containsResidentNumber('900101-1234567')).toBe(true);
    expect(containsResidentNumber('rrn=0502304123456;')).toBe(true);
    expect(containsResidentNumber('issuance 2026-1125-0001-0042')).toBe(false);
    expect(containsResidentNumber('amount 1000000000000')).toBe(false);
    expect(scrubResidentNumbers('citizen 900101-1234567 paid')).toBe('citizen [resident-number] paid');
  });

  it('drops keys that name personal data and scrubs nested strings', () => {
    expect(scrubValue({ residentNumber: '900101-1234567', nested: ['x 9001011234567'], template: new Uint8Array(3) })).toEqual({
      residentNumber: '[redacted]',
      nested: ['x [resident-number]'],
      template: '[redacted]',
    });
  });

  it('scrubs what the logger writes, in messages and in fields', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        lines.push(chunk.toString());
        callback();
      },
    });
    const log = createLogger({ destination: sink });
    log.info({ event: 'identity.entered', echo: '900101-1234567', error: new Error('bad 900101-1234567') }, 'typed 900101-1234567');
    log.flush();
    await new Promise((resolve) => setImmediate(resolve));
    const text = lines.join('');
    expect(text).toContain('identity.entered');
    expect(text).not.toMatch(/1234567/);
    expect(text).toContain('[resident-number]');
  });
});
