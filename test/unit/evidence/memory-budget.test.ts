/**
 * Memory budgets of table loads: files that grow far beyond what their size can hold (one endless
 * line, a header of a million names, JSON Lines rows that each add a column) stop with a located
 * `too-large` problem instead of taking the machine's memory. Limits are set small through the load
 * options so that small files show the behaviour of the defaults on huge ones.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { type NumericColumn, loadCsv, loadDocument, loadJsonLines, loadJsonTable, loadTable, loadTraces, parseCsvText } from '../../../server/src/evidence';
import { DEFAULT_MAX_LINE_BYTES, MEMORY_BYTES_PER_FILE_BYTE, MIB, MIN_MEMORY_BUDGET_BYTES, WORKER_BASE_HEAP_MIB, memoryBudget } from '../../../server/src/evidence/budget';
import { PARQUET_VALUE_BYTES } from '../../../server/src/evidence/parquet-check';
import { CELL_BYTES, COLUMN_OVERHEAD_BYTES } from '../../../server/src/evidence/table-builder';
import { JSON_NODE_BYTES } from '../../../server/src/evidence/text-size';
import { problems, tempDir, value } from './helpers';

const KIB = 1024;

describe('memory budget of table loads', () => {
  const t = tempDir();
  after(() => t.cleanup());

  it('derives the default budget from the file size, with a floor', () => {
    assert.equal(memoryBudget({}, 10), MIN_MEMORY_BUDGET_BYTES);
    assert.equal(memoryBudget({}, 100 * 1024 * KIB), 16 * 100 * 1024 * KIB);
    assert.equal(memoryBudget({ maxMemoryBytes: 5 }, 100 * 1024 * KIB), 5);
    assert.equal(DEFAULT_MAX_LINE_BYTES, 32 * 1024 * KIB);
  });

  it('is documented with the values the code uses (docs/evidence.md)', () => {
    const doc = readFileSync(path.join(__dirname, '..', '..', '..', 'docs', 'evidence.md'), 'utf8').replace(/\s+/g, ' ');
    for (const claim of [
      `${MEMORY_BYTES_PER_FILE_BYTE} × the file's size, at least ${MIN_MEMORY_BUDGET_BYTES / MIB} MiB`,
      `| ${DEFAULT_MAX_LINE_BYTES / MIB} MiB |`,
      `${CELL_BYTES} bytes per cell plus ${COLUMN_OVERHEAD_BYTES / 1024} KiB per column`,
      `(${PARQUET_VALUE_BYTES} bytes per value and the column's bytes)`,
      `a JSON table: ${JSON_NODE_BYTES} bytes per value`,
      `plus ${WORKER_BASE_HEAP_MIB} MiB`,
    ]) {
      assert.ok(doc.includes(claim), `docs/evidence.md should say: ${claim}`);
    }
  });

  it('stops a CSV whose first line never ends at the line limit, locating line 1', async () => {
    const file = t.write('one-line.csv', 'x'.repeat(300 * KIB));
    let read = 0;
    const [p, ...rest] = problems(await loadCsv(file, { maxLineBytes: 64 * KIB, displayName: 'perf/requests.csv', onProgress: (done) => (read = done) }));
    assert.equal(p?.code, 'too-large');
    assert.equal(p?.line, 1);
    assert.match(p?.message ?? '', /^perf\/requests\.csv: line 1 is longer than 64\.0 KiB, so the file was not read further/);
    assert.match(p?.message ?? '', /missing line break/);
    assert.deepEqual(rest, []);
    // The read stopped at the chunk where the line passed the limit, not at the end of the file.
    assert.ok(read < 300 * KIB, `read ${read} bytes`);
  });

  it('stops at a quoted field that never closes, naming the line where the record starts', async () => {
    const file = t.write('notes.csv', `id,note\n1,ok\n2,"opened here\n${'and never closed\n'.repeat(10_000)}`);
    const [p] = problems(await loadCsv(file, { maxLineBytes: 16 * KIB, displayName: 'notes.csv' }));
    assert.equal(p?.code, 'too-large');
    assert.equal(p?.line, 3);
    assert.match(p?.message ?? '', /line 3 is longer than 16\.0 KiB.*a quote opened on that line that is never closed/);
  });

  it('reads a long line under the limit exactly as before', () => {
    const long = 'y'.repeat(40 * KIB);
    const table = value(parseCsvText(`a,b\n1,${long}\n2,z\n`, 'x.csv', { maxLineBytes: 64 * KIB }));
    assert.equal(table.rowCount, 2);
  });

  it('refuses a header of more columns than the budget holds, before the columns exist', async () => {
    const file = t.write('wide.csv', `${Array.from({ length: 5000 }, (_, i) => `c${i}`).join(',')}\n${'1,'.repeat(4999)}1\n`);
    const [p] = problems(await loadCsv(file, { maxMemoryBytes: 1024 * KIB }));
    assert.equal(p?.code, 'too-large');
    assert.match(p?.message ?? '', /a header of more than 256 columns would need about 1\.0 MiB of memory, more than the 1\.0 MiB budget of this load/);
  });

  it('stops a CSV table that outgrows its budget row by row', async () => {
    const file = t.write('rows.csv', `a,b\n${'1,2\n'.repeat(20_000)}`);
    const [p] = problems(await loadCsv(file, { maxMemoryBytes: 64 * KIB }));
    assert.equal(p?.code, 'too-large');
    assert.match(p?.message ?? '', /its table of 2 column\(s\) by [\d,]+ row\(s\) so far would need about/);
    // The default budget (256 MiB for a small file) loads it.
    assert.equal(value(await loadCsv(file)).rowCount, 20_000);
  });

  it('keeps the budget problem first even when the problem list is full', () => {
    const text = `a,b\n${'1\n'.repeat(100)}${'1,2\n'.repeat(5000)}`;
    const [p] = problems(parseCsvText(text, 'ragged.csv', { maxMemoryBytes: 16 * KIB }));
    assert.equal(p?.code, 'too-large');
  });

  it('stops JSON Lines rows that each add a new column (a table of n² cells from n lines)', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ [`k${i}`]: i })).join('\n');
    const file = t.write('sparse.jsonl', lines);
    // 3,000 lines of 12 bytes would become 3,000 columns of 3,000 cells: 72 MB from 36 KB.
    const [p] = problems(await loadJsonLines(file, { maxMemoryBytes: 4 * 1024 * KIB }));
    assert.equal(p?.code, 'too-large');
    assert.match(p?.message ?? '', /its table of [\d,]+ column\(s\) by [\d,]+ row\(s\) so far would need about/);
  });

  it('stops a JSON Lines line that never ends, locating it', async () => {
    const file = t.write('endless.jsonl', `{"a":1}\n{"a":2}\n{"a":"${'z'.repeat(200 * KIB)}`);
    const [p] = problems(await loadJsonLines(file, { maxLineBytes: 32 * KIB }));
    assert.equal(p?.code, 'too-large');
    assert.equal(p?.line, 3);
    assert.match(p?.message ?? '', /line 3 is longer than 32\.0 KiB/);
  });

  it('reads JSON Lines split across chunks exactly as before', async () => {
    const rows = Array.from({ length: 60_000 }, (_, i) => `{"i":${i},"s":"${'é'.repeat(i % 7)}"}`);
    const file = t.write('many.jsonl', `\uFEFF${rows.join('\n')}\n`);
    const table = value(await loadJsonLines(file));
    assert.equal(table.rowCount, 60_000);
    assert.equal((table.columns[0] as NumericColumn).values[59_999], 59_999);
  });

  it('refuses a JSON table whose parsed values would exceed the budget before parsing it', async () => {
    const file = t.write('objects.json', `[${'{},'.repeat(100_000)}{}]`);
    const [p] = problems(await loadJsonTable(file, { maxMemoryBytes: 1024 * KIB }));
    assert.equal(p?.code, 'too-large');
    assert.match(p?.message ?? '', /objects\.json: its [\d,]+ JSON values would need about/);
    value(await loadJsonTable(file));
  });

  it('applies the budget through loadTable to every text format', async () => {
    const csv = t.write('t.csv', `a\n${'1\n'.repeat(5000)}`);
    for (const format of ['csv', 'tsv'] as const) {
      const [p] = problems(await loadTable(csv, { format, maxMemoryBytes: 8 * KIB }));
      assert.equal(p?.code, 'too-large', format);
    }
  });

  it('refuses a document whose syntax tree would outgrow the budget before parsing it (4 MiB of [1,1,...] took 2 GB)', async () => {
    // 800 KB of JSON: 400,001 nodes of about a kilobyte each in the yaml package, over the 256 MiB floor.
    const file = t.write('flow.json', `[${'1,'.repeat(400_000)}1]`);
    const [p] = problems(await loadDocument(file, { displayName: 'rollback/drills.json' }));
    assert.equal(p?.code, 'too-large');
    assert.match(p?.message ?? '', /^rollback\/drills\.json: its 400,002 YAML\/JSON nodes would need about 390\.6 MiB of memory, more than the 256\.0 MiB budget/);
  });

  it('counts YAML block nodes and JSON Lines values against the budget too', async () => {
    const yaml = t.write('items.yaml', '- a\n'.repeat(5000));
    const [p] = problems(await loadDocument(yaml, { maxMemoryBytes: 1024 * KIB }));
    assert.match(p?.message ?? '', /items\.yaml: its [\d,]+ YAML\/JSON nodes would need about/);
    const jsonl = t.write('suite.jsonl', '{"case": 1}\n'.repeat(5000));
    const [q] = problems(await loadDocument(jsonl, { maxMemoryBytes: 64 * KIB }));
    assert.match(q?.message ?? '', /suite\.jsonl: its [\d,]+ JSON values would need about/);
    assert.equal((value(await loadDocument(jsonl)).data as unknown[]).length, 5000);
  });

  it('applies the document budget to trace exports', async () => {
    const spans = Array.from({ length: 2000 }, (_, i) => `{"traceId":"t${i}","spanId":"s${i}","name":"n"}`).join(',');
    const file = t.write('traces.json', `{"resourceSpans":[{"scopeSpans":[{"spans":[${spans}]}]}]}`);
    const [p] = problems(await loadTraces(file, { maxMemoryBytes: 1024 * KIB }));
    assert.equal(p?.code, 'too-large');
    assert.equal(value(await loadTraces(file)).spanCount, 2000);
  });
});
