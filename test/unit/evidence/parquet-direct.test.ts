// The direct Parquet path (pages decoded straight into typed arrays) gives exactly the table of
// the general path through hyparquet: same values, same nulls, same category order, on files of
// both page versions, plain and dictionary encodings, Snappy and uncompressed, several row groups
// and pages, and the cells that need care (NaN, -0, infinities, 2^53 + 1, missing tokens, Unicode).
import assert from 'node:assert/strict';
import { statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { loadParquet } from '../../../server/src/evidence/parquet';
import { writeParquet } from '../../fixtures/evidence/make-parquet';
import { tempDir } from './helpers';
import { TestRandom } from './random';

const t = tempDir();
after(() => t.cleanup());

/** Loads `file` by both paths; asserts equal tables and returns how many chunks took the direct path. */
async function same(file: string, types?: Record<string, 'numeric' | 'categorical' | 'boolean' | 'timestamp'>): Promise<number> {
  const counts = { direct: 0, general: 0 };
  const direct = await loadParquet(file, types ? { types } : {}, { direct: true, counts });
  const general = await loadParquet(file, types ? { types } : {}, { direct: false });
  assert.deepEqual(direct, general);
  assert.ok(direct.ok, JSON.stringify(direct));
  return counts.direct;
}

/** A column of `n` values from `pick`, with about `nulls` of them null. */
function column<T>(rng: TestRandom, n: number, nulls: number, pick: (i: number) => T): (T | null)[] {
  return Array.from({ length: n }, (_, i) => (rng.chance(nulls) ? null : pick(i)));
}

/** Writes columns with hyparquet-writer (version 2 pages) to a file. */
function write(name: string, columnData: Parameters<typeof parquetWriteBuffer>[0]['columnData'], options: { codec?: 'SNAPPY' | 'UNCOMPRESSED'; rowGroupSize?: number; pageSize?: number } = {}): string {
  const file = path.join(t.dir, name);
  writeFileSync(file, Buffer.from(parquetWriteBuffer({ columnData, ...options })));
  return file;
}

describe('Parquet direct path', () => {
  const rng = new TestRandom(18);
  const n = 5000;
  const texts = ['a', 'b', 'NA', '', 'é ü 日本', 'null', 'x'.repeat(40)];
  const data = {
    dbl: column(rng, n, 0.1, () => [Number.NaN, -0, Infinity, -Infinity, 1.5, rng.next() * 1e6][rng.int(6)] as number),
    few: column(rng, n, 0.05, () => rng.int(7) * 0.25),
    int: column(rng, n, 0.1, () => rng.int(2 ** 31) - 2 ** 30),
    big: column(rng, n, 0.1, () => [2n ** 53n + 1n, -(2n ** 62n) + 3n, 12345678901234567n, 0n][rng.int(4)] as bigint),
    flt: column(rng, n, 0.1, () => rng.next() * 100 - 50),
    txt: column(rng, n, 0.1, () => texts[rng.int(texts.length)] as string),
    many: column(rng, n, 0.02, (i) => `id-${i}-${rng.int(1000)}`),
  };
  const columns = [
    { name: 'dbl', data: data.dbl, type: 'DOUBLE' as const },
    { name: 'few', data: data.few, type: 'DOUBLE' as const },
    { name: 'int', data: data.int, type: 'INT32' as const },
    { name: 'big', data: data.big, type: 'INT64' as const },
    { name: 'flt', data: data.flt, type: 'FLOAT' as const },
    { name: 'txt', data: data.txt, type: 'STRING' as const },
    { name: 'many', data: data.many, type: 'STRING' as const },
  ];

  for (const codec of ['SNAPPY', 'UNCOMPRESSED'] as const) {
    it(`equals the general path: version 2 pages, plain and dictionary, ${codec}, several row groups and pages`, async () => {
      const file = write(`v2-${codec}.parquet`, columns, { codec, rowGroupSize: 1700, pageSize: 4096 });
      assert.equal(await same(file), columns.length * 3, 'every chunk took the direct path');
    });
  }

  it('counts a NaN held in a dictionary, and missing texts in one, as missing cells, as the general path does', async () => {
    const values = column(rng, n, 0.05, () => [Number.NaN, Infinity, -Infinity, 2.5][rng.int(4)] as number);
    const labels = column(rng, n, 0.05, () => ['NA', 'ok', ''][rng.int(3)] as string);
    const file = write('dictionary-nan.parquet', [{ name: 'v', data: values, type: 'DOUBLE' as const }, { name: 's', data: labels, type: 'STRING' as const }], { rowGroupSize: 1500 });
    assert.equal(await same(file), 8, 'every chunk took the direct path');
    const table = await loadParquet(file);
    assert.ok(table.ok);
    const nulls = (name: string): number | undefined => (table.ok ? table.value.columns.find((c) => c.name === name)?.nullCount : undefined);
    assert.equal(nulls('v'), values.filter((v) => v === null || Number.isNaN(v)).length);
    assert.ok((nulls('s') ?? 0) >= labels.filter((v) => v === null || v === 'NA').length);
  });

  it('reports progress through the whole file', async () => {
    const file = write('progress.parquet', columns, { rowGroupSize: 1000 });
    const { size } = statSync(file);
    let furthest = 0;
    const table = await loadParquet(file, { onProgress: (done) => (furthest = Math.max(furthest, done)) });
    assert.ok(table.ok);
    assert.ok(furthest > 0.9 * size, `progress reached ${furthest} of ${size} bytes`);
  });

  it('equals the general path with plain encoding forced, and with required columns', async () => {
    const plain = columns.map((c) => ({ ...c, encoding: 'PLAIN' as const }));
    assert.ok((await same(write('plain.parquet', plain, { rowGroupSize: 2500 }))) > 0);
    const required = [{ name: 'd', data: Float64Array.from({ length: n }, () => rng.next()), type: 'DOUBLE' as const, nullable: false }, { name: 's', data: Array.from({ length: n }, () => texts[rng.int(3)] as string), type: 'STRING' as const, nullable: false }];
    assert.equal(await same(write('required.parquet', required, { rowGroupSize: n })), 2);
  });

  it('equals the general path on version 1 pages (PLAIN, optional, uncompressed)', async () => {
    const file = path.join(t.dir, 'v1.parquet');
    writeFileSync(file, writeParquet([
      { name: 'x', type: 'DOUBLE', values: data.dbl.slice(0, 900) },
      { name: 'i', type: 'INT32', values: data.int.slice(0, 900) },
      { name: 'l', type: 'INT64', values: data.big.slice(0, 900) },
      { name: 's', type: 'BYTE_ARRAY', converted: 'UTF8', values: data.txt.slice(0, 900) },
    ], {}, 3));
    assert.equal(await same(file), 12);
  });

  it('leaves to the general path what it does not decode: timestamps, booleans, declared types over the schema\'s', async () => {
    const file = write('other.parquet', [
      { name: 'ts', data: Array.from({ length: 300 }, (_, i) => new Date(Date.UTC(2025, 0, 1) + i * 1000)), type: 'TIMESTAMP' as const },
      { name: 'ok', data: Array.from({ length: 300 }, (_, i) => i % 3 === 0), type: 'BOOLEAN' as const },
      { name: 'n', data: Array.from({ length: 300 }, (_, i) => String(i)), type: 'STRING' as const },
    ]);
    assert.equal(await same(file), 1, 'only the text column');
    assert.equal(await same(file, { n: 'numeric' }), 0);
  });

});
