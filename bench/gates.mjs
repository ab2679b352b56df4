// Benchmark of the gate engine (a benchmark, not a test: it prints figures and never asserts on time).
//   1. The data gate on 1M rows × 20 columns, reference and current (CSV generated into a temp dir):
//      load + hash both files, schema/null/range/enum/outlier checks, drift of every column. Timed
//      as a user runs it: `release-gates run --gate data` from the built CLI (dist/cli.js, so
//      `npm run build` first), wall clock including the process start.
//   2. 1,000 paired bootstrap resamples of average precision on 200k rows.
// When /usr/bin/python3 has pandas, SciPy and scikit-learn, the same work runs in Python in the same
// run (bench/python/*.py) and the ratio Python time / our time is printed.
// Run: node --import tsx bench/gates.mjs [--rows N] [--repeat N]
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pairedBootstrap, prepareAveragePrecision, Xoshiro128 } from '../server/src/stats/index.ts';

const argRows = process.argv.indexOf('--rows');
const ROWS = argRows > 0 ? Number(process.argv[argRows + 1]) : 1_000_000;
// Best of N runs of each side, since a shared machine's load moves single timings by several times.
const argRepeat = process.argv.indexOf('--repeat');
const REPEAT = argRepeat > 0 ? Math.max(1, Number(process.argv[argRepeat + 1])) : 1;
const NUMERIC = 14;
const CATEGORIES = [['a', 'b', 'c'], ['north', 'south', 'east', 'west'], ['x1', 'x2', 'x3', 'x4', 'x5'], ['card', 'bank', 'wallet'], ['s', 'm', 'l', 'xl'], ['p', 'q', 'r', 's', 't', 'u', 'v', 'w']];
const BOOT_ROWS = 200_000;
const CLI = join(process.cwd(), 'dist', 'cli.js');
const RESAMPLES = 1000;

/** Writes one CSV of ROWS rows; `shift` moves the first numeric column (the current slice drifts a little). */
function writeCsv(file, seed, shift) {
  const rng = new Xoshiro128(seed);
  const normal = () => Math.sqrt(-2 * Math.log(rng.nextFloat() + 1e-12)) * Math.cos(2 * Math.PI * rng.nextFloat());
  const fd = openSync(file, 'w');
  const header = [...Array.from({ length: NUMERIC }, (_, i) => `num${i}`), ...CATEGORIES.map((_, i) => `cat${i}`)];
  writeSync(fd, header.join(',') + '\n');
  let chunk = [];
  for (let r = 0; r < ROWS; r++) {
    const cells = [];
    for (let c = 0; c < NUMERIC; c++) {
      const v = 50 + 10 * c + 5 * normal() + (c === 0 ? shift : 0);
      cells.push(c % 3 === 0 ? String(Math.round(v)) : v.toFixed(3));
    }
    for (const levels of CATEGORIES) cells.push(levels[Math.floor(rng.nextFloat() * levels.length)]);
    chunk.push(cells.join(','));
    if (chunk.length === 50_000) {
      writeSync(fd, chunk.join('\n') + '\n');
      chunk = [];
    }
  }
  if (chunk.length) writeSync(fd, chunk.join('\n') + '\n');
  closeSync(fd);
}

/** The card of the data-gate benchmark: every column specified, drift with the automatic tests. */
function dataCard() {
  const fields = [
    ...Array.from({ length: NUMERIC }, (_, i) => `      num${i}: { type: numeric, min: -1000, max: 10000, max_null_share: 0.01, max_outlier_share: 0.05 }`),
    ...CATEGORIES.map((levels, i) => `      cat${i}: { type: categorical, enum: [${levels.join(', ')}], nullable: false }`),
  ];
  return `release_id: bench.1\nartifacts:\n  model_uri: models:/m/1\ngates:\n  data:\n    reference: reference.csv\n    current: current.csv\n    min_rows: 1000\n    fields:\n${fields.join('\n')}\n    drift: { method: auto, drift_share: 0.5 }\nrollout:\n  strategy: canary\n`;
}

function seconds(t0) {
  return (performance.now() - t0) / 1000;
}

/** Runs the built CLI on the card in `dir`; returns wall seconds and the parsed JSON report. */
function runCli(dir) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [CLI, 'run', 'release-card.yaml', '--gate', 'data', '--format', 'json'], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const s = seconds(t0);
  if (r.status !== 0 && r.status !== 1) throw new Error(`release-gates run exited with ${r.status}: ${r.stderr}`);
  return { seconds: s, report: JSON.parse(r.stdout) };
}

async function benchData(dir) {
  const t0 = performance.now();
  writeCsv(join(dir, 'reference.csv'), 1, 0);
  writeCsv(join(dir, 'current.csv'), 2, 0.2);
  writeFileSync(join(dir, 'release-card.yaml'), dataCard());
  console.log(`generated 2 × ${ROWS.toLocaleString('en')} rows × 20 columns of CSV in ${seconds(t0).toFixed(1)} s`);
  let ours = Infinity;
  let report;
  for (let k = 0; k < REPEAT; k++) {
    const r = runCli(dir);
    ours = Math.min(ours, r.seconds);
    report = r.report;
  }
  const gate = report.gates[0];
  // Every column here is tested with a distance (Wasserstein or Jensen-Shannon): drifted at observed >= threshold.
  const drifted = gate.checks.filter((c) => c.id.startsWith('drift.') && c.id !== 'drift.dataset' && c.observed >= c.threshold).map((c) => c.id);
  console.log(`data gate (ours, release-gates run --gate data): ${ours.toFixed(2)} s — status ${gate.status}, ${gate.checks.length} checks, drifted: ${drifted.join(', ') || 'none'}`);
  return ours;
}

