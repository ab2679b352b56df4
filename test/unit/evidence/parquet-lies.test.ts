/**
 * Parquet files whose metadata lies: a footer, a row group, a column chunk or a page claiming more
 * values than the file holds, and run lengths inside a page claiming billions of values. Only the
 * rows actually stored count; any disagreement is a located `corrupt` problem, and nothing is
 * allocated from a claim before it was checked (the claims below would take gigabytes).
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { type NumericColumn, getColumn, loadParquet, loadTable } from '../../../server/src/evidence';
import { type ColumnSpec, type Lies, writeParquet } from '../../fixtures/evidence/make-parquet';
import { problems, tempDir, value } from './helpers';

/** 500 real latencies, one in ten missing. */
const LATENCIES: ColumnSpec = { name: 'latency_ms', type: 'DOUBLE', values: Array.from({ length: 500 }, (_, i) => (i % 10 === 9 ? null : 100 + i)) };
const STATUS: ColumnSpec = { name: 'status', type: 'BYTE_ARRAY', converted: 'UTF8', values: Array.from({ length: 500 }, (_, i) => (i % 20 === 0 ? 'timeout' : 'ok')) };

describe('Parquet files with lying metadata', () => {
  const t = tempDir();
  after(() => t.cleanup());
  const write = (name: string, lies: Lies, groups = 1): string => t.write(name, writeParquet([LATENCIES, STATUS], lies, groups));

  it('rejects a footer claiming 30,000 rows over 500 real ones, even with min_samples 30,000 (it was padded to pass)', async () => {
    const [p, ...rest] = problems(await loadTable(write('padded.parquet', { fileRows: 30_000 }), { displayName: 'perf/requests.parquet', minRows: 30_000 }));
    assert.equal(p?.code, 'corrupt');
    assert.match(p?.message ?? '', /^perf\/requests\.parquet is corrupt: its footer claims 30,000 rows but its row groups hold 500\. Only rows actually stored/);
    assert.deepEqual(rest, []);
  });

  it('rejects a footer claiming a billion rows without allocating for them (it once took 16 GB)', async () => {
    const [p] = problems(await loadParquet(write('billion.parquet', { fileRows: 1e9 })));
    assert.equal(p?.code, 'corrupt');
    assert.match(p?.message ?? '', /claims 1,000,000,000 rows but its row groups hold 500/);
  });

  it('rejects a row group whose count disagrees with its column chunks, naming the group and the column', async () => {
    const [p] = problems(await loadParquet(write('group.parquet', { fileRows: 30_000, groupRows: 30_000 })));
    assert.equal(p?.code, 'corrupt');
    assert.match(p?.message ?? '', /row group 1 claims 30,000 rows but its column latency_ms claims 500 values/);
    assert.deepEqual([p?.row, p?.column], [1, 'latency_ms']);
  });

  it('rejects counts that agree in the footer but not with the pages', async () => {
    const [p] = problems(await loadParquet(write('chunk.parquet', { fileRows: 30_000, groupRows: 30_000, chunkValues: 30_000 })));
    assert.equal(p?.code, 'corrupt');
    assert.match(p?.message ?? '', /in row group 1, column latency_ms: its pages hold 500 values but the column chunk claims 30,000/);
  });

  it('rejects a page claiming more values than its column chunk', async () => {
    const [p] = problems(await loadParquet(write('page.parquet', { pageValues: 30_000 })));
    assert.equal(p?.code, 'corrupt');
    assert.match(p?.message ?? '', /a page claims 30,000 values where the column chunk has 500 left/);
  });

  it('rejects a run length of two billion in a 4 KB file before the decoder grows an array to it', async () => {
    const [p] = problems(await loadParquet(write('bomb.parquet', { levelRun: 2 ** 31 - 1 })));
    assert.equal(p?.code, 'corrupt');
    assert.match(p?.message ?? '', /a run repeats one value 2,147,483,647 times where 500 values remain/);
  });

  it('refuses consistent claims of a billion rows as too large for the file, before decoding', async () => {
    const lies = { fileRows: 1e9, groupRows: 1e9, chunkValues: 1e9, pageValues: 1e9 };
    const [p] = problems(await loadParquet(write('consistent.parquet', lies)));
    assert.equal(p?.code, 'too-large');
    assert.match(p?.message ?? '', /its 1,000,000,000 rows of 2 columns \(as its footer claims\) would need about [\d.]+ GiB of memory, more than the 256\.0 MiB budget/);
  });

  it('checks every row group and locates a lie in the second at its first row', async () => {
    const [p] = problems(await loadParquet(write('second.parquet', { group: 1, groupRows: 400, fileRows: 650 }, 2)));
    assert.equal(p?.code, 'corrupt');
    assert.match(p?.message ?? '', /row group 2 claims 400 rows but its column latency_ms claims 250 values/);
    assert.equal(p?.row, 251);
  });

  it('rejects a row group that leaves a column out, since its rows would be made up', async () => {
    const [p] = problems(await loadParquet(write('omitted.parquet', { group: 1, omit: 'status' }, 2)));
    assert.equal(p?.code, 'corrupt');
    assert.match(p?.message ?? '', /row group 2 claims 250 rows but its column status decoded 0 in order/);
    assert.deepEqual([p?.row, p?.column], [251, 'status']);
  });

  it('reads a sound file of several row groups exactly as one', async () => {
    const one = value(await loadParquet(write('one.parquet', {})));
    const three = value(await loadParquet(write('three.parquet', {}, 3)));
    assert.equal(three.rowCount, 500);
    assert.deepEqual(three, { ...one, file: three.file });
    assert.equal((getColumn(three, 'latency_ms') as NumericColumn).nullCount, 50);
  });

  it('refuses a sound file whose table exceeds a configured budget', async () => {
    const [p] = problems(await loadParquet(write('budget.parquet', {}), { maxMemoryBytes: 16 * 1024 }));
    assert.equal(p?.code, 'too-large');
  });

  it('reads a sound Snappy file exactly as the same file uncompressed', async () => {
    const plain = value(await loadParquet(write('plain.parquet', {}, 2)));
    const snappy = value(await loadParquet(write('snappy.parquet', { snappy: true }, 2)));
    assert.deepEqual(snappy, { ...plain, file: snappy.file });
  });

  it('rejects a Snappy page claiming to expand beyond what Snappy can (the decoder would allocate it)', async () => {
    const [p] = problems(await loadParquet(write('expands.parquet', { snappy: true, expandsTo: 2 ** 30 })));
    assert.equal(p?.code, 'corrupt');
    assert.match(p?.message ?? '', /in row group 1, column latency_ms: a Snappy page of \d+ bytes claims to expand to 1073741824 bytes/);
  });

  it('rejects a Snappy block that sends the library decoder into an endless loop', { timeout: 60_000 }, async () => {
    const [p] = problems(await loadParquet(write('loop.parquet', { snappy: true, snappyBomb: true })));
    assert.equal(p?.code, 'parse');
    assert.match(p?.message ?? '', /is not a readable Parquet file \(in row group 1, column latency_ms, a page cannot be read \(a literal runs past the block or the output\)\)/);
    assert.deepEqual([p?.row, p?.column], [1, 'latency_ms']);
  });

  it('refuses two columns of one name instead of reading the first', async () => {
    const file = t.write('twice.parquet', writeParquet([LATENCIES, { ...STATUS, name: 'latency_ms' }]));
    const [p] = problems(await loadParquet(file));
    assert.equal(p?.code, 'shape');
    assert.match(p?.message ?? '', /column name 'latency_ms' appears twice in the Parquet schema/);
  });
});
