/**
 * Failed runs, from the run records of both versions of a card: a threshold, the SLO or
 * `fixed_before` moved in the loosening direction after a run of the release failed is worse
 * than a loosening, because the move turns that failure into a pass.
 */
import type { CardPath } from '../card/model';
import type { RecordFailure, RunRecord } from '../records';
import type { Change } from './change';
import { deepEqual } from './change';

/** A record comes from a pull request or an old commit: entries of the wrong shape are ignored. */
function isFailure(f: unknown): f is RecordFailure {
  const x = f as Partial<RecordFailure> | null;
  return typeof x === 'object' && x !== null && typeof x.check === 'string' && typeof x.failed_at === 'string' && !Number.isNaN(Date.parse(x.failed_at))
    && Array.isArray(x.at) && x.at.every((k) => typeof k === 'string' || (typeof k === 'number' && Number.isInteger(k)));
}

/** The failures a record keeps for a release, when the record is that release's. */
export function failuresOf(record: RunRecord | undefined, releaseId: unknown): RecordFailure[] {
  if (!record || !Array.isArray(record.failures) || record.release_id !== String(releaseId ?? '')) return [];
  return record.failures.filter(isFailure);
}

/** The failure a loosening moved away from, when there is one: on its own threshold, any for the SLO, one before the new fixed_before. */
function failureBehind(c: Change, failures: readonly RecordFailure[]): RecordFailure | undefined {
  const path: CardPath = c.basePath ?? c.path ?? [];
  const own = failures.find((f) => deepEqual(f.at, path));
  if (own) return own;
  if (path[0] === 'slo') return failures[0];
  if (path[path.length - 1] === 'fixed_before' && typeof c.afterValue === 'string') {
    const fixed = Date.parse(c.afterValue);
    return failures.find((f) => Date.parse(f.failed_at) < fixed + 86_400_000);
  }
  return undefined;
}

/** Turns each loosening that moved away from a failed run into a `review-moved-after-failure` change. */
export function markMovedAfterFailure(changes: readonly Change[], failures: readonly RecordFailure[]): Change[] {
  if (failures.length === 0) return [...changes];
  return changes.map((c) => {
    if (c.verdict !== 'looser' && c.code !== 'review-loosened') return c;
    const f = failureBehind(c, failures);
    if (!f) return c;
    const when = f.failed_at.slice(0, 10);
    const against = typeof f.card_value === 'number' ? ` against ${String(f.card_value)}` : '';
    return { ...c, code: 'review-moved-after-failure', verdict: 'moved after failure', detail: `${c.detail}, after check ${f.check} failed${against} on ${when}` };
  });
}
