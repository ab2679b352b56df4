/** Someone owns the 24 hours after the release takes all traffic: the slow failures show up there. */
import { appendSectionFix, insertKeysFix, replaceFix } from './fixes';
import { defineRule } from './types';
import { filled, num } from './values';

/** The verification window the release discipline asks for. */
const MIN_WINDOW_HOURS = 24;

/** Flags a card without a post-release verification owner, or with a window shorter than 24 hours. */
export const requirePostReleaseOwner = defineRule({
  meta: {
    id: 'require-post-release-owner',
    severity: 'error',
    summary: 'Nobody owns the 24-hour post-release verification, or the window is shorter than 24 hours.',
    fix: 'skeleton',
  },
  check(card, report) {
    const post = card.object(['post_release']);
    if (!post) {
      if (card.get(['post_release']) !== undefined) return;
      report(card.anchor(['release_id']), 'No one is assigned to verify the release after it takes traffic (post_release). Cost drift, slice regressions and slow error-budget burns show up in the first day, when nobody is looking. Name a verification owner for a 24-hour window.', {
        fixes: [appendSectionFix(card, `post_release:\n  verification_owner: <owner>\n  window_hours: ${MIN_WINDOW_HOURS}`, 'Add a post_release section')],
      });
      return;
    }
    if (!filled(post['verification_owner'])) {
      report(card.anchor(['post_release', 'verification_owner']), 'post_release names no verification_owner. A verification everyone may do is one nobody does; name the person or team who checks the release for its first 24 hours.', {
        fixes: [post['verification_owner'] === undefined ? insertKeysFix(card, ['post_release'], ['verification_owner: <owner>'], 'Add verification_owner') : undefined],
      });
    }
    const hours = num(post['window_hours']);
    const node = card.node(['post_release', 'window_hours']);
    if (hours !== undefined && hours < MIN_WINDOW_HOURS && node) {
      report(node, `The post-release window is ${hours} h, shorter than a day: daily traffic peaks, batch jobs and cost rollups fall outside it. Verify for at least ${MIN_WINDOW_HOURS} hours.`, {
        fixes: [replaceFix(card, node, String(MIN_WINDOW_HOURS), `Use ${MIN_WINDOW_HOURS} hours`, true)],
      });
    }
  },
});
