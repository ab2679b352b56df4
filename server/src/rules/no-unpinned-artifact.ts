/** Every artifact of the bundle, and of the baseline rollback restores, names one fixed version. */
import type { Card, CardPath } from '../card/model';
import { replaceFix } from './fixes';
import { splitRef, unpinnedModelReason, unpinnedReason } from './pinning';
import type { Report } from './types';
import { defineRule } from './types';
import { str } from './values';

/** Artifact keys holding a versioned reference (the feature pipeline has its own rule). */
const REF_KEYS = ['preprocessing_image', 'postprocessing_config', 'serving_profile', 'model_signature'] as const;

/** Flags model URIs at `latest` or a legacy stage, and images or configs without a fixed version. */
export const noUnpinnedArtifact = defineRule({
  meta: {
    id: 'no-unpinned-artifact',
    severity: 'error',
    summary: 'An artifact (model, image, config) points at latest, a stage, a branch or no version.',
    fix: 'replace',
  },
  check(card, report) {
    checkModel(card, ['artifacts', 'model_uri'], false, report);
    for (const key of REF_KEYS) checkRef(card, ['artifacts', key], false, report);
    checkModel(card, ['baseline', 'model_uri'], true, report);
    checkModel(card, ['baseline', 'artifacts', 'model_uri'], true, report);
    for (const key of [...REF_KEYS, 'feature_pipeline']) checkRef(card, ['baseline', 'artifacts', key], true, report);
  },
});

/** Why it matters, for the candidate or for the rollback target. */
function consequence(baseline: boolean): string {
  return baseline
    ? 'Rollback restores the baseline; if its reference moves, rollback restores whatever it points at that day, not the last stable release.'
    : 'The bundle the gates checked is then not the bundle that takes traffic, and a later push silently changes the release.';
}

function checkModel(card: Card, path: CardPath, baseline: boolean, report: Report): void {
  const uri = str(card.get(path));
  const node = card.node(path);
  if (uri === undefined || !node) return;
  const reason = unpinnedModelReason(uri);
  if (!reason) return;
  report(node, `${path.join('.')} "${uri}" ${reason}. ${consequence(baseline)} Pin a version ("models:/<name>/<version>").`);
}

function checkRef(card: Card, path: CardPath, baseline: boolean, report: Report): void {
  const ref = str(card.get(path));
  const node = card.node(path);
  if (ref === undefined || !node) return;
  if (path[path.length - 1] === 'model_signature') {
    // A signature written as a relative file path is versioned with the card itself.
    if (!/:/.test(ref)) return;
    // A signature read from the model registry is pinned as the model is: models:/<name>/<version>.
    if (/^(models|runs):\//.test(ref.trim())) return checkModel(card, path, baseline, report);
  }
  const reason = unpinnedReason(ref);
  if (!reason) return;
  const { versionStart, version } = splitRef(ref);
  const pinned = version === undefined ? `${ref}:<pinned-version>` : `${ref.slice(0, versionStart)}<pinned-version>`;
  report(node, `${path.join('.')} "${ref}" ${reason}. ${consequence(baseline)} Pin a version tag or a digest (e.g. "registry/preproc:1.13.0" or "@sha256:…").`, {
    fixes: [reason === 'is still a placeholder' ? undefined : replaceFix(card, node, pinned, 'Replace with a pinned-version placeholder to fill in')],
  });
}
