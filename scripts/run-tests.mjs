// Runs every *.test.ts under test/ (except the in-editor suites and the integration suite, which
// have their own scripts) with Node's test runner and tsx. Node 20's --test does not expand globs,
// so the files are listed here.
//
// `--exhaustive` runs the exhaustive variants instead: only the test files that sample a sweep in
// `npm test` (those importing test/exhaustive.ts, and the property tests), with
// RELEASE_GATES_EXHAUSTIVE=1 and 400 runs per property (`npm run test:exhaustive`).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const exhaustive = args.includes('--exhaustive');
const given = args.filter((a) => a !== '--exhaustive');
const roots = given.length > 0 ? given : ['test'];
// test/integration needs a real Prometheus: `npm run test:integration` installs and runs it.
const skip = new Set(['test/extension', 'test/editor', 'test/fixtures', ...(given.length > 0 ? [] : ['test/integration'])]);

function collect(dir, out) {
  if (skip.has(dir)) return;
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) collect(full, out);
    else if (name.endsWith('.test.ts')) out.push(full);
  }
}

/**
 * The browser tests open the HTML gate report in Debian's Chromium. On a machine without it, a
 * root run (CI) installs it here, as the README promises that `npm test` needs nothing installed
 * by hand; otherwise those tests skip with the reason (and fail under CI=true).
 */
function ensureChromium(list) {
  if (!list.some((f) => f.startsWith(join('test', 'browser'))) || existsSync('/usr/bin/chromium') || process.getuid?.() !== 0) return;
  console.error('test/browser needs Chromium: apt-get install -y --no-install-recommends chromium');
  const apt = (a) => spawnSync('apt-get', a, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (apt(['update']).status !== 0 || apt(['install', '-y', '--no-install-recommends', 'chromium']).status !== 0) console.error('apt-get could not install chromium; the browser tests will say so');
}

/** True for a test file with an exhaustive variant. */
function hasExhaustiveVariant(file) {
  return file.startsWith(join('test', 'property')) || /from '(\.\.\/)+exhaustive'/.test(readFileSync(file, 'utf8'));
}

let files = [];
for (const root of roots) {
  if (statSync(root).isDirectory()) collect(root, files);
  else files.push(root);
}
if (exhaustive) files = files.filter(hasExhaustiveVariant);
if (files.length === 0) {
  console.error('no test files found under ' + roots.join(', '));
  process.exit(1);
}
ensureChromium(files);
const env = exhaustive ? { ...process.env, RELEASE_GATES_EXHAUSTIVE: '1', PROPERTY_RUNS: process.env.PROPERTY_RUNS ?? '400' } : process.env;
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
