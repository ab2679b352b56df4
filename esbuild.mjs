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
  // vega-canvas's Node build awaits an optional `canvas` package at the top level, which a CommonJS
  // bundle cannot hold; the browser build finds no DOM in Node and vega measures text without it.
  alias: { 'vega-canvas': './node_modules/vega-canvas/build/vega-canvas.browser.js' },
};

// The charting libraries live in their own bundle, loaded only to draw a gate report
// (server/src/report/html/svg.ts finds it by __dirname).
const charts = ['vega', 'vega-lite'];

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', external: charts }),
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', external: charts }),
  build({ ...common, entryPoints: ['server/src/report/html/vega-bundle.ts'], outfile: 'dist/vega.js' }),
  // Gates run in a worker thread beside the server (features/run/manager.ts finds it by __dirname).
  build({ ...common, entryPoints: ['server/src/features/run/worker.ts'], outfile: 'dist/run-worker.js' }),
  // Large evidence tables are parsed in worker threads (evidence/threads.ts finds it by __dirname).
  build({ ...common, entryPoints: ['server/src/evidence/worker.ts'], outfile: 'dist/evidence-worker.js' }),
]);
