/**
 * Dictionary indices decoded by the WebAssembly decoders (`indices`, `gather`, `gather32` of
 * page-decoders.wat) give exactly what the JavaScript decoder gives, on generated pages of every
 * width from 1 to 32 bits mixing run-length and bit-packed runs, and both refuse the same
 * corrupted pages: a run header, run or value past the page, a run past the values left, an index
 * past the dictionary. The decoders stay inside their regions and the slack after them, and the
 * NaNs of a page's doubles are counted where it was decompressed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countNaNInDecoders, instantiateDecoders } from '../../../server/src/evidence/page-decoders';
import { dictionaryCodes, dictionaryNumbers } from '../../../server/src/evidence/parquet-dictionary';
import { plainNumbers, readHybrid } from '../../../server/src/evidence/parquet-values';
import { snappyView } from '../../../server/src/evidence/snappy';
import { varint } from './helpers';
import { TestRandom } from './random';

/**
 * `values` as a data page's dictionary indices: the width byte, then runs: run-length where a value
 * repeats (and now and then for a single one), bit-packed groups of 8 otherwise (the last padded).
 */
function encode(values: readonly number[], width: number, rng: TestRandom): Uint8Array {
  const out = [width];
  let i = 0;
  while (i < values.length) {
    let repeat = 1;
    while (i + repeat < values.length && values[i + repeat] === values[i]) repeat++;
    if (repeat >= 8 || rng.chance(0.1)) {
      out.push(...varint(repeat * 2));
      for (let b = 0; b < (width + 7) >> 3; b++) out.push(Math.floor((values[i] as number) / 2 ** (8 * b)) % 256);
      i += repeat;
      continue;
    }
    const groups = Math.min(1 + rng.int(4), Math.ceil((values.length - i) / 8));
    out.push(...varint(groups * 2 + 1));
    const packed = new Array<number>(groups * width).fill(0);
    for (let k = 0; k < groups * 8; k++) {
      const v = values[i + k] ?? 0;
      for (let b = 0; b < width; b++) if (Math.floor(v / 2 ** b) % 2) packed[(k * width + b) >> 3]! |= 1 << ((k * width + b) & 7);
    }
    out.push(...packed);
    i += groups * 8;
  }
  return Uint8Array.from(out);
}

/** A generated page: its indices into a dictionary of `size` entries, and their encoding. */
function page(rng: TestRandom): { values: number[]; size: number; width: number; bytes: Uint8Array } {
  const width = 1 + rng.int(32);
  const size = Math.min(2 ** width, 1 + rng.int(rng.chance(0.5) ? 40 : 5000));
  const n = 1 + rng.int(600);
  const values: number[] = [];
  while (values.length < n) {
    const v = rng.int(size);
    for (let r = rng.chance(0.2) ? 1 + rng.int(30) : 1; r > 0 && values.length < n; r--) values.push(v);
  }
  return { values, size, width, bytes: encode(values, width, rng) };
}

/** The indices by the JavaScript decoder, checked against the dictionary, or the error. */
function inJs(bytes: Uint8Array, n: number, size: number): number[] | Error {
  try {
    const idx = new Int32Array(n);
    if ((bytes[0] as number) > 32) throw new RangeError('width');
    readHybrid(bytes, 1, bytes[0] as number, n, idx);
    for (const d of idx) if (d < 0 || d >= size) throw new RangeError('past');
    return [...idx];
  } catch (err) {
    return err as Error;
  }
}

/** The numbers `dictionaryNumbers` writes for the page, or the error. */
function numbers(bytes: Uint8Array, n: number, dict: Float64Array): number[] | Error {
  try {
    const out = new Float64Array(n + 3).fill(-7);
    dictionaryNumbers(bytes, 0, n, dict, out, 3);
    assert.deepEqual([...out.subarray(0, 3)], [-7, -7, -7], 'wrote before its rows');
    return [...out.subarray(3)];
  } catch (err) {
    return err as Error;
  }
}

