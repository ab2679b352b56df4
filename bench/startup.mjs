// Cold start of the CLI: `release-gates check` of one card, as pre-commit hooks and CI run it on
// every card, against `node -e 0` on the same machine in the same rounds (target: check ≤ 2× node).
// Run: node bench/startup.mjs [--runs N]
import { resolve } from 'node:path';
import { alternate, load, median, row } from './lib/measure.mjs';

const ROOT = resolve(import.meta.dirname, '..');
// What users run: the launcher, which starts the bundle from its V8 code cache (bin/load-cli.js).
const CLI = resolve(ROOT, 'bin/release-gates.js');
const BUNDLE = resolve(ROOT, 'dist/cli.js');
const at = process.argv.indexOf('--runs');
const RUNS = at > 0 ? Number(process.argv[at + 1]) : 10;

const ok = (r) => {
  if (r.status !== 0) throw new Error(`exit ${r.status}: ${r.stderr}`);
};
const sides = [
  { name: 'node -e 0', command: process.execPath, args: ['-e', '0'], check: ok },
  { name: 'release-gates --help', command: process.execPath, args: [CLI, '--help'], check: ok },
  { name: 'release-gates check (seed card, 31 lines)', command: process.execPath, args: [CLI, 'check', resolve(ROOT, 'bench/cards/seed.release.yaml')], check: (r) => r.status <= 1 || ok(r) },
  { name: 'release-gates check (churn example, 280 lines)', command: process.execPath, args: [CLI, 'check', resolve(ROOT, 'examples/churn/release-card.yaml')], check: (r) => r.status <= 1 || ok(r) },
  { name: 'dist/cli.js check (seed card), no code cache', command: process.execPath, args: [BUNDLE, 'check', resolve(ROOT, 'bench/cards/seed.release.yaml')], check: (r) => r.status <= 1 || ok(r) },
];
console.log(`startup, ${RUNS} alternated rounds, min / median / max (load at start ${load()})`);
const samples = alternate(sides, RUNS, 2);
for (const s of sides) console.log(row(s.name, samples.get(s.name), 48));
const node = samples.get('node -e 0');
const check = samples.get(sides[2].name);
const wall = median(check, 'wall') / median(node, 'wall');
const cpu = median(check, 'cpu') / median(node, 'cpu');
console.log(`check / node -e 0 (medians): wall ${wall.toFixed(2)}×, cpu ${cpu.toFixed(2)}× — target ≤ 2× ${wall <= 2 ? 'met' : 'NOT met'} on wall (load at end ${load()})`);
