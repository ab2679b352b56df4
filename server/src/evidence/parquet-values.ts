/**
 * The value encodings of Parquet pages that the direct path (parquet-flat.ts) reads: the hybrid
 * run-length / bit-packed encoding of levels and dictionary indices, and plain numbers and texts.
 * Every read stays inside its page; a count the page cannot back throws a RangeError.
 */
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
 * `width` bits from `bytes` at `offset` into `out`; returns the offset after them. The walk checked
 * the runs; a run that still does not fit throws.
 */
export function readHybrid(bytes: Uint8Array, offset: number, width: number, n: number, out: Int32Array): number {
  let pos = offset;
  let seen = 0;
  const valueBytes = (width + 7) >> 3;
  while (seen < n) {
    let header = 0;
    for (let shift = 0; ; shift += 7) {
      if (pos >= bytes.length || shift > 28) throw new RangeError('a run header runs past the page');
      const b = bytes[pos++] as number;
      header |= (b & 0x7f) << shift;
      if (b < 0x80) break;
    }
    if (header & 1) {
      const count = Math.min((header >>> 1) * 8, n - seen);
      const end = pos + (((header >>> 1) * 8 * width) >> 3);
      if (end > bytes.length) throw new RangeError('a bit-packed run runs past the page');
      unpack(bytes, pos, width, count, out, seen);
      pos = end;
      seen += count;
    } else {
      const count = header >>> 1;
      if (count > n - seen || pos + valueBytes > bytes.length) throw new RangeError('a run repeats past the page');
      let v = 0;
      for (let i = 0; i < valueBytes; i++) v |= (bytes[pos + i] as number) << (8 * i);
      out.fill(v, seen, seen + count);
      pos += valueBytes;
      seen += count;
    }
  }
  return pos;
}

/** Unpacks `count` values of `width` bits, least significant bit first, from `bytes` at `pos` into `out` from `at`. */
function unpack(bytes: Uint8Array, pos: number, width: number, count: number, out: Int32Array, at: number): void {
  if (width > 24) {
    for (let i = 0, bit = pos * 8; i < count; i++, bit += width) {
      let v = 0;
      for (let b = 0; b < width; b++) v += (((bytes[(bit + b) >> 3] as number) >> ((bit + b) & 7)) & 1) * 2 ** b;
      out[at + i] = v;
    }
    return;
  }
  // Each value lies within the four bytes from its first (width + 7 <= 31 bits). Reads stay inside
  // the array (a read past its end would make the loop slow for good): the last values go byte by byte.
  const mask = (1 << width) - 1;
  const safe = (bytes.length - 4) * 8;
  let i = 0;
  let bit = pos * 8;
  for (; i < count && bit <= safe; i++, bit += width) {
    const b = bit >> 3;
    const word = (bytes[b] as number) | ((bytes[b + 1] as number) << 8) | ((bytes[b + 2] as number) << 16) | ((bytes[b + 3] as number) << 24);
    out[at + i] = (word >>> (bit & 7)) & mask;
  }
  for (; i < count; i++, bit += width) {
    let word = 0;
    for (let k = 0; k < 4 && (bit >> 3) + k < bytes.length; k++) word |= (bytes[(bit >> 3) + k] as number) << (8 * k);
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

/** Writes dense present values to rows `at…` by the levels; missing rows get NaN or -1. */
export function spread(target: Float64Array | Int32Array, at: number, defined: Int32Array, dense: Float64Array | Int32Array): void {
  const missing = target instanceof Float64Array ? NaN : -1;
  for (let i = 0, j = 0; i < defined.length; i++) target[at + i] = defined[i] === 1 ? (dense[j++] as number) : missing;
}

/** Reads `n` plain numbers of `kind` from `bytes` at `offset` into `out` from `at`. */
export function plainNumbers(kind: Exclude<FlatKind, 'utf8'>, bytes: Uint8Array, offset: number, n: number, out: Float64Array, at: number): void {
  const width = WIDTH[kind];
  if (offset + n * width > bytes.length) throw new RangeError(`a page holds fewer bytes than its ${n} plain values`);
  if (kind === 'double' && LITTLE_ENDIAN) {
    new Uint8Array(out.buffer, out.byteOffset + at * 8, n * 8).set(bytes.subarray(offset, offset + n * 8));
    return;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, n * width);
  for (let i = 0; i < n; i++) {
    const b = i * width;
    // INT64 as hi·2³² + lo is exact until the sum, then rounded once: Number() of the bigint.
    out[at + i] = kind === 'double' ? view.getFloat64(b, true) : kind === 'float' ? view.getFloat32(b, true) : kind === 'int32' ? view.getInt32(b, true) : view.getInt32(b + 4, true) * 4294967296 + view.getUint32(b, true);
  }
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
