/** Observability covers four planes: infrastructure, model, product and economics. */
import { insertKeysFix } from './fixes';
import { defineRule } from './types';
import { andList, list, obj } from './values';

/** The planes, in the order the docs list them. */
const PLANES = ['infrastructure', 'model', 'product', 'economics'] as const;

/** Flags an observability gate that leaves a plane without metrics. */
export const requireObservabilityPlanes = defineRule({
  meta: {
    id: 'require-observability-planes',
    severity: 'error',
    summary: 'The observability gate leaves a plane (infrastructure, model, product, economics) without metrics.',
    fix: 'skeleton',
  },
  check(card, report) {
    const observability = card.object(['gates', 'observability']);
    if (!observability) return;
    const planes = obj(observability['planes']);
    const missing = PLANES.filter((p) => list(planes?.[p]).length === 0);
    if (missing.length === 0) return;
    const absent = missing.filter((p) => planes?.[p] === undefined);
    report(card.anchor(['gates', 'observability', 'planes']), `No metrics cover the ${andList(missing)} plane${missing.length > 1 ? 's' : ''}. When the release misbehaves there, the root cause cannot be localised: a model that drifts, a product metric that drops or a cost that climbs goes unseen. List the metrics of every plane.`, {
      fixes: [absent.length > 0 ? insertKeysFix(card, ['gates', 'observability', 'planes'], absent.map((p) => `${p}: [<metric>]`), 'Add the missing planes') : undefined],
    });
  },
});
