/**
 * Compares two versions of one card: the semantic diff, loosenings after a failed run marked as
 * such, the project policy merged in, findings ordered by line. Pure (parsed cards in, findings
 * out), so the CLI and the editor's lenses compare the same way.
 */
import { compareFindings } from '../card/findings';
import type { Card } from '../card/model';
import type { RecordFailure } from '../records';
import { checkPolicy } from '../policy/check';
import type { Policy } from '../policy/types';
import type { Change } from './change';
import { Differ } from './diff';
import { cardSections } from './sections';
import { changeFindings, type ReviewFinding, type Severities, withPolicy } from './findings';
import { markMovedAfterFailure } from './records';

/** What a comparison needs besides the two cards. */
export interface CompareOptions {
  /** How the base is named in messages (`main`). */
  label: string;
  severities?: Severities;
  policy?: Policy;
  /** Failed runs of the release (from the run records of both versions). */
  failures?: readonly RecordFailure[];
  /** Changes found outside the card text (evidence files), reported with the others. */
  extra?: readonly Change[];
  /** The clock of the policy's deferral limit. */
  now?: Date;
}

/** The changes between two parsed cards (both must be structurally readable): sections with their own meaning first, then the rest. */
export function cardChanges(base: Card, work: Card, failures: readonly RecordFailure[] = []): Change[] {
  const differ = new Differ(base, work);
  cardSections(differ);
  return markMovedAfterFailure(differ.changes, failures);
}

/** The findings of a review of one card. */
export function compareCards(base: Card, work: Card, opts: CompareOptions): ReviewFinding[] {
  const changes = [...cardChanges(base, work, opts.failures), ...(opts.extra ?? [])];
  const findings = changeFindings(work, changes, opts.label, opts.severities);
  return withPolicy(findings, checkPolicy(work, opts.policy, opts.now)).sort(compareFindings);
}
