import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { type CategoricalColumn, type NumericColumn, categoryAt, getColumn, loadCsv, loadTable, parseCsvText } from '../../../server/src/evidence';
import { CsvTableReader } from '../../../server/src/evidence/csv';
import { fixture, problems, tempDir, value } from './helpers';

describe('CSV loader', () => {
  const t = tempDir();
  after(() => t.cleanup());

  it('loads a file with every column type and counts nulls', async () => {
    const table = value(await loadCsv(fixture('requests.csv'), { displayName: 'perf/requests.csv' }));
    assert.equal(table.rowCount, 5);
    assert.deepEqual(table.columns.map((c) => [c.name, c.type, c.nullCount]), [
      ['request_id', 'numeric', 0],
      ['latency_ms', 'numeric', 1],
      ['status', 'categorical', 0],
      ['cold_start', 'boolean', 1],
      ['ts', 'timestamp', 1],
    ]);
    const ts = getColumn(table, 'ts') as NumericColumn;
    assert.equal(ts.values[3], Date.UTC(2025, 0, 1, 0, 0, 3, 250));
    assert.ok(Number.isNaN((getColumn(table, 'latency_ms') as NumericColumn).values[2]));
  });

  it('handles quotes, doubled quotes, embedded newlines, CRLF and a BOM', async () => {
    const text = '\uFEFFid,comment,score\r\n1,"multi\r\nline, with comma",0.5\r\n2,"he said ""no""",0.25\r\n3,plain,1\r\n';
    const table = value(await loadCsv(t.write('quoted.csv', text)));
    assert.equal(table.columns[0]?.name, 'id', 'the BOM is not part of the first header');
    const comment = getColumn(table, 'comment') as CategoricalColumn;
    assert.equal(categoryAt(comment, 0), 'multi\r\nline, with comma');
    assert.equal(categoryAt(comment, 1), 'he said "no"');
    assert.equal(categoryAt(comment, 2), 'plain');
    assert.deepEqual([...(getColumn(table, 'score') as NumericColumn).values], [0.5, 0.25, 1]);
  });

  it('keeps line numbers right after a quoted newline', () => {
    const [p] = problems(parseCsvText('a,b\n"x\ny",1\nz,oops\n', 'q.csv', { types: { b: 'numeric' } }));
    assert.equal(p?.line, 4);
    assert.equal(p?.row, 2);
  });

  it('reports ragged rows with their line numbers', async () => {
    const ps = problems(await loadCsv(fixture('ragged.csv'), { displayName: 'ragged.csv' }));
    assert.deepEqual(ps.map((p) => [p.line, p.row]), [[3, 2], [4, 3]]);
    assert.match(ps[0]?.message ?? '', /ragged.csv: line 3: row 2 has 2 field\(s\) but the header has 3 column\(s\)/);
  });

  it('reports an unterminated quote', () => {
    const [p] = problems(parseCsvText('a,b\n1,"open\n2,3\n', 'u.csv'));
    assert.equal(p?.code, 'parse');
    assert.match(p?.message ?? '', /never closed/);
  });

  it('reports duplicate and empty header names', () => {
    const ps = problems(parseCsvText('a,a,\n1,2,3\n', 'h.csv'));
    assert.equal(ps.length, 2);
  });

  it('reads a last record without a trailing newline and a trailing empty field', () => {
    const table = value(parseCsvText('a,b\n1,\n2,x', 'n.csv'));
    assert.equal(table.rowCount, 2);
    assert.equal(getColumn(table, 'b')?.nullCount, 1);
  });

  it('accepts a quoted last field ending in a lone CR', () => {
    const table = value(parseCsvText('a,b\r\n1,"x"\r', 'cr.csv'));
    assert.equal(categoryAt(getColumn(table, 'b') as CategoricalColumn, 0), 'x');
  });

  it('parses TSV by extension', async () => {
    const table = value(await loadTable(t.write('x.tsv', 'a\tb\n1\t2\n')));
    assert.deepEqual(table.columns.map((c) => c.type), ['numeric', 'numeric']);
  });

  it('gives the same table whatever the chunk boundaries (2 MiB file)', async () => {
    // Quoted fields with CRLF and doubled quotes are spread over several 1 MiB chunks.
    const lines = ['id,text,value'];
    for (let i = 0; i < 60000; i++) lines.push(`${i},"row ""${i}""\r\nsecond line, ${i}",${i * 0.5}`);
    const text = lines.join('\r\n') + '\r\n';
    assert.ok(Buffer.byteLength(text) > 2 * 1024 * 1024);
    const table = value(await loadCsv(t.write('big.csv', text)));
    assert.equal(table.rowCount, 60000);
    const col = getColumn(table, 'text') as CategoricalColumn;
    assert.equal(categoryAt(col, 59999), 'row "59999"\r\nsecond line, 59999');
    assert.equal((getColumn(table, 'value') as NumericColumn).values[12345], 12345 * 0.5);
    assert.equal(col.dictionary.length, 60000);
  });

  it('reports a non-ASCII delimiter instead of misreading the file', () => {
    const [p] = problems(parseCsvText('a§b\n1§2\n', 'd.csv', { delimiter: '§' }));
    assert.equal(p?.code, 'parse');
    assert.match(p?.message ?? '', /d.csv: the delimiter '§' is not an ASCII character/);
  });

  it('reads a missing token that looks like a number as missing, in a numeric column', () => {
    const table = value(parseCsvText('v\n1.5\n-999\n-999.0\n', 'm.csv', { missingTokens: ['-999'] }));
    const col = getColumn(table, 'v') as NumericColumn;
    assert.equal(col.nullCount, 1);
    assert.deepEqual([...col.values], [1.5, NaN, -999]);
  });

  it('counts lines the same whatever the chunks around stray text after a multi-line field', () => {
    // The string parser counted the quoted line break twice when a chunk ended in the stray text.
    const bytes = Buffer.from('a,b\n"x\ny"zz,1\n3,oops\n');
    const lines = [1, 9, bytes.length].map((size) => {
      const reader = CsvTableReader.create('s.csv', { types: { b: 'numeric' } });
      assert.ok(reader instanceof CsvTableReader);
      for (let at = 0; at < bytes.length; at += size) reader.feed(bytes.subarray(at, at + size), false);
      reader.feed(new Uint8Array(0), true);
      return problems(reader.finish()).map((p) => [p.code, p.line]);
    });
    assert.deepEqual(lines, [lines[2], lines[2], [['parse', 3], ['type', 4]]]);
  });

  it('decodes invalid UTF-8 to U+FFFD as the whole file would decode', () => {
    const bytes = Buffer.concat([Buffer.from('name\n'), Buffer.from([0x61, 0xe2, 0x82]), Buffer.from('\n'), Buffer.from([0xff, 0xc3]), Buffer.from('\n')]);
    const reader = CsvTableReader.create('u.csv', {});
    assert.ok(reader instanceof CsvTableReader);
    for (let at = 0; at < bytes.length; at++) reader.feed(bytes.subarray(at, at + 1), false);
    reader.feed(new Uint8Array(0), true);
    const col = getColumn(value(reader.finish()), 'name') as CategoricalColumn;
    assert.deepEqual(col.dictionary, new TextDecoder().decode(bytes).split('\n').slice(1, 3));
    assert.deepEqual(col.dictionary, ['a\uFFFD', '\uFFFD\uFFFD']);
  });

  it('reads text given in memory as its UTF-8 bytes, so a lone surrogate becomes U+FFFD', () => {
    // The string parser kept the lone surrogate; it has no UTF-8 form, and no file can hold one.
    const table = value(parseCsvText('name\n\uD800x\n', 's.csv'));
    assert.deepEqual((getColumn(table, 'name') as CategoricalColumn).dictionary, ['\uFFFDx']);
  });

  it('splits multi-byte characters across chunks correctly', async () => {
    const row = 'é'.repeat(1000);
    const lines = ['name'];
    for (let i = 0; i < 1200; i++) lines.push(row);
    const table = value(await loadCsv(t.write('utf8.csv', lines.join('\n'))));
    const col = getColumn(table, 'name') as CategoricalColumn;
    assert.deepEqual(col.dictionary, [row]);
  });
});
