/**
 * Checks the pages of one Parquet column chunk before `hyparquet` decodes them.
 *
 * The decoder trusts every count it reads: a page header's value count and sizes, and inside a
 * page the run lengths of the run-length/bit-packed hybrid encoding, where a few bytes can claim a
 * run of two billion values (the decoder then grows an array to that length, which takes the
 * process down). This walk reads the chunk the way the decoder will and stops at the first count
 * the page cannot back: values beyond what the column chunk claims, a run longer than the values
 * left, a dictionary or plain run larger than its bytes, a Snappy block claiming more than Snappy
 * can expand to. It allocates nothing per page: pages are decompressed, after their size was
 * checked, by the checked decoder of snappy.ts into its own memory, which the next page reuses.
 */
import type { CompressionCodec, DataReader, PageHeader, ParquetType } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';
import { deltaBinaryUnpack } from 'hyparquet/src/delta.js';
import { readVarInt } from 'hyparquet/src/thrift.js';
import { snappyView } from './snappy';

/** What the walk needs to know about the column chunk. */
export interface ChunkFacts {
  codec: CompressionCodec;
  type: ParquetType;
  typeLength: number | undefined;
  /** The value count the column chunk's metadata claims (already checked against the budget). */
  numValues: number;
  maxRepetition: number;
  maxDefinition: number;
  /** A top-level column that is neither nested nor repeated: one value per row. */
  flat: boolean;
  /** Most bytes one decompressed page may have (the load's memory budget). */
  maxPageBytes: number;
}

/**
 * A page as the walk decompressed and checked it, handed to a decoder that reads it next (so no
 * page is decompressed twice): a dictionary page's values, a version 1 page whole (levels, then
 * values), a version 2 page's definition levels and values.
 */
export type CheckedPage =
  | { kind: 'dictionary'; header: PageHeader; values: Uint8Array }
  | { kind: 'v1'; header: PageHeader; page: Uint8Array }
  | { kind: 'v2'; header: PageHeader; definition: Uint8Array; values: Uint8Array };

/**
 * Receives each page once it passed its checks. A decompressed page's bytes are the decoder's and
 * hold only until the next page is decompressed: the visitor reads them before it returns.
 */
export type PageVisitor = (page: CheckedPage) => void;

/** A count the file cannot back; the message says which. */
class Implausible extends Error {}

/** Bytes of one plain value of a fixed-width type, or the least bytes of a variable one. */
function plainWidth(type: ParquetType, typeLength: number | undefined): number {
  switch (type) {
    case 'BOOLEAN':
      return 1 / 8;
    case 'INT32':
    case 'FLOAT':
      return 4;
    case 'INT64':
    case 'DOUBLE':
      return 8;
    case 'INT96':
      return 12;
    case 'BYTE_ARRAY':
      return 4; // the length prefix
    case 'FIXED_LEN_BYTE_ARRAY':
      return Math.max(1, typeLength ?? 1);
  }
}

/** Most bytes a Snappy block of `n` bytes expands to: a 3-byte copy writes at most 64 bytes. */
export function maxSnappyBytes(n: number): number {
  return Math.ceil((n * 64) / 3);
}

/** Bits needed for levels up to `max`. */
function bitWidth(max: number): number {
  return 32 - Math.clz32(max);
}

/**
 * Walks `n` values of a hybrid-encoded run list from `reader`, as the decoder does; returns how many
 * equal `target` (the definition level of a present value), or 0 when `target` is undefined.
 */
function walkRuns(reader: DataReader, width: number, n: number, target?: number): number {
  const { view } = reader;
  let seen = 0;
  let hits = 0;
  while (seen < n) {
    const header = readVarInt(reader);
    if (header & 1) {
      // A bit-packed run of groups of 8 values, `width` bits each, least significant bit first.
      // The decoder loops over every value of the run, so a run is at most the values left,
      // rounded up to the group of 8 that the encoding pads the last run to.
      const count = (header >> 1) << 3;
      const bytes = Math.ceil((count * width) / 8);
      if (count <= 0 || count > n - seen + 7 || reader.offset + bytes > view.byteLength) {
        throw new Implausible(`a bit-packed run of ${count} values where ${n - seen} remain needs ${bytes} bytes, and its page has ${view.byteLength - reader.offset} left`);
      }
      if (target !== undefined) hits += countPacked(view, reader.offset, width, Math.min(count, n - seen), target);
      reader.offset += bytes;
      seen += Math.min(count, n - seen);
    } else {
      const count = header >>> 1;
      if (count > n - seen) throw new Implausible(`a run repeats one value ${count.toLocaleString('en-US')} times where ${(n - seen).toLocaleString('en-US')} values remain`);
      let value = 0;
      for (let i = 0; i < (width + 7) >> 3; i++) value |= view.getUint8(reader.offset++) << (i << 3);
      if (value === target) hits += count;
      seen += count;
    }
  }
  return hits;
}

