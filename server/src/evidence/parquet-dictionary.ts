/**
 * Dictionary indices of a data page (a bit width, then the hybrid run-length / bit-packed runs),
 * decoded by `indices` and `gather` of page-decoders.wat: the page's index bytes are copied into
 * the decoders' memory (a byte or less per value), decoded there with every run and index
 * checked, and read back as one block. Where WebAssembly is unavailable, or a page is refused (to
 * say exactly why), the JavaScript decoder of parquet-values.ts does the same.
 */
import { align8, DecoderSlot, FIRST_REGION, type PageDecoders, SLACK } from './page-decoders';
import { readHybrid } from './parquet-values';

/** The decoders' instance for dictionary indices (apart from Snappy's, whose page is being read). */
const slot = new DecoderSlot();

/** Above this many index bytes the JavaScript decoder serves (bit positions stay below 2³²). */
const MAX_WASM_INPUT = 256 * 1024 * 1024;

/** Indices through the JavaScript decoder (the fallback, and the one whose errors name the index). */
const fallback = { idx: new Int32Array(0) };

/** The bit width of the page's indices at `offset`, checked. */
function widthAt(bytes: Uint8Array, offset: number): number {
  if (offset >= bytes.length) throw new RangeError('a page ends before its dictionary indices');
  const width = bytes[offset] as number;
  if (width > 32) throw new RangeError(`dictionary indices of ${width} bits`);
  return width;
}

/** The error for a dictionary index past the dictionary. */
function pastDictionary(d: number, size: number): RangeError {
  return new RangeError(`a dictionary index ${d} past its ${size} values`);
}

/** The `n` indices by the JavaScript decoder, each checked against `size`; throws what is wrong. */
function indicesInJs(bytes: Uint8Array, offset: number, n: number, size: number): Int32Array {
  if (fallback.idx.length < n) fallback.idx = new Int32Array(n);
  const idx = fallback.idx.subarray(0, n);
  const width = widthAt(bytes, offset);
  if (width > 0) readHybrid(bytes, offset + 1, width, n, idx);
  else idx.fill(0);
  for (let i = 0; i < n; i++) {
    const d = idx[i] as number;
    if (d < 0 || d >= size) throw pastDictionary(d, size);
  }
  return idx;
}

/** Where the regions of one page go in the decoders' memory: its index bytes, indices, dictionary, output. */
interface Layout {
  input: number;
  idx: number;
  dict: number;
  out: number;
  end: number;
}

/** The layout for a page of `inputBytes` index bytes, `n` values and a dictionary of `dictBytes`. */
function layout(inputBytes: number, n: number, dictBytes: number): Layout {
  const input = FIRST_REGION;
  const idx = align8(input + inputBytes + SLACK);
  const dict = align8(idx + 4 * n + SLACK);
  const out = align8(dict + dictBytes + SLACK);
  return { input, idx, dict, out, end: out + 8 * n + SLACK };
}

/**
 * Decodes the page's `n` dictionary indices at `offset` in the decoders' memory, each below
 * `size`; returns the instance and where they are, or undefined when the JavaScript decoder must.
 */
function decode(bytes: Uint8Array, offset: number, n: number, size: number, dictBytes: number): { memory: ArrayBuffer; at: Layout; wasm: PageDecoders } | undefined {
  const width = widthAt(bytes, offset);
  const input = bytes.length - offset - 1;
  if (width === 0 || input > MAX_WASM_INPUT) return undefined;
  const at = layout(input, n, dictBytes);
  const wasm = slot.acquire(at.end);
  if (!wasm) return undefined;
  new Uint8Array(wasm.memory.buffer).set(bytes.subarray(offset + 1), at.input);
  if (wasm.indices(at.input, input, width, n, size, at.idx) !== 0) {
    indicesInJs(bytes, offset, n, size);
    throw new RangeError('the dictionary indices of a page do not decode');
  }
  return { memory: wasm.memory.buffer, at, wasm };
}

/**
 * Writes the codes of `ids` (one per dictionary entry) picked by the page's `n` indices at
 * `offset` into `out` from `at`. `resolve` sees the indices first, to fill in the codes of
 * entries that have none yet, in the order the page uses them.
 */
export function dictionaryCodes(bytes: Uint8Array, offset: number, n: number, ids: Int32Array, out: Int32Array, at: number, resolve: (idx: Int32Array) => void): void {
  if (n === 0) return;
  const done = decode(bytes, offset, n, ids.length, 4 * ids.length);
  if (!done) {
    const idx = indicesInJs(bytes, offset, n, ids.length);
    resolve(idx);
    for (let i = 0; i < n; i++) out[at + i] = ids[idx[i] as number] as number;
    return;
  }
  const { memory, at: where, wasm } = done;
  resolve(new Int32Array(memory, where.idx, n));
  new Int32Array(memory, where.dict, ids.length).set(ids);
  wasm.gather32(where.idx, n, where.dict, where.out);
  out.set(new Int32Array(memory, where.out, n), at);
  slot.release();
}

/**
 * Writes the dictionary's numbers picked by the page's `n` indices at `offset` into `out` from
 * `at`, bit for bit (a NaN stays the NaN it was).
 */
export function dictionaryNumbers(bytes: Uint8Array, offset: number, n: number, dict: Float64Array, out: Float64Array, at: number): void {
  if (n === 0) return;
  const done = decode(bytes, offset, n, dict.length, 8 * dict.length);
  if (!done) {
    const idx = indicesInJs(bytes, offset, n, dict.length);
    for (let i = 0; i < n; i++) out[at + i] = dict[idx[i] as number] as number;
    return;
  }
  const { memory, at: where, wasm } = done;
  new Float64Array(memory, where.dict, dict.length).set(dict);
  wasm.gather(where.idx, n, where.dict, where.out);
  out.set(new Float64Array(memory, where.out, n), at);
  slot.release();
}
