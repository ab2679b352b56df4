/**
 * Bundles the in-editor suite into one CommonJS file: the extension host loads CommonJS and does not
 * run TypeScript. `vscode` is provided by the host; mocha is loaded from the repository's
 * node_modules at run time, since it finds its interfaces and reporters by dynamic require.
 */
import { build } from 'esbuild';
import { join, resolve } from 'node:path';

/** The repository root. */
const ROOT = resolve(__dirname, '../..');

/** Where the bundled suite goes by default; `.cache/` is git-ignored. */
export const SUITE_DIR = join(ROOT, '.cache/editor/suite');

/** Bundles `test/extension/suite/index.ts` into `outdir/index.js` and returns that path. */
export async function bundleSuite(outdir = SUITE_DIR): Promise<string> {
  const outfile = join(outdir, 'index.js');
  await build({
    entryPoints: [join(__dirname, 'suite/index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    logLevel: 'warning',
    external: ['vscode', 'mocha'],
  });
  return outfile;
}
