/**
 * Inlay hints beside thresholds: the value the last run measured (`= 912 ms ✖`). A hint is shown
 * only where a check's threshold is a scalar the card still has, so hints never float over
 * unrelated text after an edit; several checks on one threshold share one hint.
 */
import { isPair, isScalar } from 'yaml';
import type { InlayHint, Range } from 'vscode-languageserver';
import type { Card } from '../card/model';
import type { RecordCheck } from '../records';
import { STATUS_MARK, valueText } from './run/format';
import type { StoredResults } from './run/results-store';

/** The end of the scalar value at a check's path, or undefined when it is not a scalar there. */
function valueEnd(card: Card, c: RecordCheck): Range['end'] | undefined {
  if (c.at.length === 0) return undefined;
  const last = c.at[c.at.length - 1];
  const node = typeof last === 'number' ? card.node(c.at) : card.pair(c.at)?.value;
  if (!isScalar(node) || isPair(node)) return undefined;
  return card.range(node).end;
}

/** The label of one check's measurement. */
function label(c: RecordCheck): string | undefined {
  if (c.observed === undefined || c.observed === null) return undefined;
  const v = valueText(c.observed, c.unit);
  return v.length > 40 ? undefined : `${v} ${STATUS_MARK[c.status]}`;
}

/** True when a position lies inside a range (inclusive), for the client's visible range. */
function within(p: Range['end'], r: Range | undefined): boolean {
  if (!r) return true;
  return (p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character))
    && (p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character));
}

/** The hints of a card's results within a range. */
export function cardInlayHints(card: Card, results: StoredResults | undefined, range?: Range): InlayHint[] {
  if (!results) return [];
  const byPlace = new Map<string, { position: Range['end']; labels: string[] }>();
  for (const g of results.record.gates) {
    for (const c of g.checks) {
      const position = valueEnd(card, c);
      const text = label(c);
      if (!position || !text || !within(position, range)) continue;
      const key = `${position.line}:${position.character}`;
      const entry = byPlace.get(key) ?? { position, labels: [] };
      if (entry.labels.length < 3) entry.labels.push(text);
      byPlace.set(key, entry);
    }
  }
  const stale = results.stale ? ' (stale)' : '';
  return [...byPlace.values()].map(({ position, labels }) => ({
    position, label: `= ${labels.join(', ')}${stale}`, paddingLeft: true,
    tooltip: results.stale ? `Measured by the last run, before the bundle changed (${results.staleReason ?? 'bundle changed'}).` : `Measured by the last run (${results.record.finished_at}).`,
  }));
}
