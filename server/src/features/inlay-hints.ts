/**
 * Inlay hints beside thresholds: what the last run measured there, as a comparison
 * (`1075 ms > 800 ms allowed ✖`), never as an equation after the card's value. A hint is shown only
 * where a check's threshold is a scalar the card still has, so hints never float over unrelated text
 * after an edit; several checks on one threshold share one hint, each named (`tenure_months 0.0189 ✔`).
 */
import { isPair, isScalar } from 'yaml';
import type { InlayHint, Range } from 'vscode-languageserver';
import type { Card } from '../card/model';
import { checkLabel, comparisonHolds, shorten } from '../format';
import type { RecordCheck } from '../records';
import { resultText, STATUS_MARK, valueText } from './run/format';
import type { StoredResults } from './run/results-store';

/** Longest hint text of one check. */
const MAX_HINT = 60;

/** Checks named in one shared hint before the rest are counted. */
const MAX_SHARED = 3;

/** The end of the scalar value at a check's path, or undefined when it is not a scalar there. */
function valueEnd(card: Card, c: RecordCheck): Range['end'] | undefined {
  if (c.at.length === 0) return undefined;
  const last = c.at[c.at.length - 1];
  const node = typeof last === 'number' ? card.node(c.at) : card.pair(c.at)?.value;
  if (!isScalar(node) || isPair(node)) return undefined;
  return card.range(node).end;
}

/** A check alone at its threshold: the comparison it made, or its name and value when it compared nothing. */
function soleText(c: RecordCheck): string {
  const text = c.threshold === undefined && c.summary === undefined ? `${checkLabel(c)}: ${resultText(c)}` : resultText(c);
  return `${shorten(text, MAX_HINT)} ${STATUS_MARK[c.status]}`;
}

/**
 * What tells apart checks that share a threshold: their ids without the common beginning and end
 * (`drift.tenure_months` → `tenure_months`, `cost_per_useful_result_7d.cap` → `7d`).
 */
export function distinctNames(ids: readonly string[]): string[] {
  if (ids.length < 2) return [...ids];
  const first = ids[0] as string;
  let pre = 0;
  while (pre < first.length && ids.every((id) => id[pre] === first[pre])) pre++;
  let suf = 0;
  while (suf < first.length - pre && ids.every((id) => id.length - suf > pre && id[id.length - 1 - suf] === first[first.length - 1 - suf])) suf++;
  // Cut only at separators, so "page_1h" and "page_6h" stay "1h" and "6h", not "1" and "6".
  while (pre > 0 && !/[._]/.test(first[pre - 1] ?? '')) pre--;
  while (suf > 0 && !/[._]/.test(first[first.length - suf] ?? '')) suf--;
  return ids.map((id) => id.slice(pre, id.length - suf) || id);
}

/**
 * A check sharing its threshold with others: the name that tells it apart, and its value. A value
 * on the wrong side of a threshold that did not decide (a drifted column that is not critical) is
 * marked ⚠, not ✔.
 */
function sharedText(c: RecordCheck, name: string): string {
  const value = c.status === 'error' || typeof c.observed !== 'number' ? shorten(resultText(c), 30) : valueText(c.observed, c.unit);
  const mark = c.status === 'pass' && comparisonHolds(c) === false ? '⚠' : STATUS_MARK[c.status];
  return `${name} ${value} ${mark}`;
}

/** The hint text of the checks at one place. */
function hintLabel(checks: readonly RecordCheck[]): string {
  if (checks.length === 1) return soleText(checks[0] as RecordCheck);
  const names = distinctNames(checks.map((c) => c.id));
  const shown = checks.slice(0, MAX_SHARED).map((c, i) => sharedText(c, names[i] ?? c.id));
  return `${shown.join(' · ')}${checks.length > MAX_SHARED ? ` · +${checks.length - MAX_SHARED} more` : ''}`;
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
  const byPlace = new Map<string, { position: Range['end']; checks: RecordCheck[] }>();
  for (const g of results.record.gates) {
    for (const c of g.checks) {
      // A passing check without a number ("numeric", a list of suites) would only repeat the card.
      if (c.status === 'pass' && typeof c.observed !== 'number') continue;
      const position = valueEnd(card, c);
      if (!position || !within(position, range)) continue;
      const key = `${position.line}:${position.character}`;
      const entry = byPlace.get(key) ?? { position, checks: [] };
      entry.checks.push(c);
      byPlace.set(key, entry);
    }
  }
  const stale = results.stale ? ' (stale)' : '';
  const when = results.stale ? `Measured by the last run, before the bundle changed (${results.staleReason ?? 'bundle changed'}).` : `Measured by the last run (${results.record.finished_at}).`;
  return [...byPlace.values()].map(({ position, checks }) => ({
    position, label: `${hintLabel(checks)}${stale}`, paddingLeft: true,
    tooltip: [when, ...checks.map((c) => `${STATUS_MARK[c.status]} ${checkLabel(c)}: ${resultText(c)}`)].join('\n'),
  }));
}
