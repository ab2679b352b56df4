// Bundles the entry points. esbuild does not type-check: `npm run typecheck` does.
//
// What ships is minified (names kept, so a logged stack still names its functions) and carries no
// `//# sourceMappingURL` comment: the maps are written beside the bundles for local triage but
// left out of the .vsix, and a comment pointing at a file that is not there only makes editors and
// Node look for it. `node esbuild.mjs --dev` builds unminified bundles with linked maps for debugging.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { build } from 'esbuild';

const dev = process.argv.includes('--dev');

// ── Step: ahead-of-time schema validators (issue 18) ────────────────────────────────────────────
// Ajv's standalone code for every schema is generated into build/generated/ (never edited, never
// committed) and bundled in place of server/src/schema/validators.ts, which compiles at run time:
// the shipped tool then starts without compiling a schema, and without Ajv's compiler in it.
const VALIDATORS = resolve('build/generated/validators.cjs');
const generated = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/generate-validators.ts', VALIDATORS], { stdio: 'inherit' });
if (generated.status !== 0) process.exit(generated.status ?? 1);
let swapped = 0;
/** Resolves `./validators` imported by schema/compile.ts to the generated module. */
const aheadOfTimeValidators = {
  name: 'ahead-of-time-validators',
  setup(b) {
    b.onResolve({ filter: /^\.\/validators$/ }, (args) => {
      if (args.importer !== resolve('server/src/schema/compile.ts')) return undefined;
      swapped++;
      return { path: VALIDATORS };
    });
  },
};
/** Fails the build when no bundle took the generated validators (a moved file would ship Ajv's compiler silently). */
function checkValidatorsSwapped() {
  if (swapped === 0) throw new Error('esbuild.mjs: no bundle imported server/src/schema/validators.ts through compile.ts; the ahead-of-time validators were not used');
}
// ── End of step ─────────────────────────────────────────────────────────────────────────────────

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: dev ? 'linked' : 'external',
  logLevel: 'warning',
  ...(dev ? { minifySyntax: true } : { minify: true, keepNames: true }),
  legalComments: dev ? 'inline' : 'external',
  // vega-canvas's Node build awaits an optional `canvas` package at the top level, which a CommonJS
  // bundle cannot hold; the browser build finds no DOM in Node and vega measures text without it.
  alias: { 'vega-canvas': './node_modules/vega-canvas/build/vega-canvas.browser.js' },
  plugins: [aheadOfTimeValidators],
};

// The charting libraries live in their own bundle, loaded only to draw a gate report
// (server/src/report/html/svg.ts finds it by __dirname).
const charts = ['vega', 'vega-lite'];

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', external: charts }),
  // The banner names this build, so a code cache made for another build is never used (see below).
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', external: charts, banner: { js: `/* release-gates build ${randomUUID()} */` } }),
  build({ ...common, entryPoints: ['server/src/report/html/vega-bundle.ts'], outfile: 'dist/vega.js' }),
  // Gates run in a worker thread beside the server (features/run/manager.ts finds it by __dirname).
  build({ ...common, entryPoints: ['server/src/features/run/worker.ts'], outfile: 'dist/run-worker.js' }),
  // Large evidence tables are parsed in worker threads (evidence/threads.ts finds it by __dirname).
  build({ ...common, entryPoints: ['server/src/evidence/worker.ts'], outfile: 'dist/evidence-worker.js' }),
]);
checkValidatorsSwapped();

// ── Step: V8 code cache of the CLI ──────────────────────────────────────────────────────────────
// Compiling dist/cli.js is most of a cold start. One `check` of the churn example runs through
// bin/load-cli.js in produce mode, which writes dist/cli.js.cache tagged with the build id of the
// banner; `release-gates` then starts from the cache. A missing or foreign cache only costs speed.
const warm = spawnSync(process.execPath, ['scripts/code-cache.cjs'], { stdio: 'ignore' });
if (warm.status !== 0) throw new Error(`esbuild.mjs: writing the CLI's code cache failed (exit ${warm.status ?? warm.signal}); run node scripts/code-cache.cjs to see why`);
// ── End of step ─────────────────────────────────────────────────────────────────────────────────
