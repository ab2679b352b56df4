/** Checks what the .vsix put on disk: what runs, and nothing that only builds or tests it. */
import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every file under `dir`, relative to it, with forward slashes. */
function listFiles(dir: string, root = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full, root) : [relative(root, full)];
  });
}

/** Throws unless the installed extension has its bundles and no sources, tests or node_modules. */
export function checkInstalledFiles(extensionPath: string): void {
  const files = listFiles(extensionPath);
  for (const needed of ['package.json', 'dist/client.js', 'dist/server.js', 'dist/vega.js', 'schemas/release-card.schema.json']) {
    assert.ok(files.includes(needed), `the .vsix lacks ${needed}; it has ${JSON.stringify(files)}`);
  }
  const unwanted = files.filter((file) => /^(node_modules|client|server|test|bench|scripts|examples|\.cache)\//.test(file) || file.endsWith('.ts'));
  assert.deepEqual(unwanted, [], 'the .vsix ships files that only build or test the extension');
}
