/**
 * Loads one evidence table as a gate does (`loadTable`, same options) and prints one JSON line:
 * rows, columns and a checksum of the values, so two formats of one table can be compared. The
 * bench bundles this file with esbuild and times the whole process (`bench/lib/measure.mjs`).
 */
import { loadTable } from '../../server/src/evidence';

async function main(): Promise<void> {
  const file = process.argv[2] as string;
  const r = await loadTable(file);
  if (!r.ok) {
    console.log(JSON.stringify({ ok: false, problems: r.problems.map((p) => p.message) }));
    process.exitCode = 1;
    return;
  }
  let checksum = 0;
  for (const col of r.value.columns) {
    if (col.type === 'categorical') for (let i = 0; i < col.codes.length; i += 997) checksum += (col.codes[i] as number) + col.dictionary.length;
    else for (let i = 0; i < col.values.length; i += 997) checksum += Number.isNaN(col.values[i] as number) ? 0 : (col.values[i] as number);
  }
  console.log(JSON.stringify({ ok: true, rows: r.value.rowCount, columns: r.value.columns.length, checksum }));
}

void main();
