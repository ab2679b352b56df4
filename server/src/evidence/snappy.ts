/**
 * Snappy block decompression with every length checked, for the pages of Parquet evidence.
 *
 * `hyparquet` bundles a Snappy decoder that trusts its input: a literal whose 4-byte length has
 * the top bit set becomes a negative length and moves the decoder backwards through its input, so
 * a few crafted bytes keep it busy for minutes, and copies are never checked against the output's
 * end. This one follows the format description (github.com/google/snappy, format_description.txt)
 * and refuses a length, offset or total that does not fit, so it ends after one pass over its
 * input. Pages are decompressed by the same checks written in WebAssembly (page-decoders.wat, about three
 * times as fast); this JavaScript one names what is wrong with a refused block, and serves where
 * WebAssembly is unavailable. The loader hands `snappyPage` to `hyparquet` for every Snappy page.
 */
import { align8, DecoderSlot, FIRST_REGION, SLACK } from './page-decoders';

/** Why a Snappy block cannot be decompressed. */
export class SnappyError extends Error {}

/** Reads the block's preamble: the uncompressed length as a varint. Returns [length, next offset]. */
function preamble(input: Uint8Array): [number, number] {
  let length = 0;
  for (let pos = 0, shift = 0; pos < input.length && shift <= 28; shift += 7) {
    const c = input[pos++] as number;
    length += (c & 0x7f) * 2 ** shift;
    if (c < 0x80) return [length, pos];
  }
  throw new SnappyError('the block has no valid length');
}

/** Below this many bytes a literal or copy goes byte by byte: cheaper than a subarray and a call. */
const SHORT = 16;

/**
 * Decompresses the Snappy block `input` into `output`, which must be exactly as long as the block
 * says. The loop is written out (no helper returning pairs, no subarray per short literal): pages
 * of doubles are mostly tags of a few bytes each, and a tuple per tag cost ten times the copying.
 */
export function snappyDecompress(input: Uint8Array, output: Uint8Array): void {
  const [length, start] = preamble(input);
  if (length !== output.length) throw new SnappyError(`the block claims ${length} bytes where ${output.length} were expected`);
  const end = input.length;
  const size = output.length;
  let pos = start;
  let out = 0;
  while (pos < end) {
    const tag = input[pos++] as number;
    const kind = tag & 3;
    if (kind === 0) {
      let len = (tag >>> 2) + 1;
      if (len > 60) {
        // Tags 60 to 63 give the length minus one in the next 1 to 4 bytes, little-endian.
        const bytes = len - 60;
        if (pos + bytes > end) throw new SnappyError('a literal length runs past the block');
        len = 0;
        for (let i = 0; i < bytes; i++) len += (input[pos + i] as number) * 2 ** (8 * i);
        len += 1;
        pos += bytes;
      }
      if (pos + len > end || out + len > size) throw new SnappyError('a literal runs past the block or the output');
      if (len < SHORT) for (let i = 0; i < len; i++) output[out + i] = input[pos + i] as number;
      else output.set(input.subarray(pos, pos + len), out);
      pos += len;
      out += len;
      continue;
    }
    let len: number;
    let offset: number;
    if (kind === 1) {
      if (pos + 1 > end) throw new SnappyError('a copy runs past the block');
      len = ((tag >>> 2) & 7) + 4;
      offset = ((tag >>> 5) << 8) | (input[pos++] as number);
    } else if (kind === 2) {
      if (pos + 2 > end) throw new SnappyError('a copy runs past the block');
      len = (tag >>> 2) + 1;
      offset = (input[pos] as number) | ((input[pos + 1] as number) << 8);
      pos += 2;
    } else {
      if (pos + 4 > end) throw new SnappyError('a copy runs past the block');
      len = (tag >>> 2) + 1;
      offset = (input[pos] as number) + (input[pos + 1] as number) * 0x100 + (input[pos + 2] as number) * 0x10000 + (input[pos + 3] as number) * 0x1000000;
      pos += 4;
    }
    if (offset === 0 || offset > out || out + len > size) throw new SnappyError(`a copy of ${len} bytes from ${offset} back at ${out} does not fit`);
    // Copies may overlap their own output (a run): byte by byte then, or when short.
    if (len < SHORT || offset < len) for (let i = 0; i < len; i++) output[out + i] = output[out - offset + i] as number;
    else output.copyWithin(out, out - offset, out - offset + len);
    out += len;
  }
  if (out !== size) throw new SnappyError(`the block ends after ${out} of its ${size} bytes`);
}

/** The WebAssembly decoder's instance for Snappy pages. */
const slot = new DecoderSlot();

/** What the decoder's codes mean. */
const REFUSALS: Readonly<Record<number, string>> = { [-2]: 'a literal runs past the block or the output', [-3]: 'a copy is cut short or does not fit', [-4]: 'the block ends before its output is full' };

/**
 * Decompresses the Snappy block `input`, which must claim exactly `length` bytes, and returns a
 * view of the output in the decoder's memory: valid until the next call, so the caller reads it
 * before decompressing another page (`snappyPage` returns a copy).
 *
 * The decoder is `decompress` of page-decoders.wat, compiled to WebAssembly: it checks every
 * length and offset before use as the JavaScript decoder above does, so a block ends after one
 * pass over its input and writes nothing outside its output (and the slack reserved after it). The page is decompressed where it
 * will be read, with no buffer allocated per page. `test/unit/evidence/snappy.test.ts` holds both
 * decoders to the same answers, on valid and on corrupted blocks.
 */
export function snappyView(input: Uint8Array, length: number): Uint8Array {
  const [claimed, start] = preamble(input);
  if (claimed !== length) throw new SnappyError(`the block claims ${claimed} bytes where ${length} were expected`);
  const ilen = input.length - start;
  const op = align8(FIRST_REGION + ilen + SLACK);
  const wasm = slot.acquire(op + length + SLACK);
  if (!wasm) return checkedPage(input, length);
  const bytes = new Uint8Array(wasm.memory.buffer);
  bytes.set(input.subarray(start), FIRST_REGION);
  const code = wasm.decompress(FIRST_REGION, ilen, op, length);
  if (code !== 0) {
    // The checked decoder names what is wrong (which element, where); a refused block is rare.
    checkedPage(input, length);
    throw new SnappyError(`the block cannot be decompressed (${REFUSALS[code] ?? `code ${code}`})`);
  }
  slot.release();
  return bytes.subarray(op, op + length);
}

/** `hyparquet`'s decompressor signature: the page in a buffer of its own. */
export function snappyPage(input: Uint8Array, length: number): Uint8Array {
  return snappyView(input, length).slice();
}

/** The checked JavaScript decoder with `snappyPage`'s signature. */
export function checkedPage(input: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  snappyDecompress(input, out);
  return out;
}