describe('dictionary indices in WebAssembly', () => {
  it('equal the JavaScript decoder on 600 generated pages of widths 1 to 32, numbers bit for bit and codes in first-seen order', () => {
    const rng = new TestRandom(1802);
    for (let c = 0; c < 600; c++) {
      const { values, size, width, bytes } = page(rng);
      assert.deepEqual(inJs(bytes, values.length, size), values, `page ${c} (width ${width}), JavaScript`);
      const dict = Float64Array.from({ length: size }, (_, i) => (i % 7 === 3 ? Number.NaN : i * 1.5 - 3));
      assert.deepEqual(numbers(bytes, values.length, dict), values.map((v) => dict[v]), `page ${c} (width ${width}), numbers`);
      const ids = Int32Array.from({ length: size }, (_, i) => (i % 2 ? 100 + i : -2));
      const seen: number[] = [];
      const out = new Int32Array(values.length);
      dictionaryCodes(bytes, 0, values.length, ids, out, 0, (idx) => {
        assert.deepEqual([...idx], values, `page ${c}: the indices handed to resolve`);
        for (const d of idx) if (ids[d] === -2) (ids[d] = 1000 + seen.length), seen.push(d);
      });
      assert.deepEqual([...out], values.map((v) => ids[v]), `page ${c} (width ${width}), codes`);
    }
  });

  it('refuses what the JavaScript decoder refuses on 3,000 corrupted pages, and agrees otherwise', () => {
    const rng = new TestRandom(1803);
    let refused = 0;
    for (let c = 0; c < 3000; c++) {
      const { values, size, bytes } = page(rng);
      const bad = bytes.slice(0, rng.chance(0.2) ? 1 + rng.int(bytes.length) : bytes.length);
      for (let k = rng.int(3); k >= 0; k--) bad[1 + rng.int(bad.length - 1)] = rng.int(256);
      const n = rng.chance(0.1) ? values.length + 1 + rng.int(20) : values.length;
      const js = inJs(bad, n, size);
      const dict = Float64Array.from({ length: size }, (_, i) => i);
      const wasm = numbers(bad, n, dict);
      assert.equal(wasm instanceof Error, js instanceof Error, `page ${c}: ${String(js instanceof Error ? js.message : 'decoded')} by JavaScript, ${String(wasm instanceof Error ? wasm.message : 'decoded')} by WebAssembly`);
      if (wasm instanceof Error) {
        assert.ok(wasm instanceof RangeError, `page ${c}: ${wasm.message}`);
        refused++;
      } else assert.deepEqual(wasm, (js as number[]).map((d) => dict[d]), `page ${c}`);
    }
    assert.ok(refused > 1000, `only ${refused} of 3,000 corrupted pages were refused`);
  });

  it('stays inside its regions: reads end at the input\'s slack, writes at the output\'s', () => {
    const rng = new TestRandom(1804);
    const { memory, indices } = instantiateDecoders();
    for (let c = 0; c < 300; c++) {
      const { values, size, bytes } = page(rng);
      const bad = bytes.slice();
      if (rng.chance(0.5)) bad[1 + rng.int(bad.length - 1)] = rng.int(256);
      const mem = new Uint8Array(memory.buffer);
      mem.fill(0xa5);
      // Output first, guard bytes, then the input ending 32 bytes before the memory does.
      const input = mem.length - 32 - (bad.length - 1);
      mem.set(bad.subarray(1), input);
      const guard = 64 + 4 * values.length + 32;
      const code = indices(input, bad.length - 1, bad[0] as number, values.length, size, 64);
      assert.ok([0, -5, -6].includes(code), `page ${c}: code ${code}`);
      assert.ok(mem.subarray(guard, input).every((b) => b === 0xa5), `page ${c} wrote past its slack`);
    }
  });
});

describe('NaNs counted in WebAssembly', () => {
  it('counts exactly the NaNs among doubles of every bit pattern, odd counts included, and not the infinities', () => {
    const rng = new TestRandom(1805);
    const decoders = instantiateDecoders();
    const floats = new Float64Array(decoders.memory.buffer, 64, 4000);
    const bits = new Uint32Array(decoders.memory.buffer, 64, 8000);
    for (let c = 0; c < 200; c++) {
      const n = rng.int(4000);
      let expected = 0;
      for (let i = 0; i < n; i++) {
        const kind = rng.int(6);
        if (kind === 0) {
          // A NaN with a random payload and sign (quiet or signalling).
          bits[2 * i] = rng.int(2 ** 32);
          bits[2 * i + 1] = (rng.chance(0.5) ? 0xfff00000 : 0x7ff00000) | (1 + rng.int(0xfffff));
          expected++;
        } else floats[i] = [Infinity, -Infinity, 0, -0, rng.next() * 1e300 - 5e299][kind - 1] as number;
      }
      floats[n] = Number.NaN; // past the values: not counted
      assert.equal(decoders.count_nan(64, n), expected, `case ${c} of ${n} values`);
    }
  });

  it('serves plain doubles of a Snappy page in the decoders\' memory, and leaves other arrays to JavaScript', () => {
    const values = Float64Array.from({ length: 1001 }, (_, i) => (i % 10 === 0 ? Number.NaN : i));
    const raw = new Uint8Array(values.buffer);
    // One literal holding the whole page (a length in 2 bytes after tag 61).
    const block = Uint8Array.from([...varint(raw.length), 61 << 2, (raw.length - 1) & 0xff, (raw.length - 1) >> 8, ...raw]);
    const page = snappyView(block, raw.length);
    assert.equal(countNaNInDecoders(page, 0, 1001), 101);
    assert.equal(countNaNInDecoders(raw, 0, 1001), undefined);
    const out = new Float64Array(1001);
    assert.equal(plainNumbers('double', page, 0, 1001, out, 0), 101);
    assert.equal(plainNumbers('double', raw, 0, 1001, out, 0), 101);
  });
});
