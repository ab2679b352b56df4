// `npm run bench`: every benchmark, each printing its own figures. Benchmarks never assert on time.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const suites = [
  ['LSP latency vs yaml-language-server', ['--import', 'tsx', 'bench/lsp.ts']],
  ['Responsiveness on hostile cards and under an edit burst vs yaml-language-server', ['--import', 'tsx', 'bench/responsiveness.ts']],
  ['Gate engine (data gate 1M rows, paired bootstrap 200k rows) vs Python', ['--import', 'tsx', 'bench/gates.mjs']],
];
let failed = 0;
for (const [title, args] of suites) {
  const script = args[args.length - 1];
  if (!existsSync(script)) {
    console.log(`\n== ${title}: ${script} is missing, skipped`);
    continue;
  }
  console.log(`\n== ${title}`);
  const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
