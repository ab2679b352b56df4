// The benchmark table: ROWS rows × 20 columns (14 numeric, 6 categorical), generated from a seed,
// written as CSV and as Parquet (SNAPPY, by hyparquet-writer) holding exactly the same values.
import { closeSync, openSync, writeSync } from 'node:fs';

export const NUMERIC = 14;
export const CATEGORIES = [['a', 'b', 'c'], ['north', 'south', 'east', 'west'], ['x1', 'x2', 'x3', 'x4', 'x5'], ['card', 'bank', 'wallet'], ['s', 'm', 'l', 'xl'], ['p', 'q', 'r', 's', 't', 'u', 'v', 'w']];

/** splitmix32-style generator of doubles in [0, 1): the bench needs reproducible data, not quality. */
function random(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return ((z ^ (z >>> 15)) >>> 0) / 4294967296;
  };
}

/**
 * The table as columns: numeric columns as the numbers their CSV text reads back as (integers for
 * every third column, three decimals otherwise), categorical columns as strings. `shift` moves the
 * first numeric column (the current slice drifts a little).
 */
export function makeTable(rows, seed, shift) {
  const u = random(seed);
  const normal = () => Math.sqrt(-2 * Math.log(u() + 1e-12)) * Math.cos(2 * Math.PI * u());
  const numeric = Array.from({ length: NUMERIC }, () => new Float64Array(rows));
  const categorical = CATEGORIES.map(() => new Array(rows));
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < NUMERIC; c++) {
      const v = 50 + 10 * c + 5 * normal() + (c === 0 ? shift : 0);
      numeric[c][r] = c % 3 === 0 ? Math.round(v) : Number(v.toFixed(3));
    }
    CATEGORIES.forEach((levels, i) => {
      categorical[i][r] = levels[Math.floor(u() * levels.length)];
    });
  }
  return { rows, numeric, categorical };
}

/** Column names, numeric first. */
export function columnNames() {
  return [...Array.from({ length: NUMERIC }, (_, i) => `num${i}`), ...CATEGORIES.map((_, i) => `cat${i}`)];
}

/** Writes the table as CSV (the text of each number is its shortest round-trip form). */
export function writeCsv(file, table) {
  const fd = openSync(file, 'w');
  writeSync(fd, columnNames().join(',') + '\n');
  let chunk = [];
  for (let r = 0; r < table.rows; r++) {
    const cells = table.numeric.map((col) => String(col[r]));
    for (const col of table.categorical) cells.push(col[r]);
    chunk.push(cells.join(','));
    if (chunk.length === 50_000) {
      writeSync(fd, chunk.join('\n') + '\n');
      chunk = [];
    }
  }
  if (chunk.length) writeSync(fd, chunk.join('\n') + '\n');
  closeSync(fd);
}

/** Writes the table as Parquet: DOUBLE and STRING columns, SNAPPY pages, hyparquet-writer's default row groups. */
export async function writeParquet(file, table) {
  const { parquetWriteFile } = await import('hyparquet-writer');
  const names = columnNames();
  const columnData = [
    ...table.numeric.map((data, i) => ({ name: names[i], data, type: 'DOUBLE' })),
    ...table.categorical.map((data, i) => ({ name: names[NUMERIC + i], data, type: 'STRING' })),
  ];
  parquetWriteFile({ filename: file, columnData });
}
