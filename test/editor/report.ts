/** Counts every test of the run, prints each as it ends, and prints the closing count line. */
import type { SuiteResults } from '../extension/suite/results';

type State = 'passed' | 'failed' | 'skipped';

/** The run's tally. */
export class Report {
  private readonly counts: Record<State, number> = { passed: 0, failed: 0, skipped: 0 };

  /** Records one outcome; `detail` is the error for a failure and the reason for a skip. */
  add(name: string, state: State, detail?: string): void {
    this.counts[state] += 1;
    const mark = { passed: 'ok  ', failed: 'FAIL', skipped: 'skip' }[state];
    console.log(`${mark} ${name}${detail === undefined ? '' : state === 'failed' ? `\n${indent(detail)}` : ` (skipped: ${detail})`}`);
  }

  /** Runs one test as a function: it passes unless it throws; a `Skip` marks it skipped. */
  async test(name: string, body: () => unknown): Promise<void> {
    try {
      await body();
      this.add(name, 'passed');
    } catch (error) {
      if (error instanceof Skip) this.add(name, 'skipped', error.message);
      else this.add(name, 'failed', error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
  }

  /** Adds the outcomes the in-editor suite wrote. */
  addSuite(results: SuiteResults): void {
    if (results.tests.length === 0) this.add('extension suite', 'failed', 'the suite ran no test');
    for (const t of results.tests) this.add(`extension host: ${t.title}`, t.state, t.state === 'failed' ? t.error : t.reason);
  }

  /** The number of failures so far. */
  get failed(): number {
    return this.counts.failed;
  }

  /** Prints `N passed, N failed[, N skipped]` alone on the last line. */
  print(): void {
    const { passed, failed, skipped } = this.counts;
    console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
  }
}

/** Thrown by a test body to skip it, with the reason as its message. */
export class Skip extends Error {}

function indent(text: string): string {
  return text.split('\n').map((line) => `     ${line}`).join('\n');
}
