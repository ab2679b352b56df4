/**
 * Auto-rollback conditions the rollout controller can evaluate as meant: known metrics, values in
 * the unit the metric's name implies, and comparisons that fire when the metric gets worse.
 */
import type { Card } from '../card/model';
import { closest } from '../schema/suggest';
import { catalogueNames } from '../rollout/catalogue';
import { conditions, family, higherIsWorse, rewriteCondition, unitFits, unitKind, type Condition } from './conditions';
import { convertToNameUnit, UNIT_WORDS } from '../card/units';
import type { Report } from './types';
import { defineRule } from './types';
import { fmt, list, obj } from './values';


/** Flags unknown metrics, units that contradict the metric name, and comparisons in the wrong direction. */
export const validAutoRollback = defineRule({
  meta: {
    id: 'valid-auto-rollback',
    severity: 'error',
    summary: 'An auto-rollback condition names an unknown metric, uses the wrong unit, or fires in the wrong direction.',
    fix: 'replace',
  },
  check(card, report) {
    const known = knownMetrics(card);
    for (const c of conditions(card)) {
      if (c.metric === undefined || c.value === undefined || c.op === undefined) continue;
      checkMetric(card, c, known, report) || checkUnit(card, c, report) || checkDirection(card, c, report);
    }
  },
});

/** The metric catalogue (built-ins and declared gauges) plus every metric the observability gate declares in its planes. */
function knownMetrics(card: Card): string[] {
  const planes = obj(card.get(['gates', 'observability', 'planes'])) ?? {};
  const declared = Object.values(planes).flatMap((p) => list(p)).filter((m): m is string => typeof m === 'string');
  return [...new Set([...catalogueNames(card), ...declared])];
}

function checkMetric(card: Card, c: Condition, known: readonly string[], report: Report): boolean {
  const metric = c.metric as string;
  if (known.includes(metric) || family(metric) !== 'other') return false;
  const guess = closest(metric, known);
  report(card.node(c.path) ?? card.anchor(c.path), `Auto-rollback metric "${metric}" is neither a built-in metric nor declared under gates.observability.planes${guess ? `; did you mean "${guess}"?` : '.'} A condition on a metric nobody exports never fires, so the canary has no brake. Use a known metric or declare it in a plane.`, {
    fixes: [guess ? rewriteCondition(card, c, { metric: guess }, `Change to "${guess}"`) : undefined],
  });
  return true;
}

function checkUnit(card: Card, c: Condition, report: Report): boolean {
  const metric = c.metric as string;
  const value = c.value as number;
  const unit = c.unit ?? '';
  const kind = unitKind(metric);
  const node = card.node(c.path) ?? card.anchor(c.path);
  if (kind === 'ratio' && unit === '' && value > 1) {
    report(node, `"${c.raw}": ${metric} is a share from 0 to 1, so ${value} means ${fmt(value * 100)} % and can never be exceeded. Write "${value}%" or ${fmt(value / 100)}.`, {
      fixes: [rewriteCondition(card, c, { unit: '%' }, `Write ${value}%`, true), rewriteCondition(card, c, { value: value / 100 }, `Write ${fmt(value / 100)}`)],
    });
    return true;
  }
  if (unitFits(kind, unit)) return false;
  const converted = convertToNameUnit(value, unit, kind);
  const fix = converted === undefined ? undefined : rewriteCondition(card, c, { value: converted, unit: '' }, `Write ${fmt(converted)} (${UNIT_WORDS[kind]})`, true);
  report(node, `"${c.raw}": the unit "${unit}" does not fit ${metric}, whose name says ${UNIT_WORDS[kind]}. The controller compares raw numbers, so the rollback would fire at the wrong level or never. Write the value in ${UNIT_WORDS[kind]}.`, { fixes: [fix] });
  return true;
}

function checkDirection(card: Card, c: Condition, report: Report): boolean {
  const metric = c.metric as string;
  if (!higherIsWorse(metric) || c.op === '>' || c.op === '>=') return false;
  report(card.node(c.path) ?? card.anchor(c.path), `"${c.raw}" rolls back when ${metric} is ${c.op === '!=' ? 'anything but' : c.op === '==' ? 'exactly' : 'below'} the threshold, but higher ${metric} is worse: this rolls back healthy releases and keeps failing ones. Use ">".`, {
    fixes: [rewriteCondition(card, c, { op: '>' }, 'Change the comparison to ">"', true)],
  });
  return true;
}

