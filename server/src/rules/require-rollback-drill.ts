/** Rollback counts only when drilled: a measured RTO under target, not an estimate in a document. */
import { insertKeysFix } from './fixes';
import { defineRule } from './types';
import { filled } from './values';

/** What a fix inserts for each missing key (15 minutes is a common RTO target; adjust it). */
const SKELETON = { drill_log: 'drill_log: <path/to/drills.csv>', max_rto_minutes: 'max_rto_minutes: 15' } as const;

/** Flags a rollback gate without a drill log or without an RTO target to compare the drill with. */
export const requireRollbackDrill = defineRule({
  meta: {
    id: 'require-rollback-drill',
    severity: 'error',
    summary: 'The rollback was never drilled (no drill log) or has no RTO target to measure against.',
    fix: 'skeleton',
  },
  check(card, report) {
    const rollback = card.object(['gates', 'rollback']);
    if (!rollback) return;
    const missing = (Object.keys(SKELETON) as (keyof typeof SKELETON)[]).filter((k) => !filled(rollback[k]));
    if (missing.length === 0) return;
    const noLog = missing.includes('drill_log');
    const absent = missing.filter((k) => rollback[k] === undefined).map((k) => SKELETON[k]);
    const problem = noLog && missing.length === 2 ? 'has no drill log and no RTO target'
      : noLog ? 'has no drill log: the rollback was never drilled, so its RTO is an estimate'
        : 'has no RTO target (max_rto_minutes), so a drill cannot pass or fail';
    report(card.anchor(['gates', 'rollback']), `The rollback gate ${problem}. A rollback that was never timed in a drill often fails to restore the whole previous state, or takes far longer than planned, during the outage it exists for. Drill it, log the measured RTO, and set the target.`, {
      fixes: [absent.length > 0 ? insertKeysFix(card, ['gates', 'rollback'], absent, 'Add the drill log and RTO target') : undefined],
    });
  },
});
