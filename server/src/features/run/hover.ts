/**
 * The hover part on a threshold: what the last run measured there and when, so a reviewer sees the
 * evidence behind a number without opening the run record.
 */
import type { RecordCheck } from '../../records';
import type { HoverContext } from '../hover';
import { checkLabel, formatNumber } from '../../format';
import { ageText, resultText, STATUS_MARK } from './format';
import type { StoredResults } from './results-store';

/** True when two card paths are the same. */
function samePath(a: readonly (string | number)[], b: readonly (string | number)[]): boolean {
  return a.length === b.length && a.every((seg, i) => String(seg) === String(b[i]));
}

/** One check as a markdown line: its name, the comparison, and the exact values (rounded nowhere else). */
function line(gate: string, c: RecordCheck): string {
  const parts = [`**${resultText(c)}**`];
  const exact = [c.observed, c.threshold].filter((v) => typeof v === 'number' && String(v) !== String(Number((v as number).toPrecision(4))));
  if (exact.length > 0) parts.push(`exact: observed ${String(c.observed)}, threshold ${String(c.threshold)}`);
  if (c.sample_size !== undefined) parts.push(`n = ${formatNumber(c.sample_size)}`);
  return `- ${STATUS_MARK[c.status]} ${checkLabel(c)} (\`${gate}.${c.id}\`): ${parts.join(' · ')}`;
}

/** Markdown about the checks decided by the threshold under the cursor, or undefined. */
export function lastRunHover(ctx: HoverContext, results: StoredResults | undefined): string | undefined {
  if (!results) return undefined;
  const lines: string[] = [];
  for (const g of results.record.gates) {
    for (const c of g.checks) if (samePath(c.at, ctx.target.path)) lines.push(line(g.gate, c));
  }
  if (lines.length === 0) return undefined;
  const when = `${ageText(results.record.finished_at)} (${results.record.finished_at})`;
  const head = results.stale
    ? `**Last run** ${when}, **stale**: ${results.staleReason ?? 'bundle changed'}`
    : `**Last run** ${when}`;
  return [head, '', ...lines.slice(0, 8), ...(lines.length > 8 ? [`- … and ${lines.length - 8} more`] : [])].join('\n');
}
