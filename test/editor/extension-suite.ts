/**
 * Runs the mocha suite (test/extension/suite) inside the real extension host. The workbench reads
 * a `payload` from its URL with the same two settings that @vscode/test-electron passes on the
 * command line: the extension under development and the tests' entry point. The extension host
 * then loads that extension and calls the suite's `run()`; the suite writes its results to a file.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { SuiteResults } from '../extension/suite/results';
import { closePage, loopbackPage } from './browser';
import type { EditorServer } from './server';
import { waitForFile } from './wait';

/** What the suite run needs. */
export interface SuiteRun {
  server: EditorServer;
  /** The folder the workbench opens. */
  workspace: string;
  /** The extension to load: the folder the .vsix was installed into, so the shipped code is tested. */
  extensionPath: string;
  /** The bundled suite's entry file; its results land beside it in results.json. */
  suiteFile: string;
  artifacts: string;
  /** Names this pass's screenshot and console log. */
  name: string;
  timeoutMs?: number;
}

/** The workbench URL that opens `workspace` and runs the suite in the extension host. */
export function suiteUrl(run: SuiteRun): string {
  const remote = (path: string): string => `vscode-remote://${run.server.authority}${path}`;
  const payload = [
    ['extensionDevelopmentPath', remote(run.extensionPath)],
    ['extensionTestsPath', remote(run.suiteFile)],
  ];
  return `${run.server.url}/?folder=${encodeURIComponent(run.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** Runs the suite and returns what it wrote; the browser console is kept as an artifact. */
export async function runExtensionSuite(browser: Browser, run: SuiteRun): Promise<SuiteResults> {
  const resultsFile = join(run.suiteFile, '..', 'results.json');
  rmSync(resultsFile, { force: true });
  const blocked: string[] = [];
  const page = await loopbackPage(browser, blocked);
  const consoleLines: string[] = [];
  page.on('console', (message) => consoleLines.push(`[${message.type()}] ${message.text()}`));
  // A crashed page can never write results; fail at once rather than at the timeout.
  const crashed = new Promise<Error>((resolve) => page.once('crash', () => resolve(new Error('the workbench page crashed'))));
  try {
    await page.goto(suiteUrl(run));
    await waitForFile(resultsFile, run.timeoutMs ?? 180_000, crashed);
    return JSON.parse(readFileSync(resultsFile, 'utf8')) as SuiteResults;
  } finally {
    await page.screenshot({ path: join(run.artifacts, `${run.name}.png`) }).catch(() => undefined);
    const lines = [...consoleLines, ...blocked.map((url) => `[blocked, not loopback] ${url}`)];
    writeFileSync(join(run.artifacts, `${run.name}-console.log`), lines.join('\n') + '\n');
    await closePage(page);
  }
}
