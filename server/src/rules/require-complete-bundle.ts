/** The release is the whole bundle: every part that can change the outcome is named in the card. */
import { insertKeysFix } from './fixes';
import { defineRule } from './types';
import { andList, filled, isPlaceholder } from './values';

/** Bundle parts besides the model URI (which the schema requires), with the placeholder a fix inserts. */
const PARTS: readonly { keys: readonly string[]; label: string; placeholder: string }[] = [
  { keys: ['model_signature'], label: 'model signature (model_signature)', placeholder: 'model_signature: <signature-file-or-registry-ref>' },
  { keys: ['feature_pipeline'], label: 'feature pipeline version (feature_pipeline)', placeholder: 'feature_pipeline: <feature-pipeline:version>' },
  { keys: ['input_schema'], label: 'input schema (input_schema)', placeholder: 'input_schema: <path/to/input.schema.json>' },
  { keys: ['postprocessing_config', 'thresholds'], label: 'post-processing rules and thresholds (postprocessing_config or thresholds)', placeholder: 'postprocessing_config: <postprocessing-config:version>' },
  { keys: ['serving_profile'], label: 'serving profile (serving_profile)', placeholder: 'serving_profile: <serving-profile:version>' },
];

/** Names every missing or placeholder part of the release bundle in one finding on `artifacts`. */
export const requireCompleteBundle = defineRule({
  meta: {
    id: 'require-complete-bundle',
    severity: 'error',
    summary: 'The release bundle lacks a part: signature, feature pipeline, input schema, post-processing, or serving profile.',
    fix: 'skeleton',
  },
  check(card, report) {
    const artifacts = card.object(['artifacts']);
    if (!artifacts) return;
    const missing = PARTS.filter((p) => !p.keys.some((k) => filled(artifacts[k])));
    if (missing.length === 0) return;
    const placeholders = missing.filter((p) => p.keys.some((k) => isPlaceholder(artifacts[k])));
    const absent = missing.filter((p) => !placeholders.includes(p));
    const names = andList(missing.map((p) => p.label));
    const still = placeholders.length > 0 ? ` (${placeholders.map((p) => p.keys[0]).join(', ')} still a placeholder)` : '';
    report(card.anchor(['artifacts']), `The release bundle is incomplete: missing ${names}${still}. Any of these can change what the service answers, so a bundle without them cannot be reproduced, compared with production or rolled back as one unit. Add each part with its pinned version.`, {
      fixes: [absent.length > 0 ? insertKeysFix(card, ['artifacts'], absent.map((p) => p.placeholder), 'Add the missing bundle parts as placeholders') : undefined],
    });
  },
});
