import { err, ok, type Result } from '../../common/result';

/**
 * IPP/1.1–2.0 message encoding (RFC 8010 §3): a version, an operation id (requests) or status code (responses),
 * a request id, attribute groups and, after the end tag, the document. Written here rather than taken from the
 * npm `ipp` package (which targets Node < 4 and has no types); both directions are implemented so that the
 * simulated printer speaks the same bytes as a real one. Golden bytes are in ipp-codec.test.ts.
 */
export const GROUP_TAG = {
  operation: 0x01,
  job: 0x02,
  end: 0x03,
  printer: 0x04,
  unsupported: 0x05,
} as const;
export type GroupName = Exclude<keyof typeof GROUP_TAG, 'end'>;

export const VALUE_TAG = {
  unsupported: 0x10,
  unknown: 0x12,
  noValue: 0x13,
  integer: 0x21,
  boolean: 0x22,
  enum: 0x23,
  octetString: 0x30,
  dateTime: 0x31,
  resolution: 0x32,
  rangeOfInteger: 0x33,
  begCollection: 0x34,
  textWithLanguage: 0x35,
  nameWithLanguage: 0x36,
  endCollection: 0x37,
  textWithoutLanguage: 0x41,
  nameWithoutLanguage: 0x42,
  keyword: 0x44,
  uri: 0x45,
  uriScheme: 0x46,
  charset: 0x47,
  naturalLanguage: 0x48,
  mimeMediaType: 0x49,
  memberAttrName: 0x4a,
} as const;

export type StringTag =
  | 'textWithoutLanguage'
  | 'nameWithoutLanguage'
  | 'keyword'
  | 'uri'
  | 'uriScheme'
  | 'charset'
  | 'naturalLanguage'
  | 'mimeMediaType';

export type IppValue =
  | { readonly tag: 'integer' | 'enum'; readonly value: number }
  | { readonly tag: 'boolean'; readonly value: boolean }
  | { readonly tag: StringTag; readonly value: string }
  | { readonly tag: 'rangeOfInteger'; readonly lower: number; readonly upper: number }
  | { readonly tag: 'collection'; readonly members: readonly IppAttribute[] }
  | { readonly tag: 'unsupported' | 'unknown' | 'noValue' }
  /** dateTime, resolution, octetString, text/name with language and anything else: kept as bytes. */
  | { readonly tag: 'raw'; readonly code: number; readonly bytes: Uint8Array };

export type IppAttribute = { readonly name: string; readonly values: readonly IppValue[] };
export type IppGroup = { readonly name: GroupName; readonly attributes: readonly IppAttribute[] };

export type IppMessage = {
  readonly version: readonly [major: number, minor: number];
  /** operation-id in a request, status-code in a response. */
  readonly code: number;
  readonly requestId: number;
  readonly groups: readonly IppGroup[];
  readonly data: Uint8Array;
};

const STRING_TAGS: readonly StringTag[] = [
  'textWithoutLanguage',
  'nameWithoutLanguage',
  'keyword',
  'uri',
  'uriScheme',
  'charset',
  'naturalLanguage',
  'mimeMediaType',
];

const encoder = new TextEncoder();
const decoder = new TextDecoder();

