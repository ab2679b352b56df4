/**
 * Runs the in-editor suite with @vscode/test-electron, for machines that can download VS Code.
 * This machine cannot (no access to VS Code's download servers): here `npm run test:editor` runs
 * the same suite in VS Code 1.100.3 through code-server. Set VSCODE_EXECUTABLE to use an
 * installed VS Code instead of a download.
 *
 *   npm run build && node --import tsx test/extension/run-electron.ts
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { bundleSuite } from './bundle';
import { writeWorkspace } from './workspace';

/** The oldest VS Code the manifest's `engines.vscode` accepts, which the suite is also run on here. */
const VERSION = '1.100.3';

/** One pass of the suite: Restricted Mode in a folder nobody trusted, or trusted (workspace trust off). */
async function pass(extensionTestsPath: string, trusted: boolean): Promise<number> {
  const workspace = writeWorkspace(mkdtempSync(join(tmpdir(), `release-gates-electron-${trusted ? 'trusted' : 'restricted'}-`)));
  const executable = process.env['VSCODE_EXECUTABLE'];
  return runTests({
    ...(executable === undefined ? { version: VERSION } : { vscodeExecutablePath: executable }),
    extensionDevelopmentPath: resolve(__dirname, '../..'),
    extensionTestsPath,
    // Other extensions stay off so only ours answers for YAML. The suite picks its tests by trust.
    launchArgs: [workspace, '--disable-extensions', ...(trusted ? ['--disable-workspace-trust'] : [])],
  });
}

async function main(): Promise<number> {
  const extensionTestsPath = await bundleSuite();
  const restricted = await pass(extensionTestsPath, false);
  const trusted = await pass(extensionTestsPath, true);
  return restricted !== 0 ? restricted : trusted;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
