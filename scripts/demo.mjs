// `npm run demo` (after the build): runs the gates on the passing churn example and on the blocked
// one, prints both reports, writes each one's gate report beside its card
// (`examples/<name>/release-card.report.html`, git-ignored: open it in a browser), and exits 0 only
// when the first passes and the second is blocked. The run's "now" is fixed so that ages
// (freshness, drills, runbook tests) and results reproduce, and no run record is written.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli.js');
const NOW = '2026-11-26T12:00:00Z';

/** Runs one card through `release-gates run`, then writes its HTML gate report; returns the run's exit code. */
function run(card, title) {
  process.stdout.write(`\n=== ${title}: release-gates run ${card} --now ${NOW} --no-record\n\n`);
  const r = spawnSync(process.execPath, [cli, 'run', card, '--now', NOW, '--no-record'], { cwd: root, stdio: 'inherit' });
  if (r.error) throw r.error;
  const html = card.replace(/\.ya?ml$/, '.report.html');
  const h = spawnSync(process.execPath, [cli, 'run', card, '--now', NOW, '--no-record', '--quiet', '--format', 'html', '--out', html], { cwd: root, stdio: 'inherit' });
  if (h.error) throw h.error;
  if (h.status !== r.status) {
    process.stderr.write(`the HTML report of ${card} exited ${h.status}, the text run ${r.status}\n`);
    return 2;
  }
  return r.status ?? 2;
}

if (!existsSync(cli)) {
  process.stderr.write('dist/cli.js is missing: run `npm run build` first (npm run demo does both).\n');
  process.exit(2);
}
const passing = run('examples/churn/release-card.yaml', 'A release that may take traffic');
const blocked = run('examples/churn-blocked/release-card.yaml', 'A release that must not take traffic');
const ok = passing === 0 && blocked === 1;
process.stdout.write(`\n=== demo ${ok ? 'as expected' : 'NOT as expected'}: churn exit ${passing} (want 0), churn-blocked exit ${blocked} (want 1)\n`);
process.exit(ok ? 0 : 1);
