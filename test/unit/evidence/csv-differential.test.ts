import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EvidenceResult, Table } from '../../../server/src/evidence';
import { type CsvOptions, CsvTableReader } from '../../../server/src/evidence/csv';
import { generateCase } from './csv-generator';
import { oracleCsv } from './oracle/csv';
import { TestRandom } from './random';
import { sweepSize } from '../../exhaustive';

/** The result in a form `deepStrictEqual` compares bit for bit (NaN payloads and -0 included). */
function canonical(r: EvidenceResult<Table>): unknown {
  if (!r.ok) return { problems: r.problems };
  return {
    file: r.value.file,
    rowCount: r.value.rowCount,
    columns: r.value.columns.map((c) => {
      const cells = c.type === 'categorical' ? c.codes : c.values;
      const bits = Buffer.from(cells.buffer, cells.byteOffset, cells.byteLength).toString('hex');
      return { name: c.name, type: c.type, nullCount: c.nullCount, length: cells.length, bits, dictionary: c.type === 'categorical' ? c.dictionary : undefined };
    }),
  };
}

/**
 * Reads `bytes` in random chunks through one reused buffer that is scribbled over after each
 * chunk, as the file reader's buffer is; sometimes with a wrong row-count estimate on the way.
 */
function readInChunks(rng: TestRandom, bytes: Buffer, options: CsvOptions): EvidenceResult<Table> {
  const reader = CsvTableReader.create('gen.csv', options);
  if (!(reader instanceof CsvTableReader)) return { ok: false, problems: [reader] };
  const scratch = Buffer.alloc(Math.max(1, bytes.length));
  const mode = rng.int(4);
  let planned = rng.chance(0.5);
  for (let at = 0; at < bytes.length; ) {
    const size = mode === 0 ? bytes.length : mode === 1 ? 1 : 1 + rng.int(mode === 2 ? 8 : 64);
    const end = Math.min(bytes.length, at + size);
    bytes.copy(scratch, 0, at, end);
    reader.feed(scratch.subarray(0, end - at), false);
    scratch.fill(0x2c);
    at = end;
    if (!planned) planned = reader.planRows(at, Math.ceil(bytes.length * (0.1 + 3 * rng.next())));
  }
  reader.feed(new Uint8Array(0), true);
  return reader.finish();
}

// 4,000 generated files under `npm run test:exhaustive`; the first 1,000 of the same seeded stream in `npm test`.
const CASES = sweepSize(1000, 4000);

describe('byte CSV parser against the old string parser', () => {
  it(`gives the same table and problems on ${CASES.toLocaleString('en')} generated files, whatever the chunks`, () => {
    const rng = new TestRandom(20261126);
    let withProblems = 0;
    for (let n = 0; n < CASES; n++) {
      const { bytes, options } = generateCase(rng);
      const want = oracleCsv(bytes, 'gen.csv', options);
      const got = readInChunks(rng, bytes, options);
      if (!want.ok) withProblems++;
      assert.deepStrictEqual(canonical(got), canonical(want), `case ${n}: ${JSON.stringify(bytes.toString('latin1'))} with ${JSON.stringify(options)}`);
    }
    // Both outcomes must be well represented for the comparison to mean something.
    assert.ok(withProblems > CASES / 10 && withProblems < (CASES * 9) / 10, `${withProblems} cases with problems`);
  });
});
