// Missing-value tokens and infinities as pandas' read_csv reads them (issue 12): a token outside the
// loader's list used to turn a numeric column into text, and `inf` did too.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_MISSING_TOKENS, getColumn, loadJsonLines, parseCsvText, parseInfinity, type Table } from '../../../server/src/evidence';
import { tempDir, value } from './helpers';

// pandas' STR_NA_VALUES (pandas/_libs/parsers.pyx, pandas 1.x and 2.x), written out as the oracle.
const PANDAS_NA_VALUES = [
  '', '#N/A', '#N/A N/A', '#NA', '-1.#IND', '-1.#QNAN', '-NaN', '-nan', '1.#IND', '1.#QNAN', '<NA>', 'N/A', 'NA', 'NULL', 'NaN', 'None', 'n/a', 'nan', 'null',
];

function table(r: ReturnType<typeof parseCsvText>): Table {
  assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.problems));
  return r.value;
}

describe('missing-value tokens (pandas default na_values)', () => {
  it('is exactly pandas\' default list', () => {
    assert.deepEqual([...DEFAULT_MISSING_TOKENS].sort(), [...PANDAS_NA_VALUES].sort());
  });

  it('reads every token as missing in a numeric CSV column, which stays numeric', () => {
    const rows = PANDAS_NA_VALUES.map((t, i) => `${i},${t.includes(',') ? `"${t}"` : t}`);
    const t = table(parseCsvText(`id,x\n0,1.5\n${rows.join('\n')}\n`, 'm.csv'));
    const x = getColumn(t, 'x');
    assert.equal(x?.type, 'numeric');
    assert.equal(x?.nullCount, PANDAS_NA_VALUES.length);
  });

  it('reads every token as missing in a JSON Lines string cell', async () => {
    const tmp = tempDir();
    try {
      const text = [{ x: 2 }, ...PANDAS_NA_VALUES.map((t) => ({ x: t }))].map((o) => JSON.stringify(o)).join('\n');
      const x = getColumn(value(await loadJsonLines(tmp.write('m.jsonl', text))), 'x');
      assert.equal(x?.type, 'numeric');
      assert.equal(x?.nullCount, PANDAS_NA_VALUES.length);
    } finally {
      tmp.cleanup();
    }
  });

  it('keeps near-misses as text, as pandas does (the comparison is exact)', () => {
    for (const near of ['none', 'NAN', 'Null', 'n.a.', '-', '?']) {
      const t = table(parseCsvText(`id,x\n0,1\n1,${near}\n`, 'm.csv'));
      assert.equal(getColumn(t, 'x')?.type, 'categorical', near);
    }
  });
});

describe('infinities (pandas reads them as numbers)', () => {
  it('parses inf and infinity with an optional sign in any letter case', () => {
    for (const [s, v] of [['inf', Infinity], ['-inf', -Infinity], ['+inf', Infinity], ['INF', Infinity], ['Infinity', Infinity], ['-Infinity', -Infinity], ['+iNfInItY', Infinity]] as const) {
      assert.equal(parseInfinity(s), v, s);
    }
    for (const s of ['in', 'infinit', 'infinityy', '--inf', '+-inf', 'inf ', ' inf', 'nan', '']) assert.equal(parseInfinity(s), undefined, s);
  });

  it('keeps a column with inf numeric, holding ±Infinity (not missing)', () => {
    const t = table(parseCsvText('id,x\n0,1.5\n1,inf\n2,-Infinity\n3,1e999\n', 'i.csv'));
    const x = getColumn(t, 'x');
    assert.equal(x?.type, 'numeric');
    assert.equal(x?.nullCount, 0);
    assert.deepEqual(x?.type === 'numeric' ? [...x.values] : [], [1.5, Infinity, -Infinity, Infinity]);
  });

  it('reports inf in a column declared timestamp (no time is spelled so), as before infinities were numbers', () => {
    const r = parseCsvText('t\n2026-01-01T00:00:00Z\ninf\n', 't.csv', { types: { t: 'timestamp' } });
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : (r.problems[0]?.message ?? ''), /'inf' is not an ISO 8601 timestamp/);
  });

  it('accepts inf in a column declared numeric', () => {
    const t = table(parseCsvText('x\n1\ninf\n', 'd.csv', { types: { x: 'numeric' } }));
    const x = getColumn(t, 'x');
    assert.deepEqual(x?.type === 'numeric' ? [...x.values] : [], [1, Infinity]);
  });
});
