/** A release has an owner: the team or person who answers for its outcome and decides on rollback. */
import { insertAfterNodeFix } from './fixes';
import { defineRule } from './types';
import { filled } from './values';

/** Flags a card without a top-level `owner`. */
export const requireOwner = defineRule({
  meta: {
    id: 'require-owner',
    severity: 'warning',
    summary: 'The release has no owner.',
    fix: 'skeleton',
  },
  check(card, report) {
    if (!card.object([]) || filled(card.get(['owner']))) return;
    const releaseId = card.pair(['release_id']);
    const exists = card.get(['owner']) !== undefined;
    report(exists ? card.anchor(['owner']) : card.anchor(['release_id']), 'The release has no owner. When a gate fails or the canary rolls back, someone must decide what happens next; gates without an explicit owner fall back to this one. Add owner: with a team or person.', {
      fixes: [!exists && releaseId ? insertAfterNodeFix(card, releaseId, ['owner: <team>'], 'Add owner after release_id') : undefined],
    });
  },
});
