/**
 * The files under test/fixtures/prometheus that are generated from slo-card.yaml: the rules file
 * and one promtool suite per window pair. The unit test checks the committed copies match; the
 * integration test runs promtool on them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateAlerts } from '../../../server/src/alerts/generate';
import { promtoolSuites } from '../../../server/src/alerts/promtool-tests';
import { Card } from '../../../server/src/card/model';
import { parseCard } from '../../../server/src/card/parse';

/** Folder of the Prometheus fixtures. */
export const PROM_FIXTURES = join(__dirname, '..', '..', 'fixtures', 'prometheus');

/** Parses a card file. */
export function loadCard(file: string): Card {
  return new Card(file, parseCard(readFileSync(file, 'utf8')));
}

/** Every generated fixture file (name relative to PROM_FIXTURES, and its text). */
export function fixtureFiles(): { file: string; text: string }[] {
  const card = loadCard(join(PROM_FIXTURES, 'slo-card.yaml'));
  const rules = generateAlerts(card);
  if (!rules.ok) throw new Error(rules.problems.map((p) => p.message).join('\n'));
  const alerts = Object.fromEntries(rules.alerts.map((a) => [a.severity, a]));
  const suites = promtoolSuites({
    rulesFile: 'alerts.rules.yaml', objectivePercent: 99.9, windows: rules.windows, alerts, groups: rules.groups,
    errorSeries: 'slo_requests_failed_total{service="scorer"}', totalSeries: 'slo_requests_total{service="scorer"}',
  });
  return [{ file: 'alerts.rules.yaml', text: rules.text }, ...suites];
}
