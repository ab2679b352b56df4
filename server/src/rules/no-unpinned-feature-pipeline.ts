/** The feature code must be pinned: a retrained model with floating feature code is untestable. */
import { replaceFix } from './fixes';
import { splitRef, unpinnedReason } from './pinning';
import { defineRule } from './types';
import { str } from './values';

/** Flags `artifacts.feature_pipeline` when it is `latest`, a branch, a range, or has no version. */
export const noUnpinnedFeaturePipeline = defineRule({
  meta: {
    id: 'no-unpinned-feature-pipeline',
    severity: 'error',
    summary: 'The feature pipeline is not pinned to one version (latest, a branch, a range, or no version).',
    fix: 'replace',
  },
  check(card, report) {
    const ref = str(card.get(['artifacts', 'feature_pipeline']));
    const node = card.node(['artifacts', 'feature_pipeline']);
    if (ref === undefined || !node) return;
    const reason = unpinnedReason(ref);
    if (!reason) return;
    const changed = modelChanged(card.get(['artifacts', 'model_uri']), card.get(['baseline', 'model_uri']) ?? card.get(['baseline', 'artifacts', 'model_uri']));
    const { versionStart, version } = splitRef(ref);
    const pinned = version === undefined ? `${ref}:<pinned-version>` : `${ref.slice(0, versionStart)}<pinned-version>`;
    report(node, `feature_pipeline "${ref}" ${reason}.${changed ? ' The model changes in this release, and' : ''} Features computed by code that can change after the gates ran are not the features the model was evaluated on (training-serving skew), and rollback cannot restore them. Pin a tag, commit or digest, e.g. "feature-pipeline:v19".`, {
      fixes: [reason === 'is still a placeholder' ? undefined : replaceFix(card, node, pinned, 'Replace with a pinned-version placeholder to fill in')],
    });
  },
});

/** True when both URIs are strings and differ (a new model version is being released). */
function modelChanged(candidate: unknown, baseline: unknown): boolean {
  return typeof candidate === 'string' && typeof baseline === 'string' && candidate !== baseline;
}
