/**
 * The entry point VS Code calls in the extension host (`extensionTestsPath`): runs the mocha
 * tests of this folder and writes their outcomes to a results file. The suite is bundled into one
 * CommonJS file, so the test modules are required here, after mocha has defined `describe` and `it`.
 */
import { join } from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { capabilities, skipReasons, writeResults, type TestOutcome } from './results';

/** Where the outcomes go: the runner may choose, otherwise beside the bundle. */
function resultsFile(): string {
  return process.env['RELEASE_GATES_TEST_RESULTS'] ?? join(__dirname, 'results.json');
}

/** Loads the tests in a fixed order; each file registers its `describe` blocks when required. */
function loadTests(mocha: Mocha): void {
  mocha.suite.emit('pre-require', globalThis, 'release-gates-suite', mocha);
  /* eslint-disable @typescript-eslint/no-require-imports -- the require order is the run order. */
  require('./manifest.test');
  require('./activation.test');
  require('./diagnostics.test');
  require('./quickfix.test');
  require('./doc-links.test');
  require('./completion.test');
  require('./trust.test');
  require('./gate-features.test');
  require('./client.test');
  require('./gate-report.test');
  /* eslint-enable @typescript-eslint/no-require-imports */
}

/**
 * The tests of this pass: in a folder nobody trusted only the Restricted Mode block, in a trusted
 * one everything else. The results say which pass ran, and the runner checks it got the one it
 * asked for, so gate runs can never be skipped quietly by a folder that stayed untrusted.
 */
function selectPass(mocha: Mocha, trusted: boolean): void {
  mocha.grep('in Restricted Mode');
  if (trusted) mocha.invert();
}

/** Runs the suite; rejects when a test fails, which is how @vscode/test-electron sees failure. */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000 });
  const trusted = vscode.workspace.isTrusted;
  selectPass(mocha, trusted);
  const outcomes: TestOutcome[] = [];
  try {
    loadTests(mocha);
  } catch (error) {
    // Without this the runner would wait for a results file that never comes.
    const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
    writeResults(resultsFile(), { tests: [{ title: 'loading the extension suite', state: 'failed', durationMs: 0, error: stack }], capabilities, trusted });
    return Promise.reject(error);
  }
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      writeResults(resultsFile(), { tests: outcomes, capabilities, trusted });
      if (failures > 0) reject(new Error(`${failures} of ${outcomes.length} extension tests failed`));
      else resolve();
    });
    runner.on('pass', (test) => outcomes.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0 }));
    runner.on('fail', (test, error: Error) =>
      outcomes.push({ title: test.fullTitle(), state: 'failed', durationMs: test.duration ?? 0, error: error.stack ?? String(error) }),
    );
    runner.on('pending', (test) =>
      outcomes.push({ title: test.fullTitle(), state: 'skipped', durationMs: 0, reason: skipReasons.get(test.fullTitle()) ?? 'marked pending' }),
    );
  });
}