/** Counts the values equal to `target` among the first `n` values bit-packed at `offset`. */
function countPacked(view: DataView, offset: number, width: number, n: number, target: number): number {
  const mask = (1 << width) - 1;
  let hits = 0;
  for (let i = 0, bit = 0; i < n; i++, bit += width) {
    let v = 0;
    for (let b = 0; b < width; b++) {
      const at = bit + b;
      v |= ((view.getUint8(offset + (at >> 3)) >> (at & 7)) & 1) << b;
    }
    if ((v & mask) === target) hits++;
  }
  return hits;
}

/**
 * Checks the values section of a page holding `n` present values, from `reader` on, as the
 * decoder of that page version reads it (the two versions differ in length prefixes and widths).
 */
function checkValues(reader: DataReader, encoding: string, n: number, facts: ChunkFacts, version: 1 | 2): void {
  const { view } = reader;
  const left = view.byteLength - reader.offset;
  const dictionary = encoding === 'PLAIN_DICTIONARY' || encoding === 'RLE_DICTIONARY';
  if (encoding === 'PLAIN' && facts.type !== 'BYTE_ARRAY' && n * plainWidth(facts.type, facts.typeLength) > left) {
    throw new Implausible(`a page claims ${n.toLocaleString('en-US')} plain values but holds ${left} bytes`);
  } else if (version === 1 && (dictionary || encoding === 'RLE')) {
    const boolean = facts.type === 'BOOLEAN';
    const width = boolean ? 1 : view.getUint8(reader.offset++);
    // Version 1 reads a 4-byte length before boolean runs, and no runs at all at width 0.
    if (boolean) reader.offset += 4;
    if (width > 0) walkRuns(reader, width, n);
  } else if (version === 2 && encoding === 'RLE') {
    reader.offset += 4;
    walkRuns(reader, 1, n);
  } else if (version === 2 && dictionary) {
    walkRuns(reader, view.getUint8(reader.offset++), n);
  } else if (encoding === 'DELTA_BINARY_PACKED' || encoding === 'DELTA_LENGTH_BYTE_ARRAY' || encoding === 'DELTA_BYTE_ARRAY') {
    checkDeltaHeader(reader, n);
    if (encoding === 'DELTA_BYTE_ARRAY') checkPrefixes(reader, n);
  }
}

/** Checks the block layout of a delta-encoded section, which the decoder trusts for its loops and buffers. */
function checkDeltaHeader(reader: DataReader, n: number): void {
  const at = { view: reader.view, offset: reader.offset };
  const blockSize = readVarInt(at);
  const miniblocks = readVarInt(at);
  const total = readVarInt(at);
  const perMiniblock = blockSize / miniblocks;
  // Each block starts with one bit width per miniblock, so a page cannot hold more miniblocks than bytes.
  const sound = blockSize > 0 && blockSize % 128 === 0 && miniblocks > 0 && miniblocks <= at.view.byteLength - at.offset && Number.isInteger(perMiniblock) && perMiniblock % 32 === 0;
  if (!sound || total < 0 || total > n) {
    throw new Implausible(`a delta-encoded page has an invalid block header (block ${blockSize}, ${miniblocks} miniblocks, ${total} values for ${n})`);
  }
}

/** Checks that each value of a DELTA_BYTE_ARRAY page shares at most the bytes of the value before it. */
function checkPrefixes(reader: DataReader, n: number): void {
  const at = { view: reader.view, offset: reader.offset };
  const prefixes = new Int32Array(n);
  deltaBinaryUnpack(at, n, prefixes);
  const suffixes = new Int32Array(n);
  checkDeltaHeader(at, n);
  deltaBinaryUnpack(at, n, suffixes);
  let previous = 0;
  for (let i = 0; i < n; i++) {
    const p = prefixes[i] as number;
    const s = suffixes[i] as number;
    if (p < 0 || s < 0 || p > previous) throw new Implausible(`value ${i + 1} of a page claims a prefix of ${p} bytes of a previous value of ${previous}`);
    previous = p + s;
  }
}

/** Checks the size a Snappy page claims to expand to, which the decoder allocates at once. */
function checkExpansion(bytes: Uint8Array, claimed: number, facts: ChunkFacts): void {
  if (facts.codec !== 'SNAPPY') return;
  if (!(claimed >= 0) || claimed > maxSnappyBytes(bytes.length) || claimed > facts.maxPageBytes) {
    throw new Implausible(`a Snappy page of ${bytes.length} bytes claims to expand to ${claimed} bytes`);
  }
}

/** Decompresses a page body after checking its claimed size; other codecs are left to the decoder. */
function body(bytes: Uint8Array, claimed: number, compressed: boolean, facts: ChunkFacts): Uint8Array {
  if (!compressed || facts.codec !== 'SNAPPY') return bytes;
  checkExpansion(bytes, claimed, facts);
  return snappyView(bytes, claimed);
}

/** Reader over `bytes` from `offset`. */
function readerOf(bytes: Uint8Array, offset = 0): DataReader {
  return { view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset };
}

