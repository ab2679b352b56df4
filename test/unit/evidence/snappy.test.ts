/**
 * The checked Snappy decoder: the same bytes as `hyparquet`'s decoder on valid blocks (generated
 * here with every kind of element), and a located error, in one pass, on blocks that make that
 * decoder loop forever or write past its output.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { snappyUncompress } from 'hyparquet';
import { readFileSync } from 'node:fs';
import { compilePageDecoders, PAGE_DECODERS_MODULE, pageDecodersModule } from '../../../scripts/generate-page-decoders';
import { instantiateDecoders } from '../../../server/src/evidence/page-decoders';
import { checkedPage, SnappyError, snappyDecompress, snappyPage, snappyView } from '../../../server/src/evidence/snappy';
import { snappyBombBlock } from '../../fixtures/evidence/make-parquet';
import { varint } from './helpers';
import { TestRandom } from './random';

/** A random valid Snappy block using literals (short and long) and copies of all three widths, with its expected output. */
function randomBlock(rng: TestRandom): { block: Uint8Array; data: Uint8Array } {
  const data: number[] = [];
  const ops: number[] = [];
  for (let n = 1 + rng.int(40); n > 0; n--) {
    const kind = data.length === 0 ? 0 : rng.int(4);
    if (kind === 0) {
      const len = 1 + rng.int(rng.chance(0.3) ? 300 : 60);
      const bytes = Array.from({ length: len }, () => rng.int(256));
      if (len <= 60) ops.push((len - 1) << 2);
      else if (len <= 256) ops.push(60 << 2, len - 1);
      else ops.push(61 << 2, (len - 1) & 0xff, (len - 1) >> 8);
      ops.push(...bytes);
      data.push(...bytes);
      continue;
    }
    const offset = 1 + rng.int(Math.min(data.length, kind === 1 ? 2047 : 65_535));
    const len = kind === 1 ? 4 + rng.int(8) : 1 + rng.int(64);
    if (kind === 1) ops.push(1 | ((len - 4) << 2) | ((offset >> 8) << 5), offset & 0xff);
    else if (kind === 2) ops.push(2 | ((len - 1) << 2), offset & 0xff, offset >> 8);
    else ops.push(3 | ((len - 1) << 2), offset & 0xff, (offset >> 8) & 0xff, 0, 0);
    // Copies may overlap what they write.
    for (let i = 0; i < len; i++) data.push(data[data.length - offset] as number);
  }
  return { block: Uint8Array.from([...varint(data.length), ...ops]), data: Uint8Array.from(data) };
}

describe('checked Snappy decoder', () => {
  it('decodes 2,000 generated blocks exactly as hyparquet does', () => {
    const rng = new TestRandom(20261202);
    for (let n = 0; n < 2000; n++) {
      const { block, data } = randomBlock(rng);
      const ours = new Uint8Array(data.length);
      snappyDecompress(block, ours);
      const theirs = new Uint8Array(data.length);
      snappyUncompress(block, theirs);
      assert.deepEqual(ours, data, `block ${n}`);
      assert.deepEqual(theirs, data, `block ${n}`);
    }
  });

  it('refuses, in one pass, a literal whose length is negative as a 32-bit integer (hyparquet loops on it forever)', () => {
    assert.throws(() => snappyDecompress(snappyBombBlock(100), new Uint8Array(100)), (e: unknown) => e instanceof SnappyError && /a literal runs past the block/.test(e.message));
  });

  it('refuses copies that reach before the start or past the end, and blocks of the wrong length', () => {
    const cases: [number[], number, RegExp][] = [
      [[10, 0x05 << 2, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x02 | (3 << 2), 0x09, 0x00], 10, /a copy of 4 bytes from 9 back at 6 does not fit/],
      [[4, 0x00, 0x41, 0x02 | (63 << 2), 0x01, 0x00], 4, /a copy of 64 bytes from 1 back at 1 does not fit/],
      [[5, 0x00, 0x41], 4, /claims 5 bytes where 4 were expected/],
      [[2, 0x00, 0x41], 2, /ends after 1 of its 2 bytes/],
      [[0xff, 0xff, 0xff, 0xff, 0xff, 0xff], 2, /no valid length/],
      [[4, 0x00, 0x41, 0x02 | (1 << 2)], 4, /a copy runs past the block/],
    ];
    for (const [bytes, size, message] of cases) {
      assert.throws(() => snappyDecompress(Uint8Array.from(bytes), new Uint8Array(size)), message);
    }
  });
});

