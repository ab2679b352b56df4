/** An alert nobody owns, or without a runbook, pages into the void: blind operations after rollout. */
import { insertKeysFix } from './fixes';
import { defineRule } from './types';
import { filled, list, obj, str } from './values';

/** Flags each alert of the observability gate that lacks an owner or a runbook. */
export const requireAlertOwnership = defineRule({
  meta: {
    id: 'require-alert-ownership',
    severity: 'error',
    summary: 'An alert has no owner or no runbook.',
    fix: 'skeleton',
  },
  check(card, report) {
    list(card.get(['gates', 'observability', 'alerts'])).forEach((item, i) => {
      const alert = obj(item);
      if (!alert) return;
      const path = ['gates', 'observability', 'alerts', i];
      const missing = (['owner', 'runbook'] as const).filter((k) => !filled(alert[k]));
      if (missing.length === 0) return;
      const name = str(alert['name']) ?? `#${i + 1}`;
      const node = card.node([...path, 'name']) ?? card.node(path) ?? card.anchor(path);
      const absent = missing.filter((k) => alert[k] === undefined);
      report(node, `Alert "${name}" has no ${missing.join(' and no ')}. When it fires nobody is bound to answer${missing.includes('runbook') ? ' and nobody knows the first steps' : ''}, so the release runs blind exactly when it misbehaves. Add ${missing.map((k) => (k === 'owner' ? 'the team or person paged' : 'a runbook link')).join(' and ')}.`, {
        fixes: [absent.length > 0 ? insertKeysFix(card, path, absent.map((k) => `${k}: <${k === 'owner' ? 'team' : 'runbook-path-or-url'}>`), `Add ${absent.join(' and ')} placeholders`) : undefined],
      });
    });
  },
});
