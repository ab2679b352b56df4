/**
 * The codes of `release-gates review` findings: each change between a card and its base version
 * is one finding with one of these codes, a default severity (users change it per code under
 * `rules:` in `.release-gates.yaml`) and a section in docs/review.md.
 */
import { type CodeInfo, hasCode } from '../card/codes';

/** Every review code, in the order docs/review.md lists them. */
export const REVIEW_CODES = {
  'review-loosened': { severity: 'warning', summary: 'A threshold, a deadline, the canary or an auto-rollback condition is looser than in the base version of the card.' },
  'review-moved-after-failure': { severity: 'error', summary: 'A threshold, the SLO or fixed_before moved in the loosening direction after a run of the release failed.' },
  'review-removed': { severity: 'warning', summary: 'A gate, slice, suite, drift column, alert rule, auto-rollback condition, threshold or other check was removed.' },
  'review-gate-deferred': { severity: 'warning', summary: 'A gate that was computed from evidence is now deferred or only asserted by hand.' },
  'review-profile-lowered': { severity: 'warning', summary: 'The profile was lowered, so fewer gates are required.' },
  'review-card-removed': { severity: 'warning', summary: 'A release card was deleted: its gates no longer run in CI.' },
  'review-uncomparable': { severity: 'error', summary: 'A threshold changed to a value that cannot be compared with the base (text, NaN, infinity, a list), so it cannot be judged looser or stricter.' },
  'review-unreadable': { severity: 'error', summary: 'A version of the card cannot be read, so the change cannot be reviewed.' },
  'review-tightened': { severity: 'info', summary: 'A threshold, a deadline, the canary or an auto-rollback condition is stricter than in the base version.' },
  'review-added': { severity: 'info', summary: 'A gate, slice, suite, drift column, alert rule, auto-rollback condition, threshold or other check was added.' },
  'review-renamed': { severity: 'info', summary: 'A list item or mapping key was renamed; its contents are compared under the new name.' },
  'review-changed': { severity: 'info', summary: 'A setting without a declared direction changed (a method, a metric, an owner, an evidence path).' },
  'review-bundle-changed': { severity: 'info', summary: 'A part of the bundle changed: this is a new release, and results and drills recorded for the old bundle no longer apply.' },
  'review-evidence-changed': { severity: 'info', summary: 'An evidence file changed (its sha256 differs from the base version\'s).' },
  'review-card-added': { severity: 'info', summary: 'A release card was added.' },
} as const satisfies Record<string, CodeInfo>;

/** A review code. */
export type ReviewCode = keyof typeof REVIEW_CODES;

/** True when a string is a review code. */
export function isReviewCode(code: string): code is ReviewCode {
  return hasCode(REVIEW_CODES, code);
}
