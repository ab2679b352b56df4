/** The incident runbook has an owner and was exercised recently; an untested runbook fails when needed. */
import type { Card } from '../card/model';
import { insertKeysFix } from './fixes';
import type { Report } from './types';
import { defineRule } from './types';
import { dateValue, daysBetween, filled, num, obj } from './values';

/** How old a runbook test may be when the card does not say (the rollback gate's default drill age). */
const DEFAULT_MAX_AGE_DAYS = 90;

/** Flags a rollback gate without a runbook, or whose runbook has no owner, was never tested, or not recently. */
export const requireTestedRunbook = defineRule({
  meta: {
    id: 'require-tested-runbook',
    severity: 'error',
    summary: 'The incident runbook is missing, has no owner, or was not tested recently.',
    fix: 'skeleton',
    // Every case this rule reports makes one of these checks of the rollback gate fail, on the same `now`.
    coveredBy: { gate: 'rollback', checks: ['runbook.owner', 'runbook.last_tested'] },
  },
  check(card, report, { now }) {
    const rollback = card.object(['gates', 'rollback']);
    if (!rollback) return;
    const runbook = obj(rollback['runbook']);
    if (!runbook) {
      report(card.anchor(['gates', 'rollback', 'runbook']), 'The rollback gate names no incident runbook. Under pressure, people follow what is written; without a tested runbook the rollback depends on who happens to be on call. Add runbook with path, owner and last_tested.', {
        fixes: [insertKeysFix(card, ['gates', 'rollback'], ['runbook:\n  path: <runbook-path-or-url>\n  owner: <team>\n  last_tested: <YYYY-MM-DD>'], 'Add a runbook skeleton')],
      });
      return;
    }
    const missing = (['owner', 'last_tested'] as const).filter((k) => !filled(runbook[k]));
    if (missing.length > 0) {
      const what = missing.length === 2 ? 'no owner and was never tested' : missing[0] === 'owner' ? 'no owner' : 'never been tested (no last_tested)';
      report(card.anchor(['gates', 'rollback', 'runbook']), `The runbook has ${what}. An unowned runbook goes stale; an untested one fails at the first step nobody tried. Name its owner and exercise it in a simulation.`, {
        fixes: [insertKeysFix(card, ['gates', 'rollback', 'runbook'], missing.filter((k) => runbook[k] === undefined).map((k) => `${k}: <${k === 'owner' ? 'team' : 'YYYY-MM-DD'}>`), 'Add the missing runbook fields')],
      });
      return;
    }
    checkAge(card, runbook['last_tested'], now, report);
  },
});

function checkAge(card: Card, value: unknown, now: Date, report: Report): void {
  const tested = dateValue(value);
  const node = card.node(['gates', 'rollback', 'runbook', 'last_tested']);
  if (!tested || !node) return;
  const maxAge = num(card.get(['gates', 'rollback', 'max_drill_age_days'])) ?? DEFAULT_MAX_AGE_DAYS;
  const age = daysBetween(tested, now);
  if (age <= maxAge) return;
  report(node, `The runbook was last tested ${age} days ago, more than the ${maxAge} days allowed (max_drill_age_days). Services, owners and commands change; test it again before this release.`);
}
