// Bundles the entry points. esbuild does not type-check: `npm run typecheck` does.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { build } from 'esbuild';

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
  sourcemap: true,
  logLevel: 'warning',
  minifySyntax: true,
  plugins: [aheadOfTimeValidators],
};

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js' }),
  // Gates run in a worker thread beside the server (features/run/manager.ts finds it by __dirname).
  build({ ...common, entryPoints: ['server/src/features/run/worker.ts'], outfile: 'dist/run-worker.js' }),
  // Large evidence tables are parsed in worker threads (evidence/threads.ts finds it by __dirname).
  build({ ...common, entryPoints: ['server/src/evidence/worker.ts'], outfile: 'dist/evidence-worker.js' }),
]);
checkValidatorsSwapped();
