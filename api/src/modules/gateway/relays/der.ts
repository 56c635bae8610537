/** The few DER (ASN.1 distinguished encoding) pieces RDCleanPath needs: tag-length-value with definite lengths. */

export const DER = {
  INTEGER: 0x02,
  OCTET_STRING: 0x04,
  UTF8_STRING: 0x0c,
  SEQUENCE: 0x30,
  /** [n] EXPLICIT, constructed, context-specific. */
  context: (n: number) => 0xa0 + n,
} as const;

export class DerError extends Error {}

export interface Tlv {
  tag: number;
  value: Buffer;
  /** Bytes the whole element takes, header included. */
  size: number;
}

function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function tlv(tag: number, value: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), encodeLength(value.length), value]);
}

/** A non-negative INTEGER in its shortest two's complement form (a leading 0 when the top bit would be set). */
export function derInteger(value: number): Buffer {
  if (!Number.isSafeInteger(value) || value < 0) throw new DerError(`cannot encode ${value}`);
  const bytes: number[] = [];
  for (let rest = value; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  if (bytes.length === 0 || bytes[0]! & 0x80) bytes.unshift(0);
  return tlv(DER.INTEGER, Buffer.from(bytes));
}

/** Header size and value length of the element at `buffer[0]`; null while the header is incomplete. */
function header(buffer: Buffer): { headerSize: number; length: number } | null {
  if (buffer.length < 2) return null;
  const first = buffer[1]!;
  if (first < 0x80) return { headerSize: 2, length: first };
  const count = first & 0x7f;
  if (count === 0 || count > 4) throw new DerError("unsupported DER length");
  if (buffer.length < 2 + count) return null;
  let length = 0;
  for (let index = 0; index < count; index++) length = length * 256 + buffer[2 + index]!;
  return { headerSize: 2 + count, length };
}

/**
 * The total size of the element starting at `buffer[0]` once its header is readable; null while more bytes are
 * needed. Throws on what cannot be DER (indefinite or absurd lengths).
 */
export function elementSize(buffer: Buffer): number | null {
  const parsed = header(buffer);
  return parsed ? parsed.headerSize + parsed.length : null;
}

/** Reads one element at the start of `buffer` (which must hold all of it). */
export function readTlv(buffer: Buffer): Tlv {
  if ((buffer[0]! & 0x1f) === 0x1f) throw new DerError("multi-byte tags are not used by RDCleanPath");
  const parsed = header(buffer);
  if (!parsed || parsed.headerSize + parsed.length > buffer.length) throw new DerError("truncated DER element");
  const size = parsed.headerSize + parsed.length;
  return { tag: buffer[0]!, value: buffer.subarray(parsed.headerSize, size), size };
}

/** The elements inside a constructed value, in order. */
export function readChildren(value: Buffer): Tlv[] {
  const children: Tlv[] = [];
  for (let offset = 0; offset < value.length; ) {
    const child = readTlv(value.subarray(offset));
    children.push(child);
    offset += child.size;
  }
  return children;
}

export function readInteger(element: Tlv): number {
  if (element.tag !== DER.INTEGER || element.value.length === 0 || element.value.length > 6) {
    throw new DerError("expected a small INTEGER");
  }
  if (element.value[0]! & 0x80) throw new DerError("negative INTEGER");
  return element.value.reduce((sum, byte) => sum * 256 + byte, 0);
}
