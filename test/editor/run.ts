/**
 * `npm run test:editor`: the extension as shipped, in a real VS Code. It installs the editor once
 * (cached), builds and packages the extension, installs the .vsix into a fresh extensions folder,
 * runs the mocha suite in the extension host, then drives the workbench in Chromium as a user.
 * Every check is counted; the last line is `N passed, N failed[, N skipped]`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { bundleSuite } from '../extension/bundle';
import { writeWorkspace } from '../extension/workspace';
import { launchBrowser } from './browser';
import { runExtensionSuite, type SuiteRun } from './extension-suite';
import { ensureEditor, ROOT } from './install';
import { checkInstalledFiles } from './installed';
import { Report } from './report';
import { installExtension, startServer, writeUserSettings } from './server';
import { runUiTests } from './ui';

/** Screenshots and logs; git-ignored. */
const ARTIFACTS = join(ROOT, 'test/editor/artifacts');

/** Runs an npm script of this package and fails with its output if it fails. */
function npm(script: string): void {
  const r = spawnSync('npm', ['run', script], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`npm run ${script} exited ${r.status ?? r.signal}:\n${r.stdout}${r.stderr}`);
}

/** Times a phase and prints how long it took, so the CI log shows where the minutes go. */
async function phase<T>(name: string, body: () => T | Promise<T>): Promise<T> {
  const started = Date.now();
  const result = await body();
  console.log(`[editor] ${name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

/**
 * Runs one pass of the extension suite and counts its tests; returns what it found the extension
 * to offer. The pass must have run with the trust it was opened for (the suite picks its tests by
 * it), or gate runs would go untested again. A suite that never reports is one failure, and the
 * UI test still runs, knowing of no extra features.
 */
async function countSuite(report: Report, browser: Browser, run: SuiteRun, trusted: boolean): Promise<Record<string, unknown>> {
  try {
    const results = await runExtensionSuite(browser, run);
    await report.test(`extension suite: the ${trusted ? 'trusted' : 'Restricted Mode'} pass ran in a ${trusted ? 'trusted' : 'restricted'} workspace`, () => {
      if (results.trusted !== trusted) throw new Error(`the suite reported trusted = ${String(results.trusted)}`);
    });
    report.addSuite(results);
    return results.capabilities;
  } catch (error) {
    report.add(`extension suite (${run.name})`, 'failed', error instanceof Error ? error.message : String(error));
    return {};
  }
}

async function main(report: Report): Promise<void> {
  const { name, publisher, version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, string>;
  // Artifacts describe this run only: a screenshot left from an earlier failure would mislead.
  rmSync(ARTIFACTS, { recursive: true, force: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  const temp = mkdtempSync(join(tmpdir(), 'release-gates-editor-'));
  const dirs = { userDataDir: join(temp, 'user-data'), extensionsDir: join(temp, 'extensions') };
  let stopServer: (() => Promise<void>) | undefined;
  let browser: Browser | undefined;
  try {
    await phase('install VS Code (cached)', () => ensureEditor());
    await phase('npm run package (build + .vsix)', () => npm('package'));
    writeUserSettings(dirs);
    await phase('install the .vsix', () => installExtension(join(ROOT, `${name}-${version}.vsix`), dirs));
    const extensionPath = join(dirs.extensionsDir, `${publisher}.${name}-${version}`);
    await report.test('the installed .vsix holds only what runs', () => checkInstalledFiles(extensionPath));
    const workspace = writeWorkspace(join(temp, 'workspace'));
    // A second copy, so the trust given to one folder can never carry over to the other.
    const restricted = writeWorkspace(join(temp, 'restricted'));
    const suiteFile = await phase('bundle the extension suite', () => bundleSuite());
    const server = await phase('start the VS Code server', () => startServer(dirs, join(ARTIFACTS, 'server.log')));
    stopServer = server.stop;
    // The server runs in its own process group, which outlives us unless stopped: stop it on ^C too.
    const stopOnSignal = (): void => void server.stop().finally(() => process.exit(130));
    process.once('SIGINT', stopOnSignal).once('SIGTERM', stopOnSignal);
    const chromium = (browser = await launchBrowser());
    const suiteRun = { server, extensionPath, suiteFile, artifacts: ARTIFACTS };
    // Restricted Mode first, with trust on as users have it and a folder nobody trusted.
    await phase('extension suite, Restricted Mode', () => countSuite(report, chromium, { ...suiteRun, workspace: restricted, name: 'extension-suite-restricted' }, false));
    // Then everything else, gate runs included, in a trusted workspace.
    writeUserSettings(dirs, { trustAll: true });
    const capabilities = await phase('extension suite, trusted', () => countSuite(report, chromium, { ...suiteRun, workspace, name: 'extension-suite' }, true));
    // The UI test trusts the folder from the dialog, as a user does.
    writeUserSettings(dirs);
    await phase('UI tests', () => runUiTests(chromium, { server, workspace, artifacts: ARTIFACTS, capabilities, report }));
  } finally {
    await browser?.close();
    await stopServer?.();
    rmSync(temp, { recursive: true, force: true });
  }
}

const report = new Report();
// A stray rejection (say, from the browser as it closes) is a failure to report, not a reason to
// leave without the count line and with the server still running.
process.on('unhandledRejection', (reason) => report.add('editor test run (unhandled rejection)', 'failed', String(reason)));
main(report)
  .catch((error: unknown) => report.add('editor test run', 'failed', error instanceof Error ? (error.stack ?? error.message) : String(error)))
  .finally(() => {
    console.log(`[editor] screenshots and logs: ${ARTIFACTS}`);
    report.print();
    process.exitCode = report.failed > 0 ? 1 : 0;
  });
