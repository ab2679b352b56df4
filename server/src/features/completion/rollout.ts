/**
 * Completion of auto-rollback metrics from the metric catalogue: where a condition's metric is
 * typed (`- p9|` or `{ metric: p9| }`), every metric the card can express, each with what it
 * measures and its PromQL, and in the string form a snippet with the gate's threshold when the
 * card has one, so the condition agrees with the gate from the start.
 */
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem } from 'vscode-languageserver';
import { catalogueNames, readSeries, resolveMetric } from '../../rollout';
import { matchingThreshold } from '../../rollout/conditions';
import type { CursorContext } from './context';

const METRIC_PREFIX = /^[A-Za-z_][A-Za-z0-9_.:]*$|^$/;

/** The catalogue's metrics at a condition's metric position; [] anywhere else. */
export function rolloutMetricItems(ctx: CursorContext): CompletionItem[] {
  const [section, list, index, key] = ctx.path;
  if (section !== 'rollout' || list !== 'auto_rollback_on' || typeof index !== 'number') return [];
  const objectForm = ctx.path.length === 4 && key === 'metric';
  if (!objectForm && (ctx.path.length !== 3 || !METRIC_PREFIX.test(ctx.prefix))) return [];
  const card = { get: ctx.valueAt };
  const { series } = readSeries(card, 'argo');
  return catalogueNames(card).map((metric, i): CompletionItem => {
    const r = resolveMetric(card, series, metric);
    const threshold = matchingThreshold(card, metric);
    const value = threshold ? String(Number(threshold.value.toPrecision(12))) : 'threshold';
    const space = ctx.needsSpace ? ' ' : '';
    return {
      label: metric,
      kind: CompletionItemKind.Field,
      detail: r.ok ? `${r.query.kind} · ${r.query.series.join(', ')}` : 'no series declared',
      documentation: { kind: MarkupKind.Markdown, value: r.ok ? `Rolls back on ${r.query.description}.\n\n\`\`\`promql\n${r.query.build(series.canary, '5m')}\n\`\`\`` : r.reason },
      sortText: `0${String(i).padStart(3, '0')}`,
      filterText: metric,
      ...(objectForm
        ? { textEdit: { range: ctx.range, newText: space + metric } }
        : { insertTextFormat: InsertTextFormat.Snippet, textEdit: { range: ctx.range, newText: `${space}${metric} > \${1:${value}}` } }),
    };
  });
}
