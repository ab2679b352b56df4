// Bundles the entry points. esbuild does not type-check: `npm run typecheck` does.
//
// What ships is minified (names kept, so a logged stack still names its functions) and carries no
// `//# sourceMappingURL` comment: the maps are written beside the bundles for local triage but
// left out of the .vsix, and a comment pointing at a file that is not there only makes editors and
// Node look for it. `node esbuild.mjs --dev` builds unminified bundles with linked maps for debugging.
import { build } from 'esbuild';

const dev = process.argv.includes('--dev');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: dev ? 'linked' : 'external',
  logLevel: 'warning',
  ...(dev ? { minifySyntax: true } : { minify: true, keepNames: true }),
  legalComments: dev ? 'inline' : 'external',
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
