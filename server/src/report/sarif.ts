/**
 * SARIF 2.1.0 output for code-scanning services: one run, the driver's rules (every code that
 * appears, with summary, help link and default level) and one result per finding.
 */
import type { Severity } from '../card/findings';
import { describeCode } from './describe';
import { oneBased, reportPath, type ReportFile, type ReportOptions } from './types';

/** The schema URI SARIF consumers expect in `$schema`. */
export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** SARIF's result levels. */
export type SarifLevel = 'error' | 'warning' | 'note' | 'none';

/** Maps our severities onto SARIF levels (SARIF has no hint; info and hint are notes). */
export function sarifLevel(s: Severity): SarifLevel {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note';
}

/** Builds the SARIF log object. */
export function toSarif(files: readonly ReportFile[], options: ReportOptions = {}): Record<string, unknown> {
  const codes = [...new Set(files.flatMap((f) => f.findings.map((x) => x.code)))].sort();
  const ruleIndex = new Map(codes.map((c, i) => [c, i]));
  const rules = codes.map((id) => {
    const d = describeCode(id);
    return {
      id,
      shortDescription: { text: d.summary },
      // No public site hosts the pages, so no helpUri (SARIF wants an absolute URI): the help says
      // where the page is in the package and how to print it.
      ...(d.href ? { help: { text: helpText(d.href, d.explain) } } : {}),
      defaultConfiguration: { level: sarifLevel(d.severity) },
    };
  });
  const results = files.flatMap((file) => file.findings.map((f) => ({
    ruleId: f.code,
    ruleIndex: ruleIndex.get(f.code) ?? 0,
    level: sarifLevel(f.severity),
    message: { text: f.message },
    locations: [{
      physicalLocation: {
        artifactLocation: { uri: encodeURI(reportPath(file.path)) },
        region: oneBased(f),
      },
    }],
  })));
  const driver = {
    name: 'release-gates',
    ...(options.version ? { version: options.version, semanticVersion: options.version } : {}),
    rules,
  };
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [{ tool: { driver }, columnKind: 'utf16CodeUnits', results }] };
}

/** Where a code's page is: its path in the release-gates package, and the command that prints it. */
function helpText(href: string, explain: string | undefined): string {
  return `See ${href} in the release-gates package${explain ? `, or run "${explain}"` : ''}.`;
}

/** Renders the SARIF log as pretty-printed JSON. */
export function formatSarif(files: readonly ReportFile[], options: ReportOptions = {}): string {
  return JSON.stringify(toSarif(files, options), null, 2) + '\n';
}
