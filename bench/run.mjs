// `npm run bench`: every benchmark, each printing its own figures with the load averages it ran
// under. Benchmarks never assert on time. Options pass through: --runs N (rounds), --rows N (data gate).
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';

const pass = process.argv.slice(2);
const rows = pass.includes('--rows') ? pass.slice(pass.indexOf('--rows'), pass.indexOf('--rows') + 2) : [];
const runs = pass.includes('--runs') ? pass.slice(pass.indexOf('--runs'), pass.indexOf('--runs') + 2) : [];
const suites = [
  ['Cold start: release-gates check vs node -e 0', ['bench/startup.mjs', ...runs]],
  ['LSP latency vs yaml-language-server', ['--import', 'tsx', 'bench/lsp.ts', ...runs]],
  ['Responsiveness on hostile cards and under an edit burst vs yaml-language-server', ['--import', 'tsx', 'bench/responsiveness.ts']],
  ['Gate engine vs Python (data gate, Parquet vs CSV, paired bootstrap)', ['bench/gates.mjs', ...rows, ...runs]],
];
console.log(`node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
let failed = 0;
for (const [title, args] of suites) {
  console.log(`\n== ${title}`);
  const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
