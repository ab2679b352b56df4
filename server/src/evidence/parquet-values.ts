/**
 * The value encodings of Parquet pages that the direct path (parquet-flat.ts) reads: the hybrid
 * run-length / bit-packed encoding of levels and dictionary indices, and plain numbers and texts.
 * Every read stays inside its page; a count the page cannot back throws a RangeError.
 */
import { countNaNInDecoders } from './page-decoders';

/** How a flat column's values are stored in the file. */
export type FlatKind = 'double' | 'float' | 'int32' | 'int64' | 'utf8';

/** Bytes of one plain value of a numeric kind. */
const WIDTH: Readonly<Record<Exclude<FlatKind, 'utf8'>, number>> = { double: 8, float: 4, int32: 4, int64: 8 };

/** Little-endian host: plain doubles can then be copied as bytes. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** UTF-8 as hyparquet decodes it (invalid bytes become U+FFFD). */
const utf8 = new TextDecoder();

/**
 * Decodes the hybrid run-length / bit-packed encoding (levels, dictionary indices): `n` values of
 * `width` bits from `bytes` at `offset` into `out` from `at`; returns the offset after them. The
 * walk checked the runs; a run that still does not fit throws.
 */
export function readHybrid(bytes: Uint8Array, offset: number, width: number, n: number, out: Int32Array, at = 0): number {
  let pos = offset;
  let seen = 0;
  const valueBytes = (width + 7) >> 3;
  while (seen < n) {
    // The header in arithmetic, not 32-bit operators: five bytes reach 2^35, and a count that
    // wrapped round could pass the checks below.
    let header = 0;
    for (let shift = 0; ; shift += 7) {
      if (pos >= bytes.length || shift > 28) throw new RangeError('a run header runs past the page');
      const b = bytes[pos++] as number;
      header += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) break;
    }
    const runs = Math.floor(header / 2);
    if (header % 2 === 1) {
      const count = Math.min(runs * 8, n - seen);
      const end = pos + runs * width;
      if (end > bytes.length) throw new RangeError('a bit-packed run runs past the page');
      unpack(bytes, pos, width, count, out, at + seen);
      pos = end;
      seen += count;
    } else {
      if (runs > n - seen || pos + valueBytes > bytes.length) throw new RangeError('a run repeats past the page');
      let v = 0;
      for (let i = 0; i < valueBytes; i++) v |= (bytes[pos + i] as number) << (8 * i);
      out.fill(v, at + seen, at + seen + runs);
      pos += valueBytes;
      seen += runs;
    }
  }
  return pos;
}

/**
 * Unpacks `count` values of `width` bits, least significant bit first, from `bytes` at `pos` into
 * `out` from `at`. Widths up to 8 go a group of 8 values (`width` bytes) at a time, from two words.
 */
function unpack(bytes: Uint8Array, pos: number, width: number, count: number, out: Int32Array, at: number): void {
  let i = 0;
  let p = pos;
  if (width <= 8) {
    const mask = (1 << width) - 1;
    // A group reads 8 bytes from its first: only groups whose 8 bytes lie in the array.
    for (; i + 8 <= count && p + 8 <= bytes.length; i += 8, p += width) {
      const lo = (bytes[p] as number) | ((bytes[p + 1] as number) << 8) | ((bytes[p + 2] as number) << 16) | ((bytes[p + 3] as number) << 24);
      const hi = (bytes[p + 4] as number) | ((bytes[p + 5] as number) << 8) | ((bytes[p + 6] as number) << 16) | ((bytes[p + 7] as number) << 24);
      for (let j = 0, bit = 0; j < 8; j++, bit += width) {
        out[at + i + j] = (bit + width <= 32 ? lo >>> bit : bit >= 32 ? hi >>> (bit - 32) : (lo >>> bit) | (hi << (32 - bit))) & mask;
      }
    }
  }
  unpackBits(bytes, p, width, count - i, out, at + i);
}

/** `unpack` value by value, for wide values and the last groups of a page. */
function unpackBits(bytes: Uint8Array, pos: number, width: number, count: number, out: Int32Array, at: number): void {
  if (width > 24) {
    for (let i = 0, bit = pos * 8; i < count; i++, bit += width) {
      let v = 0;
      for (let b = 0; b < width; b++) v += (((bytes[(bit + b) >> 3] as number) >> ((bit + b) & 7)) & 1) * 2 ** b;
      out[at + i] = v;
    }
    return;
  }
  // Each value lies within the four bytes from its first (width + 7 <= 31 bits); bytes past the
  // array read as 0 (a read past its end would make the loop slow for good).
  const mask = (1 << width) - 1;
  for (let i = 0, bit = pos * 8; i < count; i++, bit += width) {
    const b = bit >> 3;
    let word = 0;
    for (let k = 0; k < 4 && b + k < bytes.length; k++) word |= (bytes[b + k] as number) << (8 * k);
    out[at + i] = (word >>> (bit & 7)) & mask;
  }
}