class Writer {
  private readonly parts: number[] = [];
  byte(value: number) {
    this.parts.push(value & 0xff);
  }
  short(value: number) {
    this.byte(value >> 8);
    this.byte(value);
  }
  int(value: number) {
    this.short((value >>> 16) & 0xffff);
    this.short(value & 0xffff);
  }
  bytes(values: Uint8Array) {
    for (const value of values) this.parts.push(value);
  }
  toBytes(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

function valueBytes(value: IppValue): { code: number; bytes: Uint8Array } {
  switch (value.tag) {
    case 'integer':
    case 'enum': {
      const bytes = new Uint8Array(4);
      new DataView(bytes.buffer).setInt32(0, value.value);
      return { code: VALUE_TAG[value.tag], bytes };
    }
    case 'boolean':
      return { code: VALUE_TAG.boolean, bytes: Uint8Array.of(value.value ? 1 : 0) };
    case 'rangeOfInteger': {
      const bytes = new Uint8Array(8);
      const view = new DataView(bytes.buffer);
      view.setInt32(0, value.lower);
      view.setInt32(4, value.upper);
      return { code: VALUE_TAG.rangeOfInteger, bytes };
    }
    case 'unsupported':
    case 'unknown':
    case 'noValue':
      return { code: VALUE_TAG[value.tag], bytes: new Uint8Array(0) };
    case 'raw':
      return { code: value.code, bytes: value.bytes };
    case 'collection':
      throw new Error('collections are written by writeCollection');
    default:
      return { code: VALUE_TAG[value.tag], bytes: encoder.encode(value.value) };
  }
}

function writeValue(writer: Writer, name: string, value: IppValue): void {
  if (value.tag === 'collection') {
    writeCollection(writer, name, value.members);
    return;
  }
  const { code, bytes } = valueBytes(value);
  const nameBytes = encoder.encode(name);
  writer.byte(code);
  writer.short(nameBytes.length);
  writer.bytes(nameBytes);
  writer.short(bytes.length);
  writer.bytes(bytes);
}

function writeCollection(writer: Writer, name: string, members: readonly IppAttribute[]): void {
  const nameBytes = encoder.encode(name);
  writer.byte(VALUE_TAG.begCollection);
  writer.short(nameBytes.length);
  writer.bytes(nameBytes);
  writer.short(0);
  for (const member of members) {
    const memberName = encoder.encode(member.name);
    writer.byte(VALUE_TAG.memberAttrName);
    writer.short(0);
    writer.short(memberName.length);
    writer.bytes(memberName);
    for (const value of member.values) writeValue(writer, '', value);
  }
  writer.byte(VALUE_TAG.endCollection);
  writer.short(0);
  writer.short(0);
}

export function encodeIppMessage(message: IppMessage): Uint8Array {
  const writer = new Writer();
  writer.byte(message.version[0]);
  writer.byte(message.version[1]);
  writer.short(message.code);
  writer.int(message.requestId);
  for (const group of message.groups) {
    writer.byte(GROUP_TAG[group.name]);
    for (const attribute of group.attributes) {
      attribute.values.forEach((value, index) => writeValue(writer, index === 0 ? attribute.name : '', value));
    }
  }
  writer.byte(GROUP_TAG.end);
  const head = writer.toBytes();
  const out = new Uint8Array(head.length + message.data.length);
  out.set(head);
  out.set(message.data, head.length);
  return out;
}

class Reader {
  offset = 0;
  constructor(private readonly bytes: Uint8Array) {}
  get remaining() {
    return this.bytes.length - this.offset;
  }
  byte(): number {
    if (this.remaining < 1) throw new RangeError('truncated');
    return this.bytes[this.offset++] ?? 0;
  }
  short(): number {
    return (this.byte() << 8) | this.byte();
  }
  int(): number {
    if (this.remaining < 4) throw new RangeError('truncated');
    const value = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.offset, 4).getInt32(0);
    this.offset += 4;
    return value;
  }
  take(length: number): Uint8Array {
    if (this.remaining < length) throw new RangeError('truncated');
    const out = this.bytes.slice(this.offset, this.offset + length);
    this.offset += length;
    return out;
  }
  peek(): number {
    return this.bytes[this.offset] ?? -1;
  }
  rest(): Uint8Array {
    const out = this.bytes.slice(this.offset);
    this.offset = this.bytes.length;
    return out;
  }
}

const TAG_NAMES = new Map<number, keyof typeof VALUE_TAG>(Object.entries(VALUE_TAG).map(([name, code]) => [code, name as keyof typeof VALUE_TAG]));

function decodeValue(code: number, bytes: Uint8Array, reader: Reader): IppValue {
  const name = TAG_NAMES.get(code);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  switch (name) {
    case 'integer':
    case 'enum':
      if (bytes.length !== 4) throw new RangeError(`${name} of ${bytes.length} bytes`);
      return { tag: name, value: view.getInt32(0) };
    case 'boolean':
      return { tag: 'boolean', value: (bytes[0] ?? 0) !== 0 };
    case 'rangeOfInteger':
      if (bytes.length !== 8) throw new RangeError(`rangeOfInteger of ${bytes.length} bytes`);
      return { tag: 'rangeOfInteger', lower: view.getInt32(0), upper: view.getInt32(4) };
    case 'unsupported':
    case 'unknown':
    case 'noValue':
      return { tag: name };
    case 'begCollection':
      return { tag: 'collection', members: decodeCollection(reader) };
    default:
      if (name && (STRING_TAGS as readonly string[]).includes(name)) return { tag: name as StringTag, value: decoder.decode(bytes) };
      return { tag: 'raw', code, bytes };
  }
}

function decodeCollection(reader: Reader): IppAttribute[] {
  const members: { name: string; values: IppValue[] }[] = [];
  for (;;) {
    const code = reader.byte();
    reader.take(reader.short());
    const bytes = reader.take(reader.short());
    if (code === VALUE_TAG.endCollection) return members;
    if (code === VALUE_TAG.memberAttrName) {
      members.push({ name: decoder.decode(bytes), values: [] });
      continue;
    }
    const member = members[members.length - 1];
    if (!member) throw new RangeError('collection value before a member name');
    member.values.push(decodeValue(code, bytes, reader));
  }
}

export function decodeIppMessage(bytes: Uint8Array): Result<IppMessage, string> {
  try {
    const reader = new Reader(bytes);
    const version = [reader.byte(), reader.byte()] as const;
    const code = reader.short();
    const requestId = reader.int();
    const groups: { name: GroupName; attributes: { name: string; values: IppValue[] }[] }[] = [];
    let group: (typeof groups)[number] | undefined;
    for (;;) {
      const tag = reader.byte();
      if (tag === GROUP_TAG.end) break;
      if (tag < 0x10) {
        const name = (Object.entries(GROUP_TAG).find(([, value]) => value === tag)?.[0] ?? 'unsupported') as GroupName;
        group = { name, attributes: [] };
        groups.push(group);
        continue;
      }
      if (!group) return err('attribute before any group');
      const name = decoder.decode(reader.take(reader.short()));
      const valueBytes = reader.take(reader.short());
      const value = decodeValue(tag, valueBytes, reader);
      const last = group.attributes[group.attributes.length - 1];
      if (name === '' && last) last.values.push(value);
      else group.attributes.push({ name, values: [value] });
    }
    return ok({ version, code, requestId, groups, data: reader.rest() });
  } catch (error) {
    return err(`malformed IPP message: ${(error as Error).message}`);
  }
}

/** The first attribute of that name in the groups named (all groups when none). */
export function findAttribute(message: IppMessage, name: string, group?: GroupName): IppAttribute | undefined {
  for (const each of message.groups) {
    if (group && each.name !== group) continue;
    const found = each.attributes.find((attribute) => attribute.name === name);
    if (found) return found;
  }
  return undefined;
}

export function integerOf(attribute: IppAttribute | undefined): number | undefined {
  const value = attribute?.values[0];
  return value && (value.tag === 'integer' || value.tag === 'enum') ? value.value : undefined;
}

export function stringsOf(attribute: IppAttribute | undefined): string[] {
  return (attribute?.values ?? []).flatMap((value) => ('value' in value && typeof value.value === 'string' ? [value.value] : []));
}

/** Builders for the attribute values requests use. */
export const ipp = {
  keyword: (value: string): IppValue => ({ tag: 'keyword', value }),
  uri: (value: string): IppValue => ({ tag: 'uri', value }),
  charset: (value: string): IppValue => ({ tag: 'charset', value }),
  language: (value: string): IppValue => ({ tag: 'naturalLanguage', value }),
  mime: (value: string): IppValue => ({ tag: 'mimeMediaType', value }),
  name: (value: string): IppValue => ({ tag: 'nameWithoutLanguage', value }),
  text: (value: string): IppValue => ({ tag: 'textWithoutLanguage', value }),
  integer: (value: number): IppValue => ({ tag: 'integer', value }),
  enum: (value: number): IppValue => ({ tag: 'enum', value }),
  boolean: (value: boolean): IppValue => ({ tag: 'boolean', value }),
};

export function attribute(name: string, ...values: IppValue[]): IppAttribute {
  return { name, values };
}
