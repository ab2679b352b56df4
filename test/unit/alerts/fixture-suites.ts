/**
 * The files under test/fixtures/prometheus/<case>/ that are generated from each case's card.yaml:
 * the rules file, one promtool suite per window pair and the low-traffic suite. The unit test checks
 * the committed copies match; the integration test runs promtool on them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type GeneratedRules, generateAlerts } from '../../../server/src/alerts/generate';
import { lowTrafficSuite, promtoolSuites, type SuiteInput } from '../../../server/src/alerts/promtool-tests';
import { Card } from '../../../server/src/card/model';
import { parseCard } from '../../../server/src/card/parse';

/** Folder of the Prometheus fixtures. */
export const PROM_FIXTURES = join(__dirname, '..', '..', 'fixtures', 'prometheus');

/** One fixture case: its folder, the SLO it tests, and the counters its SLI reads. */
export interface PromCase {
  dir: string;
  objectivePercent: number;
  counters: SuiteInput['counters'];
  totalSeries: string;
}

/** The four cases: 99.9 %, 99 % (good/total SLI), 90 % (capped profile) and a low-traffic service. */
export const PROM_CASES: readonly PromCase[] = [
  { dir: 'slo-99.9', objectivePercent: 99.9, counters: { errorSeries: 'slo_requests_failed_total{service="scorer"}' }, totalSeries: 'slo_requests_total{service="scorer"}' },
  { dir: 'slo-99', objectivePercent: 99, counters: { goodSeries: 'slo_requests_ok_total{service="ranker"}' }, totalSeries: 'slo_requests_total{service="ranker"}' },
  { dir: 'slo-90', objectivePercent: 90, counters: { errorSeries: 'slo_requests_failed_total{service="batch-scorer"}' }, totalSeries: 'slo_requests_total{service="batch-scorer"}' },
  { dir: 'low-traffic', objectivePercent: 99.5, counters: { errorSeries: 'slo_requests_failed_total{service="feature-lookup"}' }, totalSeries: 'slo_requests_total{service="feature-lookup"}' },
];

/** Parses a card file. */
export function loadCard(file: string): Card {
  return new Card(file, parseCard(readFileSync(file, 'utf8')));
}

/** The generated rules of a card, or an exception naming its problems (a fixture must generate). */
export function rulesOf(card: Card): GeneratedRules {
  const rules = generateAlerts(card);
  if (!rules.ok) throw new Error(rules.problems.map((p) => p.message).join('\n'));
  return rules;
}

/** The suite input for a case's rules. */
export function suiteInput(c: PromCase, rules: GeneratedRules): SuiteInput {
  const alerts = Object.fromEntries(rules.alerts.map((a) => [a.severity, a]));
  return {
    rulesFile: 'alerts.rules.yaml', objectivePercent: c.objectivePercent, windows: rules.windows, alerts, groups: rules.groups,
    counters: c.counters, totalSeries: c.totalSeries, minRequestRate: rules.guard.minRate,
  };
}

/** Every generated fixture file of a case (name relative to the case folder, and its text). */
export function fixtureFiles(c: PromCase): { file: string; text: string }[] {
  const rules = rulesOf(loadCard(join(PROM_FIXTURES, c.dir, 'card.yaml')));
  const input = suiteInput(c, rules);
  return [{ file: 'alerts.rules.yaml', text: rules.text }, ...promtoolSuites(input), lowTrafficSuite(input, { rate: rules.guard.minRate, guarded: true })];
}