/**
 * Definition levels (width 1) of `n` values, or undefined when all are 1: the common case of a
 * nullable column without a null is one run, read without materialising the levels.
 */
export function levels(bytes: Uint8Array, n: number): Int32Array | undefined {
  let header = 0;
  let pos = 0;
  for (let shift = 0; pos < bytes.length && shift <= 28; shift += 7) {
    const b = bytes[pos++] as number;
    header |= (b & 0x7f) << shift;
    if (b < 0x80) break;
  }
  if ((header & 1) === 0 && header >>> 1 === n && bytes[pos] === 1) return undefined;
  const defined = new Int32Array(n);
  readHybrid(bytes, 0, 1, n, defined);
  return count(defined) === n ? undefined : defined;
}

/** Number of present values (level 1) among the levels. */
export function count(defined: Int32Array): number {
  let n = 0;
  for (let i = 0; i < defined.length; i++) n += defined[i] as number;
  return n;
}

/**
 * Spreads the `present` values written at the end of rows `at…at + defined.length` over those rows
 * by the levels, in place; missing rows get NaN or -1. Reading from the end is safe going forward:
 * row i reads from a row at or after i (the missing rows still to come are at least as many as the
 * present ones already placed are behind).
 */
export function spreadInPlace(target: Float64Array | Int32Array, at: number, defined: Int32Array, present: number): void {
  const missing = target instanceof Float64Array ? NaN : -1;
  for (let i = 0, j = at + defined.length - present; i < defined.length; i++) target[at + i] = defined[i] === 1 ? (target[j++] as number) : missing;
}

/**
 * How many of `values[from…to)` are NaN. A first pass sums `v * 0` over four chains (0 for every
 * finite value, NaN for a NaN or an infinity), which is a third of the time of testing each value;
 * only a page that holds a NaN or an infinity is counted value by value.
 */
export function countNaN(values: Float64Array, from: number, to: number): number {
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  let i = from;
  for (; i + 4 <= to; i += 4) {
    a += (values[i] as number) * 0;
    b += (values[i + 1] as number) * 0;
    c += (values[i + 2] as number) * 0;
    d += (values[i + 3] as number) * 0;
  }
  for (; i < to; i++) a += (values[i] as number) * 0;
  if (a + b + c + d === 0) return 0;
  let n = 0;
  for (let k = from; k < to; k++) if (values[k] !== values[k]) n++;
  return n;
}

/**
 * Reads `n` plain numbers of `kind` from `bytes` at `offset` into `out` from `at`; returns how many
 * are NaN. Doubles are copied as bytes, and counted where they were just decompressed (still in the
 * cache, and by the decoders when that is their memory) when they lie on an 8-byte boundary there.
 */
export function plainNumbers(kind: Exclude<FlatKind, 'utf8'>, bytes: Uint8Array, offset: number, n: number, out: Float64Array, at: number): number {
  const width = WIDTH[kind];
  if (offset + n * width > bytes.length) throw new RangeError(`a page holds fewer bytes than its ${n} plain values`);
  if (kind === 'double' && LITTLE_ENDIAN) {
    const start = bytes.byteOffset + offset;
    if (start % 8 === 0) {
      const source = new Float64Array(bytes.buffer, start, n);
      out.set(source, at);
      return countNaNInDecoders(bytes, offset, n) ?? countNaN(source, 0, n);
    }
    new Uint8Array(out.buffer, out.byteOffset + at * 8, n * 8).set(bytes.subarray(offset, offset + n * 8));
    return countNaN(out, at, at + n);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, n * width);
  for (let i = 0; i < n; i++) {
    const b = i * width;
    // INT64 as hi·2³² + lo is exact until the sum, then rounded once: Number() of the bigint.
    out[at + i] = kind === 'double' ? view.getFloat64(b, true) : kind === 'float' ? view.getFloat32(b, true) : kind === 'int32' ? view.getInt32(b, true) : view.getInt32(b + 4, true) * 4294967296 + view.getUint32(b, true);
  }
  return kind === 'double' || kind === 'float' ? countNaN(out, at, at + n) : 0;
}

/** Reads `n` plain byte arrays (4-byte length, bytes) as UTF-8 text. */
export function plainTexts(bytes: Uint8Array, offset: number, n: number): string[] {
  const out = new Array<string>(n);
  let pos = offset;
  for (let i = 0; i < n; i++) {
    if (pos + 4 > bytes.length) throw new RangeError('a page ends inside a text value');
    const len = ((bytes[pos] as number) | ((bytes[pos + 1] as number) << 8) | ((bytes[pos + 2] as number) << 16) | ((bytes[pos + 3] as number) << 24)) >>> 0;
    pos += 4;
    if (pos + len > bytes.length) throw new RangeError('a text value runs past its page');
    out[i] = utf8.decode(bytes.subarray(pos, pos + len));
    pos += len;
  }
  return out;
}
