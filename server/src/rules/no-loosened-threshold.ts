/**
 * The SLO is fixed before the run. When a run fails a check, the card's threshold for that check
 * is the contract that was broken; loosening it afterwards turns the failure into a pass without
 * changing the release. The run record keeps every failure of the release with the card value it
 * failed against, so the loosening stays visible even after a later run passes.
 */
import type { RecordFailure } from '../records';
import { isLooser, thresholdDirection } from '../schema/directions';
import { replaceFix } from './fixes';
import { defineRule } from './types';

/** A record comes from disk (perhaps from a pull request): entries of the wrong shape are ignored. */
function isFailure(f: unknown): f is RecordFailure {
  const x = f as Partial<RecordFailure> | null;
  return typeof x === 'object' && x !== null && typeof x.check === 'string' && typeof x.failed_at === 'string'
    && Array.isArray(x.at) && x.at.every((k) => typeof k === 'string' || (typeof k === 'number' && Number.isInteger(k)))
    && [x.card_value, x.threshold, x.observed].every((v) => typeof v === 'number' && Number.isFinite(v));
}

/**
 * How a check's threshold follows the card value: equal (an upper or lower limit written as is) or
 * negated (a non-inferiority margin delta becomes the bound −delta). Any other derivation (unit
 * conversions, products) is left alone rather than guessed.
 */
function sign(f: RecordFailure): 1 | -1 | undefined {
  if (f.threshold === f.card_value) return 1;
  if (f.threshold === -f.card_value) return -1;
  return undefined;
}

/**
 * True when the card value moved the way that loosens the threshold. The direction is the one the
 * schema declares for the key (`x-direction`), as `review` and the policy floors use it; a key
 * whose direction depends on another setting (a drift test's `stattest_threshold`) declares none,
 * and then the failure itself tells which side the observation fell on.
 */
function loosens(f: RecordFailure, now: number): boolean {
  if (now === f.card_value) return false;
  const declared = thresholdDirection(f.at);
  if (declared) return isLooser(declared, f.card_value, now);
  const s = sign(f);
  if (s === undefined) return false;
  const threshold = s * now;
  if (f.observed > f.threshold) return threshold > f.threshold;
  if (f.observed < f.threshold) return threshold < f.threshold;
  return false;
}

/** True when the observation that failed would pass against the threshold the card now implies. */
function passesNow(f: RecordFailure, now: number): boolean {
  const s = sign(f);
  if (s === undefined) return false;
  const threshold = s * now;
  return f.observed > f.threshold ? f.observed <= threshold : f.observed >= threshold;
}

/** Flags a threshold that now differs from a value a failed run of this release was judged against, in the direction that would let it pass. */
export const noLoosenedThreshold = defineRule({
  meta: {
    id: 'no-loosened-threshold',
    severity: 'error',
    summary: 'A threshold was loosened after a run of this release failed against it.',
    fix: 'replace',
  },
  check(card, report, { record }) {
    if (!Array.isArray(record?.failures) || record.release_id !== String(card.get(['release_id']) ?? '')) return;
    const reported = new Set<string>();
    for (const f of record.failures.filter(isFailure)) {
      const key = JSON.stringify(f.at);
      const now = card.get(f.at);
      if (reported.has(key) || typeof now !== 'number' || !loosens(f, now)) continue;
      reported.add(key);
      const node = card.node(f.at);
      report(node ?? card.anchor(f.at), `This threshold was ${String(f.card_value)} when check ${f.check} failed (observed ${String(f.observed)}, run of ${f.failed_at}); it is now ${String(now)}${passesNow(f, now) ? ', which lets the same result pass' : ''}. The SLO is fixed before the run: loosening it after a failure hides the regression the gate caught. Restore ${String(f.card_value)} and fix the release, or, if the SLO really changed, get that approved and suppress this finding with the reason.`, {
        fixes: [node ? replaceFix(card, node, String(f.card_value), `Restore ${String(f.card_value)} (the value the failed run was judged against)`, true) : undefined],
      });
    }
  },
});
