// Benchmark of the gate engine against its Python peers, every side a whole process (start, imports,
// work) timed from outside, sides alternated round by round, min / median / max over the rounds:
//   1. the data gate on ROWS × 20 columns (reference and current), ours from CSV and from Parquet
//      (the same table), and pandas + SciPy doing exactly our checks (bench/python/data_gate.py),
//      whose answers are compared with ours;
//   2. loading one file of that table, CSV against Parquet, in a bundled harness (bench/lib/load-table.ts);
//   3. 1,000 paired bootstrap resamples of average precision on 200k rows: ours as
//      `release-gates run --gate quality`, NumPy sort-once as a process, scikit-learn per resample
//      (extrapolated, said on the line).
// A benchmark, not a test: it prints figures and asserts nothing. Needs `npm run build` (npm run bench does).
// Run: node bench/gates.mjs [--rows N] [--runs N]
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { alternate, HAS_TIME, load, median, row } from './lib/measure.mjs';
import { CATEGORIES, makeTable, NUMERIC, writeCsv, writeParquet } from './lib/table.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const CLI = resolve(ROOT, 'dist/cli.js');
const arg = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const ROWS = arg('--rows', 1_000_000);
const RUNS = arg('--runs', 3);
const BOOT_ROWS = 200_000;
const RESAMPLES = 1000;
const PYTHON = '/usr/bin/python3';
// Generated data is kept between runs (bench/out is ignored by git); the version names its recipe.
const DIR = resolve(ROOT, `bench/out/data-v1-${ROWS}`);

/** The data card: every column specified, drift with the automatic tests; `ext` picks the format. */
function dataCard(ext) {
  const fields = [
    ...Array.from({ length: NUMERIC }, (_, i) => `      num${i}: { type: numeric, min: -1000, max: 10000, max_null_share: 0.01, max_outlier_share: 0.05 }`),
    ...CATEGORIES.map((levels, i) => `      cat${i}: { type: categorical, enum: [${levels.join(', ')}], nullable: false }`),
  ];
  return `release_id: bench.1\nartifacts:\n  model_uri: models:/m/1\ngates:\n  data:\n    reference: reference.${ext}\n    current: current.${ext}\n    min_rows: 1000\n    fields:\n${fields.join('\n')}\n    drift: { method: auto, drift_share: 0.5 }\nrollout:\n  strategy: canary\n`;
}

/** The quality card: PR-AUC by a paired bootstrap of 1,000 resamples. */
const QUALITY_CARD = `release_id: bench.2\nartifacts:\n  model_uri: models:/m/1\ngates:\n  quality:\n    owner: bench\n    task: classification\n    evidence: boot.csv\n    columns: { label: label, candidate: candidate_score, baseline: baseline_score }\n    metric: average_precision\n    non_inferiority_delta: 0.01\n    bootstrap: { resamples: ${RESAMPLES}, seed: 7, interval: percentile }\nrollout:\n  strategy: canary\n`;

