/**
 * Gate results belong to one bundle. A run record beside the card whose fingerprint no longer
 * matches what the card describes (its artifacts, thresholds or evidence changed, or the release
 * id) holds results for a different release: read as current, they approve something nobody tested.
 */
import { recordPathFor } from '../records/record';
import { defineRule } from './types';

/** Flags a card whose run record was written for a different bundle than the card now describes. */
export const noStaleResults = defineRule({
  meta: {
    id: 'no-stale-results',
    severity: 'warning',
    summary: 'The gate results beside the card were recorded for a different bundle than the card now describes.',
    fix: 'none',
  },
  check(card, report, { record, staleReason }) {
    if (!record || staleReason === undefined) return;
    const file = recordPathFor(card.source).split(/[\\/]/).pop() ?? 'the run record';
    const when = typeof record.finished_at === 'string' ? ` on ${record.finished_at}` : '';
    const verdict = typeof record.status === 'string' ? ` (it says ${record.status})` : '';
    report(card.anchor(['release_id']), `The results in ${file} were recorded${when} for a different bundle than this card now describes (${staleReason})${verdict}. Results of another bundle say nothing about this release, and anyone or anything reading them as current approves a release that was not tested. Run the gates again (release-gates run), or delete the record.`);
  },
});
