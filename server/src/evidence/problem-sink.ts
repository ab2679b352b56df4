/**
 * Collects problems with a cap, so that a file with a million bad rows yields a readable list
 * (the first few, located, plus a count) instead of a million diagnostics.
 */
import { type EvidenceProblem, problem } from './types';

/** Default number of problems kept per file before the rest are only counted. */
export const DEFAULT_MAX_PROBLEMS = 50;

/** Accumulates problems up to a limit and counts the overflow. */
export class ProblemSink {
  private readonly kept: EvidenceProblem[] = [];
  private dropped = 0;

  /** Creates a sink for `file` keeping at most `limit` problems. */
  constructor(
    readonly file: string,
    private readonly limit: number = DEFAULT_MAX_PROBLEMS,
  ) {}

  /** Records a problem, or only counts it once the limit is reached. */
  add(p: EvidenceProblem): void {
    if (this.kept.length < this.limit) this.kept.push(p);
    else this.dropped++;
  }

  /** Records several problems. */
  addAll(ps: readonly EvidenceProblem[]): void {
    for (const p of ps) this.add(p);
  }

  /** True when at least one problem was recorded. */
  get hasProblems(): boolean {
    return this.kept.length > 0;
  }

  /** The kept problems, followed by a summary of the dropped ones when any were dropped. */
  list(): EvidenceProblem[] {
    if (this.dropped === 0) return [...this.kept];
    const summary = problem('truncated', this.file, `${this.dropped} more problem(s) in '${this.file}' were not listed; fix the ones above and run again to see the rest.`);
    return [...this.kept, summary];
  }
}
