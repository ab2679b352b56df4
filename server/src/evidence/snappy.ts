/**
 * Snappy block decompression with every length checked, for the pages of Parquet evidence.
 *
 * `hyparquet` bundles a Snappy decoder that trusts its input: a literal whose 4-byte length has
 * the top bit set becomes a negative length and moves the decoder backwards through its input, so
 * a few crafted bytes keep it busy for minutes, and copies are never checked against the output's
 * end. This one follows the format description (github.com/google/snappy, format_description.txt)
 * and refuses a length, offset or total that does not fit, so it ends after one pass over its
 * input. The loader hands it to `hyparquet` for every Snappy page.
 */

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

/** Length of the literal whose tag is at `pos - 1`, and the offset of its bytes. */
function literal(input: Uint8Array, tag: number, pos: number): [number, number] {
  const short = (tag >>> 2) + 1;
  if (short <= 60) return [short, pos];
  // Tags 60 to 63 give the length minus one in the next 1 to 4 bytes, little-endian.
  const bytes = short - 60;
  if (pos + bytes > input.length) throw new SnappyError('a literal length runs past the block');
  let length = 0;
  for (let i = 0; i < bytes; i++) length += (input[pos + i] as number) * 2 ** (8 * i);
  return [length + 1, pos + bytes];
}

/** Decompresses the Snappy block `input` into `output`, which must be exactly as long as the block says. */
export function snappyDecompress(input: Uint8Array, output: Uint8Array): void {
  const [length, start] = preamble(input);
  let pos = start;
  if (length !== output.length) throw new SnappyError(`the block claims ${length} bytes where ${output.length} were expected`);
  let out = 0;
  while (pos < input.length) {
    const tag = input[pos++] as number;
    if ((tag & 3) === 0) {
      let len: number;
      [len, pos] = literal(input, tag, pos);
      if (pos + len > input.length || out + len > output.length) throw new SnappyError('a literal runs past the block or the output');
      output.set(input.subarray(pos, pos + len), out);
      pos += len;
      out += len;
      continue;
    }
    let len: number;
    let offset: number;
    const kind = tag & 3;
    const width = kind === 1 ? 1 : kind === 2 ? 2 : 4;
    if (pos + width > input.length) throw new SnappyError('a copy runs past the block');
    if (kind === 1) {
      len = ((tag >>> 2) & 7) + 4;
      offset = ((tag >>> 5) << 8) | (input[pos] as number);
    } else {
      len = (tag >>> 2) + 1;
      offset = 0;
      for (let i = 0; i < width; i++) offset += (input[pos + i] as number) * 2 ** (8 * i);
    }
    pos += width;
    if (offset === 0 || offset > out || out + len > output.length) throw new SnappyError(`a copy of ${len} bytes from ${offset} back at ${out} does not fit`);
    // Copies may overlap their own output (a run), so they go byte by byte.
    for (let i = 0; i < len; i++) output[out + i] = output[out - offset + i] as number;
    out += len;
  }
  if (out !== output.length) throw new SnappyError(`the block ends after ${out} of its ${output.length} bytes`);
}

/** `hyparquet`'s decompressor signature: a new buffer of `length` bytes. */
export function snappyPage(input: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  snappyDecompress(input, out);
  return out;
}
