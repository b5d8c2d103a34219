import { attribute, decodeIppMessage, encodeIppMessage, findAttribute, integerOf, ipp, stringsOf, VALUE_TAG } from './ipp-codec';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').toUpperCase().match(/../g)?.join(' ') ?? '';
const text = (value: string) => hex(new TextEncoder().encode(value));

describe('IPP message encoding (RFC 8010)', () => {
  it('writes a Get-Printer-Attributes request byte for byte', () => {
    const bytes = encodeIppMessage({
      version: [2, 0],
      code: 0x000b,
      requestId: 1,
      groups: [
        {
          name: 'operation',
          attributes: [
            attribute('attributes-charset', ipp.charset('utf-8')),
            attribute('attributes-natural-language', ipp.language('en')),
            attribute('requested-attributes', ipp.keyword('printer-state'), ipp.keyword('queued-job-count')),
          ],
        },
      ],
      data: new Uint8Array(0),
    });
    expect(hex(bytes)).toBe(
      [
        '02 00 00 0B 00 00 00 01', // version 2.0, operation, request-id
        '01', // operation-attributes-tag
        `47 00 12 ${text('attributes-charset')} 00 05 ${text('utf-8')}`,
        `48 00 1B ${text('attributes-natural-language')} 00 02 ${text('en')}`,
        `44 00 14 ${text('requested-attributes')} 00 0D ${text('printer-state')}`,
        `44 00 00 00 10 ${text('queued-job-count')}`, // an additional value: empty name
        '03', // end-of-attributes-tag
      ].join(' '),
    );
  });

  it('writes integers, enums and booleans as big-endian values, and appends the document after the end tag', () => {
    const bytes = encodeIppMessage({
      version: [1, 1],
      code: 0x0002,
      requestId: 0x01020304,
      groups: [{ name: 'job', attributes: [attribute('copies', ipp.integer(2)), attribute('job-state', ipp.enum(9)), attribute('x', ipp.boolean(true))] }],
      data: Uint8Array.of(0x25, 0x50),
    });
    expect(hex(bytes)).toBe(
      `01 01 00 02 01 02 03 04 02 21 00 06 ${text('copies')} 00 04 00 00 00 02 23 00 09 ${text('job-state')} 00 04 00 00 00 09 22 00 01 78 00 01 01 03 25 50`,
    );
  });

  it('reads back what it writes, collections included', () => {
    const message = {
      version: [2, 0] as const,
      code: 0x0000,
      requestId: 7,
      groups: [
        { name: 'operation' as const, attributes: [attribute('attributes-charset', ipp.charset('utf-8'))] },
        {
          name: 'printer' as const,
          attributes: [
            attribute('printer-state-reasons', ipp.keyword('media-empty-error'), ipp.keyword('toner-low-warning')),
            attribute('media-col-default', {
              tag: 'collection',
              members: [attribute('media-size-name', ipp.keyword('iso_a4_210x297mm')), attribute('media-top-margin', ipp.integer(300))],
            }),
            attribute('copies-supported', { tag: 'rangeOfInteger', lower: 1, upper: 999 }),
            attribute('printer-state', ipp.enum(5)),
          ],
        },
      ],
      data: new Uint8Array(0),
    };
    const decoded = decodeIppMessage(encodeIppMessage(message));
    expect(decoded).toEqual({ ok: true, value: message });
    if (!decoded.ok) return;
    expect(stringsOf(findAttribute(decoded.value, 'printer-state-reasons'))).toEqual(['media-empty-error', 'toner-low-warning']);
    expect(integerOf(findAttribute(decoded.value, 'printer-state', 'printer'))).toBe(5);
    expect(findAttribute(decoded.value, 'printer-state', 'job')).toBeUndefined();
  });

  it('keeps values of tags it does not interpret as raw bytes', () => {
    const bytes = Uint8Array.of(2, 0, 0, 0, 0, 0, 0, 1, 0x04, VALUE_TAG.dateTime, 0, 1, 0x74, 0, 2, 7, 0xea, 0x03);
    expect(decodeIppMessage(bytes)).toMatchObject({ ok: true, value: { groups: [{ name: 'printer', attributes: [{ name: 't', values: [{ tag: 'raw', code: 0x31 }] }] }] } });
  });

  it('refuses a truncated message as a value, not an exception', () => {
    expect(decodeIppMessage(Uint8Array.of(2, 0, 0, 0x0b, 0, 0, 0, 1, 1, 0x47, 0, 0x12))).toMatchObject({ ok: false });
  });
});