function benchBootstrap() {
  const rng = new Xoshiro128(42);
  const labels = new Uint8Array(BOOT_ROWS);
  const cand = new Float64Array(BOOT_ROWS);
  const base = new Float64Array(BOOT_ROWS);
  for (let i = 0; i < BOOT_ROWS; i++) {
    labels[i] = rng.nextFloat() < 0.2 ? 1 : 0;
    cand[i] = Math.round((0.35 * labels[i] + 0.65 * rng.nextFloat()) * 1e4) / 1e4;
    base[i] = Math.round((0.3 * labels[i] + 0.7 * rng.nextFloat()) * 1e4) / 1e4;
  }
  let ours = Infinity;
  let r;
  for (let k = 0; k < REPEAT; k++) {
    const t0 = performance.now();
    r = pairedBootstrap(prepareAveragePrecision(labels, cand), prepareAveragePrecision(labels, base), { delta: 0.01, resamples: RESAMPLES, seed: 7 });
    ours = Math.min(ours, seconds(t0));
  }
  console.log(`paired bootstrap (ours): ${ours.toFixed(2)} s for ${RESAMPLES} resamples of AP on ${BOOT_ROWS.toLocaleString('en')} rows — difference ${r.difference.toFixed(4)}, 95 % interval [${r.lower.toFixed(4)}, ${r.upper.toFixed(4)}]`);
  return { ours, labels, cand, base };
}

/** Runs a Python script; returns its last line parsed as JSON, or undefined. */
function python(script, args) {
  let best;
  for (let k = 0; k < REPEAT; k++) {
    const r = spawnSync('/usr/bin/python3', [script, ...args], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    if (r.status !== 0) {
      console.log(`python ${script} failed: ${(r.stderr || '').trim().split('\n').pop()}`);
      return undefined;
    }
    process.stdout.write(r.stdout.split('\n').filter((l) => !l.startsWith('{')).map((l) => (l ? `${l}\n` : '')).join(''));
    const out = JSON.parse(r.stdout.trim().split('\n').pop());
    if (!best || out.seconds < best.seconds) best = out;
  }
  return best;
}

function hasPython() {
  const r = spawnSync('/usr/bin/python3', ['-c', 'import pandas, scipy, sklearn; print(pandas.__version__, scipy.__version__, sklearn.__version__)'], { encoding: 'utf8' });
  if (r.status === 0) console.log(`python: pandas ${r.stdout.trim().split(' ').join(', scipy ').replace(/, scipy (\S+)$/, ', scikit-learn $1')}`);
  return r.status === 0;
}

function writeBootInput(dir, { labels, cand, base }) {
  const fd = openSync(join(dir, 'boot.csv'), 'w');
  writeSync(fd, 'label,candidate,baseline\n');
  const lines = [];
  for (let i = 0; i < labels.length; i++) lines.push(`${labels[i]},${cand[i]},${base[i]}`);
  writeSync(fd, lines.join('\n') + '\n');
  closeSync(fd);
}

if (!existsSync(CLI)) {
  console.log('dist/cli.js is missing: run `npm run build` first (npm run bench does).');
  process.exit(1);
}
const dir = mkdtempSync(join(tmpdir(), 'rg-bench-gates-'));
try {
  console.log(`node ${process.version}, ${ROWS.toLocaleString('en')} rows, best of ${REPEAT} run(s) per side`);
  const dataOurs = await benchData(dir);
  let dataRatio;
  const boot = benchBootstrap();
  if (!hasPython()) {
    console.log('python3 with pandas/scipy/sklearn not found: no comparison (Debian: apt-get install -y python3-pandas python3-scipy python3-sklearn)');
  } else {
    const py = python('bench/python/data_gate.py', [join(dir, 'reference.csv'), join(dir, 'current.csv')]);
    dataRatio = py ? py.seconds / dataOurs : undefined;
    if (py) console.log(`data gate: python ${py.seconds.toFixed(2)} s / ours ${dataOurs.toFixed(2)} s = ${(py.seconds / dataOurs).toFixed(2)}× (> 1 means we are faster)`);
    writeBootInput(dir, boot);
    const pb = python('bench/python/bootstrap_ap.py', [join(dir, 'boot.csv'), String(RESAMPLES)]);
    if (pb) {
      console.log(`bootstrap: python (scikit-learn per resample) ${pb.seconds.toFixed(2)} s${pb.extrapolated ? ` (extrapolated from ${pb.measured_resamples} resamples)` : ''} / ours ${boot.ours.toFixed(2)} s = ${(pb.seconds / boot.ours).toFixed(1)}×`);
      console.log(`bootstrap: python (NumPy, sort once + weighted counts) ${pb.numpy_seconds.toFixed(2)} s / ours ${boot.ours.toFixed(2)} s = ${(pb.numpy_seconds / boot.ours).toFixed(2)}×`);
    }
  }
  const dataTarget = dataRatio === undefined ? 'not compared (no Python)' : dataRatio > 1 ? 'met' : 'NOT met';
  console.log(`targets: data gate faster than Python (${dataTarget}); bootstrap ≤ 3 s (${boot.ours <= 3 ? 'met' : 'NOT met'})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