/** Writes the tables and cards once per row count. */
async function prepare() {
  mkdirSync(DIR, { recursive: true });
  if (!existsSync(resolve(DIR, 'done'))) {
    const t0 = performance.now();
    for (const [name, seed, shift] of [['reference', 1, 0], ['current', 2, 0.2]]) {
      const table = makeTable(ROWS, seed, shift);
      writeCsv(resolve(DIR, `${name}.csv`), table);
      await writeParquet(resolve(DIR, `${name}.parquet`), table);
    }
    writeBoot(resolve(DIR, 'boot.csv'));
    writeFileSync(resolve(DIR, 'done'), '');
    console.log(`generated the tables in ${((performance.now() - t0) / 1000).toFixed(0)} s into ${DIR}`);
  }
  writeFileSync(resolve(DIR, 'release-card.csv.yaml'), dataCard('csv'));
  writeFileSync(resolve(DIR, 'release-card.parquet.yaml'), dataCard('parquet'));
  writeFileSync(resolve(DIR, 'quality.yaml'), QUALITY_CARD);
  await build({ entryPoints: [resolve(ROOT, 'bench/lib/load-table.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: resolve(ROOT, 'bench/out/load-table.js'), logLevel: 'warning', minifySyntax: true });
}

/** 200k rows of labels and two models' scores (4 decimals, so scores tie as real ones do). */
function writeBoot(file) {
  let s = 42;
  const u = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
  const lines = ['label,candidate_score,baseline_score'];
  for (let i = 0; i < BOOT_ROWS; i++) {
    const label = u() < 0.2 ? 1 : 0;
    lines.push(`${label},${Math.round((0.35 * label + 0.65 * u()) * 1e4) / 1e4},${Math.round((0.3 * label + 0.7 * u()) * 1e4) / 1e4}`);
  }
  writeFileSync(file, lines.join('\n') + '\n');
}

/** A side running `release-gates run` on one card; exit 0 or 1 (a gate may fail) is a result. */
function ours(name, card, gate) {
  return { name, command: process.execPath, args: [CLI, 'run', card, '--gate', gate, '--format', 'json', '--no-record'], options: { cwd: DIR }, check: (r) => {
    if (r.status !== 0 && r.status !== 1) throw new Error(`${name} exited with ${r.status}: ${r.stderr}`);
  } };
}

/** A side running a Python script. */
function python(name, args) {
  return { name, command: PYTHON, args, options: { cwd: ROOT }, check: (r) => {
    if (r.status !== 0) throw new Error(`${name} exited with ${r.status}: ${r.stderr}`);
  } };
}

/** Our checks' observed values by id, from `run --format json`. */
function ourValues(stdout) {
  const gate = JSON.parse(stdout).gates[0];
  return { gate, values: Object.fromEntries(gate.checks.map((c) => [c.id, c.observed])) };
}

/** Compares the drift scores of both engines; the largest relative difference. */
function compare(oursOut, pyOut) {
  const { values } = ourValues(oursOut);
  const py = JSON.parse(pyOut.trim().split('\n').pop());
  let worst = 0;
  let compared = 0;
  for (const [id, v] of Object.entries(py)) {
    if (!id.startsWith('drift.') || typeof v !== 'number' || typeof values[id] !== 'number') continue;
    worst = Math.max(worst, Math.abs(values[id] - v) / Math.max(Math.abs(v), 1e-300));
    compared++;
  }
  return { worst, compared };
}

function hasPython() {
  const r = spawnSync(PYTHON, ['-c', 'import pandas, scipy, sklearn; print(pandas.__version__, scipy.__version__, sklearn.__version__)'], { encoding: 'utf8' });
  if (r.status === 0) console.log(`python: pandas ${r.stdout.trim().split(' ').join(', SciPy ').replace(/, SciPy (\S+)$/, ', scikit-learn $1')}`);
  else console.log('python3 with pandas/SciPy/scikit-learn not found: no comparison (Debian: apt-get install -y python3-pandas python3-scipy python3-sklearn)');
  return r.status === 0;
}

async function main() {
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first (npm run bench does).');
  if (!HAS_TIME) console.log('GNU time (/usr/bin/time) is missing: CPU and memory are not measured (Debian: apt-get install -y time)');
  await prepare();
  const py = hasPython();
  console.log(`node ${process.version}, ${ROWS.toLocaleString('en')} rows × 20 columns, ${RUNS} alternated rounds, min / median / max (load ${load()})`);

  const dataSides = [ours('data gate, ours, CSV', 'release-card.csv.yaml', 'data'), ours('data gate, ours, Parquet (same table)', 'release-card.parquet.yaml', 'data')];
  if (py) dataSides.push(python('data gate, pandas + SciPy, CSV', ['bench/python/data_gate.py', resolve(DIR, 'reference.csv'), resolve(DIR, 'current.csv')]));
  const data = alternate(dataSides, RUNS);
  for (const s of dataSides) console.log(row(s.name, data.get(s.name)));
  const csv = data.get(dataSides[0].name);
  const parquet = data.get(dataSides[1].name);
  const { gate } = ourValues(csv[0].stdout);
  const same = JSON.stringify(ourValues(parquet[0].stdout).values) === JSON.stringify(ourValues(csv[0].stdout).values);
  console.log(`  ours: status ${gate.status}, ${gate.checks.length} checks; CSV and Parquet give ${same ? 'the same' : 'DIFFERENT'} observed values`);
  if (py) {
    const pySamples = data.get(dataSides[2].name);
    const { worst, compared } = compare(csv[0].stdout, pySamples[0].stdout);
    console.log(`  python / ours (CSV), medians: wall ${(median(pySamples, 'wall') / median(csv, 'wall')).toFixed(2)}×, cpu ${(median(pySamples, 'cpu') / median(csv, 'cpu')).toFixed(2)}×, peak memory ${(median(pySamples, 'rss') / median(csv, 'rss')).toFixed(2)}× (> 1: ours is faster or smaller); ${compared} drift scores agree within ${worst.toExponential(1)} relative`);
  }

  const loadSides = ['csv', 'parquet'].map((ext) => ({ name: `load current.${ext} (bundled loadTable)`, command: process.execPath, args: [resolve(ROOT, 'bench/out/load-table.js'), resolve(DIR, `current.${ext}`)], check: (r) => {
    if (r.status !== 0) throw new Error(r.stdout + r.stderr);
  } }));
  const loads = alternate(loadSides, Math.max(RUNS, 5));
  for (const s of loadSides) console.log(row(s.name, loads.get(s.name)));
  const [lc, lp] = loadSides.map((s) => loads.get(s.name));
  const cpuRatio = median(lp, 'cpu') / median(lc, 'cpu');
  console.log(`  Parquet / CSV load, medians: cpu ${cpuRatio.toFixed(2)}× (target ≤ 0.5×: ${cpuRatio <= 0.5 ? 'met' : 'NOT met'}), peak memory ${(median(lp, 'rss') / median(lc, 'rss')).toFixed(2)}× (target ≤ 1×), same values: ${lc[0].stdout === lp[0].stdout}`);

  const bootSides = [ours('bootstrap 1,000 × AP on 200k rows, ours (run --gate quality)', 'quality.yaml', 'quality')];
  if (py) bootSides.push(python('bootstrap, NumPy sort-once (process)', ['bench/python/bootstrap_ap.py', resolve(DIR, 'boot.csv'), String(RESAMPLES), '--numpy']));
  const boots = alternate(bootSides, RUNS);
  for (const s of bootSides) console.log(row(s.name, boots.get(s.name)));
  const bo = boots.get(bootSides[0].name);
  const check = JSON.parse(bo[0].stdout).gates[0].checks.find((c) => c.id === 'average_precision') ?? {};
  console.log(`  ours: ${check.status}, lower end of the interval ${Number(check.observed).toFixed(4)}; target ≤ 3 s (median, process included): wall ${median(bo, 'wall') <= 3 ? 'met' : 'NOT met'}, cpu ${median(bo, 'cpu') <= 3 ? 'met' : 'NOT met'}`);
  if (py) {
    const sk = spawnSync(PYTHON, ['bench/python/bootstrap_ap.py', resolve(DIR, 'boot.csv'), String(RESAMPLES), '--sklearn', '30'], { cwd: ROOT, encoding: 'utf8' });
    const out = sk.status === 0 ? JSON.parse(sk.stdout.trim()) : undefined;
    if (out) console.log(`bootstrap, scikit-learn per resample: ${out.seconds.toFixed(1)} s (in-process, extrapolated from ${out.measured_resamples} resamples, imports and loading not counted)`);
  }
  console.log(`(load at end ${load()})`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