describe('the WebAssembly decoder behind snappyPage (page-decoders.wat)', () => {
  it('gives the checked decoder\'s bytes on 2,000 generated blocks', () => {
    const rng = new TestRandom(20261203);
    for (let n = 0; n < 2000; n++) {
      const { block, data } = randomBlock(rng);
      assert.deepEqual(snappyPage(block, data.length), checkedPage(block, data.length), `block ${n}`);
    }
  });

  it('refuses every block the checked decoder refuses, in one pass', () => {
    const cases: [Uint8Array, number][] = [
      [snappyBombBlock(100), 100],
      [Uint8Array.from([10, 0x05 << 2, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x02 | (3 << 2), 0x09, 0x00]), 10],
      [Uint8Array.from([4, 0x00, 0x41, 0x02 | (63 << 2), 0x01, 0x00]), 4],
      [Uint8Array.from([5, 0x00, 0x41]), 4],
      [Uint8Array.from([2, 0x00, 0x41]), 2],
      [Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), 2],
      [Uint8Array.from([4, 0x00, 0x41, 0x02 | (1 << 2)]), 4],
      [Uint8Array.from([4, 0x00, 0x41, 0x01 | (0 << 2), 0x00]), 4],
    ];
    for (const [block, size] of cases) {
      assert.throws(() => checkedPage(block, size), SnappyError);
      assert.throws(() => snappyPage(block, size), SnappyError);
    }
  });

  it('never returns bytes of an earlier page: a block must fill exactly the page', () => {
    const { block, data } = randomBlock(new TestRandom(7));
    assert.deepEqual(snappyPage(block, data.length), data);
    assert.throws(() => snappyPage(block, data.length + 8), /claims/);
  });

  it('refuses random corruptions of valid blocks whenever the checked decoder does, and agrees otherwise', () => {
    const rng = new TestRandom(99);
    for (let n = 0; n < 2000; n++) {
      const { block, data } = randomBlock(rng);
      const bad = block.slice();
      for (let k = 0; k < 3; k++) bad[rng.int(bad.length)] = rng.int(256);
      let js: Uint8Array | Error;
      let wasm: Uint8Array | Error;
      try { js = checkedPage(bad, data.length); } catch (e) { js = e as Error; }
      try { wasm = snappyPage(bad, data.length); } catch (e) { wasm = e as Error; }
      assert.equal(js instanceof Error, wasm instanceof Error, `block ${n}: ${String(js instanceof Error ? js.message : 'ok')} vs ${String(wasm instanceof Error ? wasm.message : 'ok')}`);
      if (!(js instanceof Error)) assert.deepEqual(wasm, js, `block ${n}`);
    }
  });
});

describe('the Snappy decoder of page-decoders.wat', () => {
  it('is committed as the compilation of page-decoders.wat (run scripts/generate-page-decoders.ts after editing it)', async () => {
    assert.equal(readFileSync(PAGE_DECODERS_MODULE, 'utf8'), pageDecodersModule(await compilePageDecoders()));
  });

  it('writes nothing past its output\'s slack and reads nothing past its input\'s, on valid and corrupted blocks', () => {
    const { memory, decompress } = instantiateDecoders();
    const rng = new TestRandom(31);
    for (let n = 0; n < 500; n++) {
      const { block, data } = randomBlock(rng);
      const bad = rng.chance(0.5) ? block.slice() : block;
      if (bad !== block) bad[rng.int(bad.length)] = rng.int(256);
      // The output first, then guard bytes, then the input, whose slack ends the memory: a write
      // past the output's slack changes a guard byte, a read past the input's slack traps.
      const start = varint(data.length).length;
      const elements = bad.subarray(start);
      const bytes = new Uint8Array(memory.buffer);
      bytes.fill(0xa5);
      const ip = bytes.length - 32 - elements.length;
      bytes.set(elements, ip);
      const guard = 64 + data.length + 32;
      const code = decompress(ip, elements.length, 64, data.length);
      assert.ok([0, -2, -3, -4].includes(code), `block ${n}: code ${code}`);
      assert.ok(bytes.subarray(guard, ip).every((b) => b === 0xa5), `block ${n} wrote past its slack`);
      if (bad === block) assert.deepEqual(bytes.subarray(64, 64 + data.length), data, `block ${n}`);
    }
  });

  it('lets go of a memory grown past 64 MiB once its page is read', () => {
    const data = new Uint8Array(70 * 1024 * 1024).fill(7);
    // One literal byte, then copies of 64 bytes from 1 back (a run), filling the page.
    const ops = [...varint(data.length), 0x00, 7];
    for (let left = data.length - 1; left > 0; left -= 64) ops.push(0x02 | ((Math.min(64, left) - 1) << 2), 1, 0);
    const block = Uint8Array.from(ops);
    const first = snappyView(block, data.length);
    assert.equal(first.length, data.length);
    for (let i = 0; i < first.length; i += 4093) assert.equal(first[i], 7);
    const small = randomBlock(new TestRandom(5));
    const next = snappyView(small.block, small.data.length);
    assert.notEqual(next.buffer, first.buffer, 'the large memory was kept');
    assert.equal(first.length, data.length, 'the large page was detached before it was read');
  });
});
