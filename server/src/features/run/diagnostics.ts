/**
 * Diagnostics from a card's last run: one per threshold that failed or could not decide, saying
 * what was compared ("1075 ms > 800 ms allowed") and the sample size. A problem several checks share
 * (one missing file stops every check of its gate) is one diagnostic with their count, the other
 * thresholds as related locations. When the bundle has changed since, they are downgraded to
 * information marked stale, because they describe a release that no longer exists.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Card } from '../../card/model';
import { checkLabel, formatNumber } from '../../format';
import { checkCode, checkRange, groupProblems } from '../../gates/engine/report';
import type { RecordCheck } from '../../records';
import { SOURCE } from '../convert';
import { resultText } from './format';
import type { StoredResults } from './results-store';

/** "warm p99 latency 1075 ms > 800 ms allowed (n = 20,000)". */
function measured(c: RecordCheck): string {
  const n = c.sample_size !== undefined ? ` (n = ${formatNumber(c.sample_size)})` : '';
  return `${checkLabel(c)}: ${resultText(c)}${n}`;
}

/** The range of a stored check on the card as it is now. */
function rangeOf(card: Card, c: RecordCheck): Diagnostic['range'] {
  return checkRange(card, { id: c.id, status: c.status, message: c.message, at: c.at });
}

/** The diagnostics of a card's stored results. */
export function runDiagnostics(card: Card, results: StoredResults | undefined): Diagnostic[] {
  if (!results) return [];
  const out: Diagnostic[] = [];
  const prefix = results.stale ? `stale (${results.staleReason ?? 'bundle changed'}), last run: ` : '';
  for (const g of results.record.gates) {
    for (const { first: c, all } of groupProblems(g.checks)) {
      const verdict = `${g.gate} gate ${c.status === 'fail' ? 'failed' : 'could not decide'}`;
      const others = all.slice(1);
      const shared = others.length > 0 ? ` The same problem stops ${all.length} checks: ${all.map((x) => checkLabel(x)).join(', ')}.` : '';
      out.push({
        range: rangeOf(card, c),
        severity: results.stale ? DiagnosticSeverity.Information : DiagnosticSeverity.Error,
        code: checkCode(g.gate, { id: c.id, status: c.status, message: c.message, at: c.at }),
        source: SOURCE,
        message: `${prefix}${verdict}: ${measured(c)}. ${c.message}${shared}`,
        ...(others.length > 0 ? { relatedInformation: others.map((x) => ({ location: { uri: card.source, range: rangeOf(card, x) }, message: `${checkLabel(x)}: same problem` })) } : {}),
      });
    }
  }
  return out;
}
