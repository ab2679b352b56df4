/**
 * What the suite reports back to its runner. In the browser-hosted editor the runner cannot see the
 * extension host's exit code, so the suite writes every test's outcome to a JSON file instead.
 */
import { renameSync, writeFileSync } from 'node:fs';
import type { Context } from 'mocha';

/** One test's outcome. */
export interface TestOutcome {
  title: string;
  state: 'passed' | 'failed' | 'skipped';
  durationMs: number;
  /** The failure's message and stack, for failed tests. */
  error?: string;
  /** Why the test was skipped, for skipped tests. */
  reason?: string;
}

/** The results file: outcomes plus what the editor features offered (for the UI test). */
export interface SuiteResults {
  tests: TestOutcome[];
  capabilities: Record<string, unknown>;
  /** Whether the workspace was trusted, which decides the pass that ran (see index.ts). */
  trusted?: boolean;
}

/** Reasons given to `skipBecause`, by the test's full title. */
export const skipReasons = new Map<string, string>();

/** Features the suite found the extension to offer; the UI test reads them to decide what to try. */
export const capabilities: Record<string, unknown> = {};

/** Skips the current test and records why, so the runner can print the reason. */
export function skipBecause(context: Context, reason: string): never {
  const test = context.currentTest ?? context.test;
  if (test !== undefined) skipReasons.set(test.fullTitle(), reason);
  context.skip();
}

/** Writes the results atomically, so the runner never reads half a file. */
export function writeResults(file: string, results: SuiteResults): void {
  writeFileSync(`${file}.tmp`, JSON.stringify(results, null, 2));
  renameSync(`${file}.tmp`, file);
}