/** Checks a version 1 data page of `n` values (levels and values together, maybe compressed). */
function checkDataPage(header: PageHeader, bytes: Uint8Array, facts: ChunkFacts, visit?: PageVisitor): void {
  const page = header.data_page_header;
  if (!page) return;
  const whole = body(bytes, header.uncompressed_page_size, true, facts);
  const reader = readerOf(whole);
  const n = page.num_values;
  let present = n;
  for (const [max, isDefinition] of [[facts.maxRepetition, false], [facts.maxDefinition, true]] as const) {
    if (max === 0) continue;
    const length = reader.view.getUint32(reader.offset, true);
    const start = reader.offset + 4;
    reader.offset = start;
    const hits = walkRuns(reader, bitWidth(max), n, isDefinition ? max : undefined);
    if (isDefinition) present = hits;
    reader.offset = start + length;
  }
  checkValues(reader, page.encoding, present, facts, 1);
  visit?.({ kind: 'v1', header, page: whole });
}

/** Checks a version 2 data page: levels uncompressed at the front, then the values. */
function checkDataPageV2(header: PageHeader, bytes: Uint8Array, facts: ChunkFacts, visit?: PageVisitor): void {
  const page = header.data_page_header_v2;
  if (!page) return;
  const { num_values: n, num_nulls: nulls, num_rows: rows } = page;
  const repetition = page.repetition_levels_byte_length;
  const definition = page.definition_levels_byte_length;
  if (nulls < 0 || nulls > n || rows < 0 || rows > n || repetition < 0 || definition < 0 || repetition + definition > bytes.length) {
    throw new Implausible(`a page claims ${nulls} nulls and ${rows} rows of ${n} values, and ${repetition + definition} bytes of levels in ${bytes.length}`);
  }
  if (facts.maxRepetition > 0) walkRuns(readerOf(bytes.subarray(0, repetition)), bitWidth(facts.maxRepetition), n);
  if (facts.maxDefinition > 0) walkRuns(readerOf(bytes.subarray(repetition, repetition + definition)), bitWidth(facts.maxDefinition), n);
  const rest = bytes.subarray(repetition + definition);
  const size = header.uncompressed_page_size - repetition - definition;
  const values = size > 0 ? body(rest, size, page.is_compressed !== false, facts) : rest;
  checkValues(readerOf(values), page.encoding, n - nulls, facts, 2);
  visit?.({ kind: 'v2', header, definition: bytes.subarray(repetition, repetition + definition), values });
}

/** Checks one page; returns the number of values it adds to the column chunk. */
function checkPage(header: PageHeader, bytes: Uint8Array, facts: ChunkFacts, remaining: number, visit?: PageVisitor): number {
  if (header.type === 'DICTIONARY_PAGE') {
    const n = header.dictionary_page_header?.num_values ?? 0;
    const size = header.uncompressed_page_size;
    if (n < 0 || n * plainWidth(facts.type, facts.typeLength) > size) throw new Implausible(`a dictionary page claims ${n.toLocaleString('en-US')} values in ${size} bytes`);
    checkExpansion(bytes, size, facts);
    if (visit) visit({ kind: 'dictionary', header, values: body(bytes, size, true, facts) });
    return 0;
  }
  const n = header.data_page_header?.num_values ?? header.data_page_header_v2?.num_values;
  if (n === undefined) return 0; // other page types: the decoder refuses them itself
  if (n < 0 || n > remaining) throw new Implausible(`a page claims ${n.toLocaleString('en-US')} values where the column chunk has ${remaining.toLocaleString('en-US')} left`);
  if (header.type === 'DATA_PAGE') checkDataPage(header, bytes, facts, visit);
  else checkDataPageV2(header, bytes, facts, visit);
  return n;
}

/** What is wrong with a column chunk's pages: a count they cannot back, or bytes that do not parse. */
export interface PageIssue {
  unreadable: boolean;
  why: string;
}

/**
 * Walks the pages of a column chunk (`bytes`, as the decoder will read them) and returns what is
 * wrong with them, or undefined when every count they claim is backed by their bytes and their
 * values add up to the chunk's. `visit` receives each page after its checks, decompressed.
 */
export function checkPages(bytes: Uint8Array, facts: ChunkFacts, visit?: PageVisitor): PageIssue | undefined {
  const reader = readerOf(bytes);
  let values = 0;
  try {
    // The decoder reads a flat column until it has the chunk's values, a nested one to its end.
    while (facts.flat ? values < facts.numValues : reader.offset < bytes.length - 1) {
      if (reader.offset >= bytes.length - 1) break;
      const header = parquetHeader(reader);
      const start = reader.offset;
      const size = header.compressed_page_size;
      if (!(size >= 0) || start + size > bytes.length) return { unreadable: false, why: `a page claims ${size} bytes where the column chunk has ${bytes.length - start} left` };
      values += checkPage(header, bytes.subarray(start, start + size), facts, facts.numValues - values, visit);
      reader.offset = start + size;
    }
  } catch (err) {
    if (err instanceof Implausible) return { unreadable: false, why: err.message };
    return { unreadable: true, why: `a page cannot be read (${(err as Error).message})` };
  }
  if (values !== facts.numValues) return { unreadable: false, why: `its pages hold ${values.toLocaleString('en-US')} values but the column chunk claims ${facts.numValues.toLocaleString('en-US')}` };
  return undefined;
}
