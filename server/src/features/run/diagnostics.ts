/**
 * Diagnostics from a card's last run: one per threshold that failed or could not decide, with the
 * observed value, the threshold and the sample size. When the bundle has changed since, they are
 * downgraded to information marked stale, because they describe a release that no longer exists.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Card } from '../../card/model';
import { checkCode, checkRange } from '../../gates/engine/report';
import type { RecordCheck } from '../../records';
import { SOURCE } from '../convert';
import { valueText } from './format';
import type { StoredResults } from './results-store';

/** "observed 912 ms, threshold 800 ms, n = 20000". */
function measured(c: RecordCheck): string {
  const parts: string[] = [];
  if (c.observed !== undefined) parts.push(`observed ${valueText(c.observed, c.unit)}`);
  if (c.threshold !== undefined) parts.push(`threshold ${valueText(c.threshold, c.unit)}`);
  if (c.sample_size !== undefined) parts.push(`n = ${c.sample_size}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/** The diagnostics of a card's stored results. */
export function runDiagnostics(card: Card, results: StoredResults | undefined): Diagnostic[] {
  if (!results) return [];
  const out: Diagnostic[] = [];
  for (const g of results.record.gates) {
    for (const c of g.checks) {
      if (c.status === 'pass') continue;
      const verdict = `${g.gate} gate ${c.status === 'fail' ? 'failed' : 'could not decide'}`;
      const prefix = results.stale ? `stale (${results.staleReason ?? 'bundle changed'}), last run: ` : '';
      out.push({
        range: checkRange(card, { id: c.id, status: c.status, message: c.message, at: c.at }),
        severity: results.stale ? DiagnosticSeverity.Information : DiagnosticSeverity.Error,
        code: checkCode(g.gate, { id: c.id, status: c.status, message: c.message, at: c.at }),
        source: SOURCE,
        message: `${prefix}${verdict}${measured(c)}: ${c.message}`,
      });
    }
  }
  return out;
}
